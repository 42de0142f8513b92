from django.urls import path

from commonground.funding import views_public as public
from commonground.funding import views_staff as staff

app_name = "funding"
urlpatterns = [
    path("", public.national_flows, name="index"),
    path("area/<slug:area_slug>/", public.area_flows, name="area"),
    path("calculator/", public.calculator, name="calculator"),
    path("360giving/", staff.threesixty, name="threesixty"),
    path("agreements/", public.agreement_list, name="agreements"),
    path("agreements/new/", staff.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/", public.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/sign/", staff.agreement_sign, name="agreement-sign"),
    path("agreements/<int:pk>/vary/", staff.agreement_vary, name="agreement-vary"),
    path("agreements/<int:pk>/notice/", staff.agreement_notice, name="agreement-notice"),
    path("agreements/<int:pk>/end/", staff.agreement_end, name="agreement-end"),
]
