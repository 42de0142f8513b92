from django.urls import path

from commonground.monitoring import views_staff as staff

app_name = "monitoring"
urlpatterns = [
    path("", staff.programme_list, name="index"),
    path("load/", staff.logic_model_load, name="load"),
    path("<slug:slug>/", staff.programme_detail, name="programme"),
    path("<slug:slug>/logic-model.json", staff.logic_model_json, name="logic-model-json"),
    path("<slug:slug>/report/", staff.report, name="report"),
    path("<slug:slug>/tables/<slug:layout_slug>/", staff.layout, name="layout"),
    path("<slug:slug>/evidence/", staff.evidence_list, name="evidence"),
    path("<slug:slug>/evidence/import/", staff.evidence_upload, name="evidence-import"),
    path("<slug:slug>/evidence/new/", staff.evidence_create, name="evidence-create"),
    path("<slug:slug>/evidence/<int:pk>/", staff.evidence_detail, name="evidence-detail"),
    path("<slug:slug>/rules/", staff.rule_list, name="rules"),
    path("<slug:slug>/rules/new/", staff.rule_edit, name="rule-create"),
    path("<slug:slug>/rules/<int:pk>/", staff.rule_edit, name="rule-edit"),
]
