"""Who may do what with compacts (django-rules).

- Everyone sees the register, findings, health, published reports and published outcomes,
  and may raise a concern (signed in or not, named or anonymous).
- Infrastructure staff and area admins of the compact's area, and superusers, keep the
  register, adopt packs, set overrides, record reasons, run the rules, move disputes and
  publish reports.
"""

from typing import Any

import rules

from commonground.compacts.models import Compact, Dispute
from commonground.core.models import RoleAssignment


def _compact(obj: Any) -> Compact | None:
    if isinstance(obj, Compact):
        return obj
    if isinstance(obj, Dispute):
        return obj.compact
    return getattr(obj, "compact", None)


@rules.predicate
def is_compact_staff(user: Any, obj: Any) -> bool:
    compact = _compact(obj)
    if compact is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.filter(
        user_id=user.pk,
        area_id=compact.area_id,
        role__in=[RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN],
    ).exists()


rules.add_perm("compacts.manage_compact", is_compact_staff)
rules.add_perm("compacts.raise_concern", rules.always_allow)
rules.add_perm("compacts.handle_dispute", is_compact_staff)
