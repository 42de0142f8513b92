"""Who may do what in the directory (django-rules), built on the core predicates.

Objects are services, organisations or suggestions; each predicate finds the organisation
that owns the object and asks the core question about it.
"""

from typing import Any

import rules

from commonground.core.models import Organisation
from commonground.core.permissions import (
    is_any_staff,
    is_area_staff,
    is_national_viewer,
    is_org_admin,
    is_org_member,
    is_publicly_listed,
)


def _organisation(obj: Any) -> Organisation | None:
    if obj is None or isinstance(obj, Organisation):
        return obj
    if hasattr(obj, "service"):  # a suggestion
        obj = obj.service
    return getattr(obj, "organisation", None)


def _on_organisation(predicate: Any, name: str) -> Any:
    @rules.predicate(name=name)
    def check(user: Any, obj: Any) -> bool:
        return bool(predicate(user, _organisation(obj)))

    return check


owns = _on_organisation(is_org_admin, "directory_is_org_admin")
staff_for = _on_organisation(is_area_staff, "directory_is_area_staff")
member_of = _on_organisation(is_org_member, "directory_is_org_member")
listed = _on_organisation(is_publicly_listed, "directory_is_listed")


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user.is_authenticated)


rules.add_perm("directory.view_service", listed | member_of | staff_for | is_national_viewer)
rules.add_perm("directory.change_service", owns | staff_for)
rules.add_perm("directory.add_service", owns | staff_for)
rules.add_perm("directory.suggest_change", is_signed_in)
rules.add_perm("directory.review_suggestion", owns | staff_for)
rules.add_perm("directory.view_review_queue", is_signed_in)
rules.add_perm("directory.import", is_any_staff)
rules.add_perm("directory.view_service_history", owns | staff_for)
