"""An area with a CVC, a partnership body with a sector seat, member organisations and staff."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from commonground.core.models import Area, Membership, Organisation, User
from commonground.partnerships.models import Meeting, PartnershipBody, Seat
from commonground.representation import actions
from commonground.representation.models import Election, Vacancy


@dataclass
class Scene:
    area: Area
    cvc: Organisation
    staff: User
    body: PartnershipBody
    seat: Seat
    organisations: list[Organisation] = field(default_factory=list)
    admins: list[User] = field(default_factory=list)

    def advertise(self, **kwargs: Any) -> Vacancy:
        kwargs.setdefault("role_description_en", "Represent the sector on the board.")
        return actions.advertise_vacancy(self.staff, self.seat, **kwargs)

    def nominate(
        self, vacancy: Vacancy, index: int, statement: str = "I will listen and report back."
    ) -> Any:
        user = self.admins[index]
        return actions.submit_nomination(
            user, vacancy, self.organisations[index], user.person, statement
        )  # type: ignore[arg-type]


def add_members(
    scene: Scene,
    count: int,
    make_organisation: Callable[..., Organisation],
    make_user: Callable[..., User],
) -> None:
    """Member organisations, eligible to represent, each with an admin account."""
    for n in range(len(scene.organisations), len(scene.organisations) + count):
        organisation = make_organisation(
            name_en=f"Member {n:02d}", constituted=True, founded_on=date(2000, 1, 1)
        )
        Membership.objects.create(
            organisation=organisation,
            infrastructure_body=scene.cvc,
            engagement_level=Membership.EngagementLevel.REPRESENT,
            joined_on=date(2010, 1, 1),
        )
        scene.organisations.append(organisation)
        scene.admins.append(make_user(admin_of=organisation))


def build_scene(
    area: Area, make_organisation: Callable[..., Organisation], make_user: Callable[..., User]
) -> Scene:
    cvc = make_organisation(name_en="Test CVC", kind=Organisation.Kind.INFRASTRUCTURE)
    area.infrastructure_body = cvc
    area.save()
    staff = make_user(role=("infrastructure_staff", area))
    council = make_organisation(name_en="Test Council", kind=Organisation.Kind.PUBLIC_BODY)
    body = PartnershipBody.objects.create(
        slug="test-psb",
        name_en="Test Public Services Board",
        kind=PartnershipBody.Kind.PSB,
        convenor=council,
    )
    body.areas.add(area)
    seat = Seat.objects.create(body=body, name_en="Third sector seat", kind=Seat.Kind.SECTOR)
    scene = Scene(area=area, cvc=cvc, staff=staff, body=body, seat=seat)
    add_members(scene, 12, make_organisation, make_user)
    return scene


@pytest.fixture
def scene(
    area: Area, make_organisation: Callable[..., Organisation], make_user: Callable[..., User]
) -> Scene:
    return build_scene(area, make_organisation, make_user)


def end_nominations(vacancy: Vacancy) -> None:
    """Move the nomination window into the past, as if its closing date had gone by."""
    Vacancy.objects.filter(pk=vacancy.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    vacancy.refresh_from_db()


def run_to_election(
    scene: Scene, nominees: int = 3, method: str = Election.Method.SCOTTISH
) -> Election:
    """Advertise, take nominations, validate them, close after the window, open voting."""
    vacancy = scene.advertise()
    for index in range(nominees):
        nomination = scene.nominate(vacancy, index)
        actions.validate_nomination(scene.staff, nomination, accept=True)
    end_nominations(vacancy)
    actions.close_nominations(scene.staff, vacancy, method=method)
    election = Election.objects.get(vacancy=vacancy)
    return actions.open_voting(scene.staff, election)


def held_meeting(body: PartnershipBody, days_ago: int) -> Meeting:
    start = timezone.now() - timedelta(days=days_ago)
    return Meeting.objects.create(
        body=body, starts_at=start, ends_at=start + timedelta(hours=2), status=Meeting.Status.HELD
    )
