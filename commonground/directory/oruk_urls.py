"""URLs of the ORUK API, mounted at /oruk/ outside the language prefix."""

from django.urls import path

from commonground.directory import oruk_api as v

app_name = "oruk"
urlpatterns = [
    path("", v.api_details, name="api-details"),
    path("openapi.json", v.openapi, name="openapi"),
    path("services", v.services, name="services"),
    path("services/<str:pk>", v.service, name="service"),
    path("service_at_locations", v.service_at_locations, name="service-at-locations"),
    path("service_at_locations/<str:pk>", v.service_at_location, name="service-at-location"),
    path("taxonomies", v.taxonomies, name="taxonomies"),
    path("taxonomies/<str:pk>", v.taxonomy, name="taxonomy"),
    path("taxonomy_terms", v.taxonomy_terms, name="taxonomy-terms"),
    path("taxonomy_terms/<str:pk>", v.taxonomy_term, name="taxonomy-term"),
    path("organizations", v.organizations, name="organizations"),
    path("organizations/<str:pk>", v.organization, name="organization"),
]
