"""Agreements through their life: offered, signed, varied, notice given, ended; with events,
history and permissions."""

from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commonground.core.models import Area, DomainEvent, Organisation, User
from commonground.funding import actions
from commonground.funding.actions import PlannedPayment
from commonground.funding.models import Agreement

pytestmark = pytest.mark.django_db


def _types() -> list[str]:
    return list(DomainEvent.objects.order_by("pk").values_list("type", flat=True))


def test_life_of_an_agreement_emits_each_event(
    officer: User, offer: Callable[..., Agreement]
) -> None:
    agreement = offer(
        [
            PlannedPayment(date(2025, 4, 1), 600_000, "advance"),
            PlannedPayment(date(2025, 10, 1), 600_000, "arrears"),
        ]
    )
    assert [i.timing for i in agreement.instalments.all()] == ["advance", "arrears"]
    agreement = actions.sign_agreement(officer, agreement, date(2025, 3, 20))
    assert agreement.status == Agreement.Status.SIGNED
    variation = actions.vary_agreement(
        officer,
        agreement,
        {"notice_days": 30},
        reason="Budget cut",
        varied_on=date(2025, 9, 1),
    )
    assert variation.changes == {"notice_days": [90, 30]}
    agreement = actions.give_notice(
        officer, agreement, given_on=date(2025, 11, 1), ends_on=date(2025, 12, 1), reason="Cuts"
    )
    agreement = actions.end_agreement(officer, agreement, date(2025, 12, 1))
    assert agreement.status == Agreement.Status.ENDED_EARLY
    assert _types()[-5:] == [
        "agreement.offered",
        "agreement.signed",
        "agreement.varied",
        "agreement.notice_given",
        "agreement.ended",
    ]
    notice = DomainEvent.objects.get(type="agreement.notice_given")
    assert (notice.payload["days_given"], notice.payload["days_required"]) == (30, 30)
    reasons = list(
        agreement.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons == ["Offered", "Signed", "Varied: Budget cut", "Notice given", "Ended"]


def test_instalments_must_add_up(offer: Callable[..., Agreement]) -> None:
    with pytest.raises(ValidationError) as caught:
        offer([PlannedPayment(date(2025, 4, 1), 100, "advance")])
    assert "instalments" in caught.value.message_dict
    assert Agreement.objects.count() == 0


def test_end_before_start_is_refused(offer: Callable[..., Agreement]) -> None:
    with pytest.raises(ValidationError) as caught:
        offer(planned_start="2026-04", planned_end="2026-01-31")
    assert "planned_end" in caught.value.message_dict


def test_only_the_funders_officers_and_area_staff_record(
    make_user: Callable[..., User],
    council: Organisation,
    charity: Organisation,
    area: Area,
    other_area: Area,
) -> None:
    data = {
        "reference": "X1", "title": "T", "funder": council, "recipient": charity,
        "amount_pence": 100, "award_date": date(2025, 1, 1), "area": area,
    }  # fmt: skip
    for outsider in (
        make_user(admin_of=charity),
        make_user(role=("infrastructure_staff", other_area)),
    ):
        with pytest.raises(PermissionDenied):
            actions.offer_agreement(outsider, data, [])
    staff = make_user(role=("infrastructure_staff", area))
    assert actions.offer_agreement(staff, data, []).status == Agreement.Status.OFFERED


def test_who_sees_an_unpublished_agreement(
    offer: Callable[..., Agreement], make_user: Callable[..., User], charity: Organisation
) -> None:
    agreement = offer(published=False)
    member = make_user(member_of=charity)
    stranger = make_user()
    assert member.has_perm("funding.view_agreement", agreement)
    assert not stranger.has_perm("funding.view_agreement", agreement)
    assert not member.has_perm("funding.manage_agreement", agreement)
