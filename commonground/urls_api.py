"""The site's JSON API: one NinjaAPI at /api/, with a router per capability.

The kit every router uses (errors, pagination, auth) lives in commonground/api/; this module
sits above all the apps, so the kit never imports them.

OpenAPI description at /api/schema, human documentation at /api/docs.
"""

from ninja import NinjaAPI

from commonground.api import errors, openapi
from commonground.commissioning import api as commissioning_api
from commonground.compacts import api as compacts_api
from commonground.core import api as core_api
from commonground.directory import api as directory_api
from commonground.engagement import api as engagement_api
from commonground.funding import api as funding_api
from commonground.monitoring import api as monitoring_api
from commonground.partnerships import api as partnerships_api
from commonground.planning import api as planning_api
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
api.add_router("/", core_api.router)
api.add_router("/", directory_api.router)
api.add_router("/representation/", representation_api.router)
api.add_router("/", partnerships_api.router)
api.add_router("/engagement/", engagement_api.router)
api.add_router("/", funding_api.router)
api.add_router("/", commissioning_api.router)
api.add_router("/", planning_api.router)
api.add_router("/monitoring/", monitoring_api.router)
api.add_router("/", compacts_api.router)
