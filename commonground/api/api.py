"""The JSON API: one NinjaAPI, with a router per capability.

OpenAPI description at /api/schema, human documentation at /api/docs.
"""

from ninja import NinjaAPI

from commonground.api import core, errors, openapi
from commonground.engagement import api as engagement_api
from commonground.partnerships import api as partnerships_api
from commonground.representation import api as representation_api

api = NinjaAPI(
    title="Commonground API",
    version="1",
    description="Areas, organisations and the work of local partnerships, as JSON.",
    openapi_url="/schema",
    docs_url="/docs",
    urls_namespace="api",
)
errors.install(api)
openapi.install()
api.add_router("/", core.router)
api.add_router("/representation/", representation_api.router)
api.add_router("/", partnerships_api.router)
api.add_router("/engagement/", engagement_api.router)
