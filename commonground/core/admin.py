"""Django admin for staff. Every core model keeps history that staff can view and revert."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from commonground.core.models import (
    Affiliation,
    Area,
    BeneficiaryGroup,
    DomainEvent,
    Membership,
    Organisation,
    Person,
    Region,
    RoleAssignment,
    Theme,
    User,
)


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_cy"]


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_cy", "code", "region", "infrastructure_body"]
    list_filter = ["region", "country"]
    raw_id_fields = ["infrastructure_body"]


@admin.register(Theme, BeneficiaryGroup)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_cy", "slug"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organisation"
    extra = 0
    raw_id_fields = ["infrastructure_body"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "kind", "identifier", "area", "public_listing"]
    list_filter = ["kind", "area", "public_listing", "welsh_language"]
    search_fields = ["name_en", "name_cy", "identifier"]
    filter_horizontal = ["themes", "beneficiary_groups", "areas_served"]
    inlines = [MembershipInline]


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["given_name", "family_name", "email"]
    search_fields = ["given_name", "family_name", "email"]
    inlines = [AffiliationInline]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "person", "preferred_language", "is_staff"]
    search_fields = ["email"]
    raw_id_fields = ["person"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password", "person", "preferred_language"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(DomainEvent)
class DomainEventAdmin(admin.ModelAdmin):
    """Read-only: the event log is append-only."""

    list_display = ["occurred_at", "type", "area", "organisation", "actor"]
    list_filter = ["type", "area"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
