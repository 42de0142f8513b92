"""The URL map. Pages sit under a language prefix: English at /, Welsh at /cy/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from commonground.urls_api import api

urlpatterns = [
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("oruk/", include("commonground.directory.oruk_urls")),
    path("", include("commonground.engagement.urls_mail")),
    *i18n_patterns(
        path("", include("commonground.web.urls")),
        path("directory/", include("commonground.directory.urls")),
        path("representation/", include("commonground.representation.urls")),
        path("engagement/", include("commonground.engagement.urls")),
        path("partnerships/", include("commonground.partnerships.urls")),
        path("funding/", include("commonground.funding.urls")),
        path("planning/", include("commonground.planning.urls")),
        path("compacts/", include("commonground.compacts.urls")),
        path("commissioning/", include("commonground.commissioning.urls")),
        path("monitoring/", include("commonground.monitoring.urls")),
        prefix_default_language=False,
    ),
]

if settings.COMMONGROUND_BENCH:  # bench/load.py's baseline, never on a real site
    from commonground.core.views_bench import bare

    urlpatterns.append(path("bench/bare", bare))

handler400 = "commonground.web.views.bad_request"
handler403 = "commonground.web.views.permission_denied"
handler404 = "commonground.web.views.page_not_found"
handler500 = "commonground.web.views.server_error"
