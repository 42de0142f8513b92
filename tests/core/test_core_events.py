"""Domain events: an append-only, typed log that other apps emit to, query and subscribe to."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction

from commonground.core import actions, event_types, events
from commonground.core import permissions as _rules  # noqa: F401  (see test_core_permissions: rules are not registered at start-up)
from commonground.core.events import Event, emit, event_type, registered_types, subscribe
from commonground.core.models import DomainEvent, Organisation
from commonground.core.models.events import AppendOnlyError


@pytest.fixture
def organisation(make_organisation) -> Organisation:
    return make_organisation(name_en="Cardigan Youth Club")


@pytest.fixture
def org_admin(make_user, organisation):
    return make_user(admin_of=organisation)


@pytest.fixture
def heard() -> Iterator[list[tuple[object, DomainEvent]]]:
    """Subscribe a recorder to organisation.updated for the length of one test."""
    calls: list[tuple[object, DomainEvent]] = []

    def recorder(event: object, record: DomainEvent) -> None:
        calls.append((event, record))

    subscribe(event_types.OrganisationUpdated)(recorder)
    yield calls
    # There is no public unsubscribe; take the recorder out so other tests are unaffected.
    events._SUBSCRIBERS[event_types.OrganisationUpdated.type].remove(recorder)


# --- what an edit emits -----------------------------------------------------------------------


def test_edit_emits_organisation_updated_with_changed_fields_actor_area_and_organisation(
    organisation, org_admin
) -> None:
    before = set(DomainEvent.objects.values_list("id", flat=True))
    actions.update_organisation(
        org_admin,
        organisation,
        {"name_en": "Cardigan Youth Centre", "phone": "01239 000000", "postcode": ""},
    )
    new = list(DomainEvent.objects.exclude(id__in=before))
    assert len(new) == 1
    record = new[0]
    assert record.type == "organisation.updated"
    assert sorted(record.payload["changed_fields"]) == ["name_en", "phone"]
    assert record.payload["subject"] == organisation.pk
    assert record.actor == org_admin
    assert record.organisation_id == organisation.pk
    assert record.area_id == organisation.area_id
    assert record.occurred_at is not None


def test_event_types_follow_the_noun_dot_past_tense_convention() -> None:
    types = registered_types()
    for name in ("organisation.created", "organisation.updated", "organisation.joined"):
        assert name in types
    for name, cls in types.items():
        assert cls.type == name
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", name), name


# --- queries for programme monitoring ---------------------------------------------------------


def test_log_is_queryable_by_type_area_organisation_and_date(
    make_organisation, area, other_area
) -> None:
    here = make_organisation()
    there = make_organisation(area=other_area)
    jan = datetime(2026, 1, 15, 12, tzinfo=UTC)
    mar = datetime(2026, 3, 15, 12, tzinfo=UTC)
    created_here = emit(event_types.OrganisationCreated(subject=here), at=jan)
    updated_here = emit(event_types.OrganisationUpdated(subject=here, changed_fields=["x"]), at=mar)
    updated_there = emit(
        event_types.OrganisationUpdated(subject=there, changed_fields=["y"]), at=jan
    )
    ours = DomainEvent.objects.filter(pk__in=[created_here.pk, updated_here.pk, updated_there.pk])

    assert set(ours.of_type("organisation.updated")) == {updated_here, updated_there}
    assert set(ours.of_type("organisation.updated", "organisation.created")) == set(ours)
    assert set(ours.filter(area=area)) == {created_here, updated_here}
    assert set(ours.filter(area=other_area)) == {updated_there}
    assert set(ours.filter(organisation=there)) == {updated_there}
    in_january = ours.filter(
        occurred_at__gte=datetime(2026, 1, 1, tzinfo=UTC),
        occurred_at__lt=datetime(2026, 2, 1, tzinfo=UTC),
    )
    assert set(in_january) == {created_here, updated_there}
    assert set(ours.filter(occurred_at__date=mar.date())) == {updated_here}
    assert list(ours.filter(area=area).of_type("organisation.updated")) == [updated_here]
    # Oldest first, so counts over time read naturally.
    assert list(ours.filter(organisation=here)) == [created_here, updated_here]


def test_event_for_an_organisation_takes_its_area_at_the_time(
    make_organisation, area, other_area
) -> None:
    organisation = make_organisation()
    first = emit(event_types.OrganisationCreated(subject=organisation))
    Organisation.objects.filter(pk=organisation.pk).update(area=other_area)
    organisation.refresh_from_db()
    second = emit(event_types.OrganisationUpdated(subject=organisation, changed_fields=["area"]))
    assert first.area == area
    assert second.area == other_area


def test_joined_event_records_the_body_and_engagement_level(
    make_organisation, make_user, area
) -> None:
    cvc = make_organisation(kind=Organisation.Kind.INFRASTRUCTURE)
    member = make_organisation()
    staff = make_user(role=("infrastructure_staff", area))
    actions.join_infrastructure_body(
        staff, member, cvc, "consultation", datetime(2026, 2, 1).date()
    )
    record = DomainEvent.objects.of_type("organisation.joined").get(organisation=member)
    assert record.payload["infrastructure_body"] == cvc.pk
    assert record.payload["engagement_level"] == "consultation"
    assert record.actor == staff


# --- append-only ------------------------------------------------------------------------------


@pytest.fixture
def record(organisation) -> DomainEvent:
    return emit(event_types.OrganisationCreated(subject=organisation))


def _unchanged(record: DomainEvent) -> None:
    stored = DomainEvent.objects.get(pk=record.pk)
    assert stored.type == "organisation.created"
    assert stored.payload == {"subject": record.organisation_id}


def test_saving_an_existing_event_is_refused(record) -> None:
    record.type = "organisation.deleted"
    with pytest.raises(AppendOnlyError):
        record.save()
    _unchanged(record)


def test_deleting_an_event_is_refused(record) -> None:
    with pytest.raises(AppendOnlyError):
        record.delete()
    _unchanged(record)


def test_queryset_update_is_refused(record) -> None:
    with pytest.raises(AppendOnlyError):
        DomainEvent.objects.filter(pk=record.pk).update(type="organisation.deleted")
    with pytest.raises(AppendOnlyError):
        DomainEvent.objects.update(payload={})
    _unchanged(record)


def test_queryset_delete_is_refused(record) -> None:
    with pytest.raises(AppendOnlyError):
        DomainEvent.objects.filter(pk=record.pk).delete()
    with pytest.raises(AppendOnlyError):
        DomainEvent.objects.all().delete()
    _unchanged(record)


def test_bulk_update_is_refused(record) -> None:
    record.type = "organisation.deleted"
    # bulk_update opens atomic(savepoint=False); give it a savepoint to fail inside.
    with pytest.raises(AppendOnlyError), transaction.atomic():
        DomainEvent.objects.bulk_update([record], ["type"])
    _unchanged(record)


def test_organisation_with_events_cannot_be_deleted_out_from_under_the_log(record) -> None:
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Organisation.objects.get(pk=record.organisation_id).delete()
    _unchanged(record)


# --- subscribers ------------------------------------------------------------------------------


def test_subscribers_run_after_commit_not_before(
    organisation, org_admin, heard, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_organisation(org_admin, organisation, {"name_en": "Cardigan Youth Centre"})
        assert heard == []  # the change has not committed yet
    assert len(heard) == 1
    event, record = heard[0]
    assert isinstance(event, event_types.OrganisationUpdated)
    assert event.changed_fields == ["name_en"]
    assert record.type == "organisation.updated"
    assert record.pk is not None


def test_subscribers_do_not_run_when_the_transaction_rolls_back(
    organisation, org_admin, heard, django_capture_on_commit_callbacks
) -> None:
    before = DomainEvent.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.update_organisation(org_admin, organisation, {"name_en": "Never happened"})
        raise RuntimeError("something later in the same request failed")
    assert callbacks == []
    assert heard == []
    assert DomainEvent.objects.count() == before  # the log never records what did not happen
    organisation.refresh_from_db()
    assert organisation.name_en == "Cardigan Youth Club"


def test_subscribers_do_not_hear_other_event_types(
    organisation, heard, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        emit(event_types.OrganisationCreated(subject=organisation))
    assert heard == []


def test_a_failing_subscriber_does_not_undo_the_change(
    organisation, org_admin, django_capture_on_commit_callbacks
) -> None:
    def broken(event: object, record: DomainEvent) -> None:
        raise ValueError("listener bug")

    subscribe(event_types.OrganisationUpdated)(broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            actions.update_organisation(org_admin, organisation, {"name_en": "Still saved"})
    finally:
        events._SUBSCRIBERS[event_types.OrganisationUpdated.type].remove(broken)
    organisation.refresh_from_db()
    assert organisation.name_en == "Still saved"
    assert (
        DomainEvent.objects.of_type("organisation.updated")
        .filter(organisation=organisation)
        .exists()
    )


# --- only registered types --------------------------------------------------------------------


@dataclass(frozen=True)
class UnregisteredEvent(Event):
    subject: Organisation


@dataclass(frozen=True)
class LookalikeUpdate(event_types.OrganisationUpdated):
    """Inherits the ``type`` of a registered class but was never registered itself."""

    secret: str = "extra"


class NotADataclass(Event):
    type = "organisation.updated"

    def __init__(self, subject: Organisation) -> None:
        self.subject = subject


def test_emit_rejects_an_unregistered_event_class_with_type_error(organisation) -> None:
    before = DomainEvent.objects.count()
    with pytest.raises(TypeError, match="not a registered event type"):
        emit(UnregisteredEvent(subject=organisation))
    assert DomainEvent.objects.count() == before


def test_emit_never_logs_an_unregistered_event_class(organisation) -> None:
    before = DomainEvent.objects.count()
    with pytest.raises((TypeError, AttributeError)):
        emit(UnregisteredEvent(subject=organisation))
    assert DomainEvent.objects.count() == before


def test_emit_rejects_an_unregistered_subclass_of_a_registered_event(organisation) -> None:
    before = DomainEvent.objects.count()
    with pytest.raises(TypeError):
        emit(LookalikeUpdate(subject=organisation, changed_fields=["name_en"]))
    assert DomainEvent.objects.count() == before


def test_emit_rejects_objects_that_are_not_event_dataclasses(organisation) -> None:
    before = DomainEvent.objects.count()
    with pytest.raises(TypeError):
        emit(NotADataclass(organisation))
    with pytest.raises(TypeError):
        emit({"type": "organisation.updated", "subject": organisation.pk})  # type: ignore[arg-type]
    assert DomainEvent.objects.count() == before


def test_a_type_name_cannot_be_registered_twice() -> None:
    original = registered_types()["organisation.updated"]

    @dataclass(frozen=True)
    class Impostor(Event):
        subject: Organisation

    with pytest.raises(ValueError, match="already registered"):
        event_type("organisation.updated")(Impostor)
    assert registered_types()["organisation.updated"] is original


def test_actor_is_not_recorded_for_anonymous(organisation) -> None:
    from django.contrib.auth.models import AnonymousUser

    record = emit(event_types.OrganisationCreated(subject=organisation), actor=AnonymousUser())  # type: ignore[arg-type]
    assert record.actor is None


def test_emitted_at_defaults_to_now(organisation) -> None:
    from django.utils import timezone

    start = timezone.now()
    record = emit(event_types.OrganisationCreated(subject=organisation))
    assert start - timedelta(seconds=1) <= record.occurred_at <= timezone.now()
