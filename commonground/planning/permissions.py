"""Who may do what with plans, report cards and the government requests log (django-rules).

- Whoever manages a body's meetings (infrastructure staff and area admins of its area, its
  board support officers, superusers) manages its plans, actions, report cards, requests and
  exception reports.
- A body's members (people holding one of its seats now, such as a sub-group's chair) build
  and update that body's report cards.
- An action's lead person writes its progress updates.
- Everyone reads published plans and published report cards.

Rules take a ``PartnershipBody``, or the record (plan, action, card) they are about.
"""

from typing import Any

import rules

from commonground.partnerships.models import PartnershipBody, SeatHolding
from commonground.partnerships.permissions import can_manage_meetings
from commonground.planning.models import Action, Measure, Plan, ReportCard


def _body(obj: Any) -> PartnershipBody | None:
    if isinstance(obj, PartnershipBody):
        return obj
    if isinstance(obj, Plan | ReportCard):
        return obj.body
    if isinstance(obj, Action):
        return obj.priority.plan.body
    if isinstance(obj, Measure):
        return obj.card.body
    return None


@rules.predicate
def manages_body(user: Any, obj: Any) -> bool:
    body = _body(obj)
    return body is not None and bool(can_manage_meetings.test(user, body))


@rules.predicate
def is_member_of_body(user: Any, obj: Any) -> bool:
    body = _body(obj)
    if body is None or not user.is_authenticated or user.person_id is None:
        return False
    return SeatHolding.objects.filter(
        seat__body=body, person_id=user.person_id, ended_on__isnull=True
    ).exists()


@rules.predicate
def leads_action(user: Any, obj: Any) -> bool:
    return (
        isinstance(obj, Action)
        and user.is_authenticated
        and obj.lead_id is not None
        and obj.lead_id == user.person_id
    )


@rules.predicate
def is_public(user: Any, obj: Any) -> bool:
    if isinstance(obj, Plan):
        return obj.published
    if isinstance(obj, ReportCard):
        return obj.published
    return False


rules.add_perm("planning.manage_plans", manages_body)
rules.add_perm("planning.update_action", manages_body | leads_action)
rules.add_perm("planning.manage_cards", manages_body | is_member_of_body)
rules.add_perm("planning.view_plan", is_public | manages_body)
rules.add_perm("planning.view_card", is_public | manages_body | is_member_of_body)
