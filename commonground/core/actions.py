"""Every change to core records goes through one of these functions.

Each checks permission, writes inside one transaction, records history (who, when, what)
and emits the domain event. Views and API endpoints call these; they never save models.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from commonground.core import confirmation, event_types
from commonground.core.events import Event, emit, emit_many
from commonground.core.history import save_with_history
from commonground.core.models import (
    Affiliation,
    Area,
    JoinRequest,
    Membership,
    MembershipApplication,
    Organisation,
    Person,
    User,
)
from commonground.core.permissions import may_restore, require
from commonground.core.queries import unique_slug
from commonground.core.tasks import send_account_email

M2M_FIELDS = ("themes", "beneficiary_groups", "areas_served")


@transaction.atomic
def create_organisation(actor: User, data: dict[str, Any]) -> Organisation:
    """Add an organisation to the register (staff only)."""
    require(actor, "core.view_staff_pages")
    fields = {k: v for k, v in data.items() if k not in M2M_FIELDS}
    organisation = Organisation(**fields)
    if not organisation.slug:
        organisation.slug = unique_slug(organisation.name_en)
    organisation.full_clean()
    m2m = {k: v for k, v in data.items() if k in M2M_FIELDS}
    save_with_history(organisation, actor, "Created", m2m)
    emit(event_types.OrganisationCreated(subject=organisation), actor=actor)
    return organisation


@transaction.atomic
def import_organisations(
    actor: User | None,
    new: Sequence[dict[str, Any]],
    changed: Sequence[tuple[Organisation, dict[str, Any]]],
    reason: str,
) -> list[Organisation]:
    """Write many organisations at once for an import: ``new`` ones from their field values,
    and ``changed`` ones with their new values. Returns the new ones, in order. ``actor``
    ``None`` is the system path (the command line).

    Bulk statements keep a national-scale import fast; each organisation still gets its
    history row and its own ``OrganisationCreated`` or ``OrganisationUpdated`` event, so the
    log can be counted by organisation and area like any other change to the register.
    """
    if actor is not None:
        require(actor, "core.import_organisations")
    created = bulk_create_with_history(
        [Organisation(**values) for values in new],
        Organisation,
        batch_size=1000,
        default_user=actor,
        default_change_reason=reason,
    )
    updates = []
    for organisation, values in changed:
        names = [k for k, v in values.items() if getattr(organisation, k) != v]
        for name in names:
            setattr(organisation, name, values[name])
        if names:
            updates.append((organisation, names))
    if updates:
        bulk_update_with_history(
            [o for o, _ in updates],
            Organisation,
            sorted({name for _, names in updates for name in names}),
            batch_size=1000,
            default_user=actor,
            default_change_reason=reason,
        )
    # The events are indexed by area: give each new organisation its area object, so the
    # log is written without a query per organisation.
    areas = Area.objects.in_bulk({o.area_id for o in created})
    for organisation in created:
        organisation.area = areas[organisation.area_id]
    events: list[Event] = [event_types.OrganisationCreated(subject=o) for o in created]
    events += [
        event_types.OrganisationUpdated(subject=o, changed_fields=names) for o, names in updates
    ]
    emit_many(events, actor=actor)
    return list(created)


def _current_values(organisation: Organisation, names: Iterable[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in names:
        if name in M2M_FIELDS:
            values[name] = set(getattr(organisation, name).values_list("pk", flat=True))
        else:
            values[name] = getattr(organisation, name)
    return values


def _as_comparable(name: str, value: Any) -> Any:
    if name in M2M_FIELDS:
        return {v.pk if isinstance(v, models.Model) else v for v in value}
    return value


@transaction.atomic
def update_organisation(actor: User, organisation: Organisation, data: dict[str, Any]) -> list[str]:
    """Apply ``data`` (field name to new value) and return the names of fields that changed.

    Compares with the stored row (a form may already have changed ``organisation`` in
    memory). Raises ``ValidationError`` without writing anything if the result is invalid.
    """
    require(actor, "core.change_organisation", organisation)
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    return _apply(actor, stored, data, reason="Edited", event=None)


def _apply(
    actor: User,
    organisation: Organisation,
    data: dict[str, Any],
    reason: str,
    event: type[event_types.OrganisationRestored] | None,
    history_id: int = 0,
) -> list[str]:
    before = _current_values(organisation, data)
    changed = [n for n, v in data.items() if _as_comparable(n, v) != before[n]]
    if not changed:
        return []
    for name in changed:
        if name not in M2M_FIELDS:
            setattr(organisation, name, data[name])
    organisation.full_clean()
    m2m = {n: data[n] for n in changed if n in M2M_FIELDS}
    save_with_history(organisation, actor, f"{reason}: {', '.join(changed)}", m2m)
    if event is None:
        emit(
            event_types.OrganisationUpdated(subject=organisation, changed_fields=changed),
            actor=actor,
        )
    else:
        emit(event(subject=organisation, history_id=history_id), actor=actor)
    return changed


@transaction.atomic
def restore_organisation(actor: User, organisation: Organisation, history_id: int) -> list[str]:
    """Put the organisation back as it was in the given history entry."""
    require(actor, "core.restore_organisation", organisation)
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    record = stored.history.get(history_id=history_id)
    old = record.instance
    data: dict[str, Any] = {
        f.attname: getattr(old, f.attname)
        for f in Organisation._meta.concrete_fields
        if f.attname not in {"id", "created_at", "updated_at"}
    }
    for name in M2M_FIELDS:
        data[name] = set(getattr(record, name).values_list(_m2m_target(name), flat=True))
    return _apply(
        actor,
        stored,
        data,
        reason=f"Restored version {history_id}",
        event=event_types.OrganisationRestored,
        history_id=history_id,
    )


def _m2m_target(m2m_name: str) -> str:
    """The column of the historical m2m table that points at the related row."""
    field = Organisation._meta.get_field(m2m_name)
    return field.m2m_reverse_field_name()  # type: ignore[union-attr]


@transaction.atomic
def join_infrastructure_body(
    actor: User,
    organisation: Organisation,
    infrastructure_body: Organisation,
    engagement_level: str,
    joined_on: date,
) -> Membership:
    """Record that an organisation joined its area's CVC or CVS at an engagement level."""
    require(actor, "core.change_organisation", infrastructure_body)
    membership = Membership(
        organisation=organisation,
        infrastructure_body=infrastructure_body,
        engagement_level=engagement_level,
        joined_on=joined_on,
    )
    membership.full_clean()
    save_with_history(membership, actor, "Joined")
    emit(
        event_types.OrganisationJoined(
            subject=organisation,
            infrastructure_body=infrastructure_body,
            engagement_level=engagement_level,
        ),
        actor=actor,
    )
    return membership


def set_preferred_language(user: User, language: str) -> None:
    """Record the language the user reads pages, emails and digests in."""
    if language not in User.Language.values:
        raise ValueError(language)
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def send_email_confirmation(user: User) -> None:
    """Email the account a link that confirms its address (after the transaction commits)."""
    context = {"path": reverse("web:confirm-email", args=[confirmation.token_for(user)])}
    template = "core/email/confirm_email.txt"
    transaction.on_commit(lambda: send_account_email.enqueue(user.pk, template, context))


@transaction.atomic
def confirm_email(token: str) -> User:
    """Mark the address a confirmation link was sent to as confirmed; once is enough.

    Raises ``ValidationError`` for a link that is wrong, expired or for an old address."""
    found = confirmation.user_for(token)
    if found is None:
        raise ValidationError(
            _(
                "This link has expired or is not complete. Sign in and ask for a new "
                "confirmation email from your account page."
            ),
            code="bad_link",
        )
    user = User.objects.select_for_update().get(pk=found.pk)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        save_with_history(user, user, "Email address confirmed")
        emit(event_types.EmailConfirmed(subject=user), actor=user)
    return user


# --- Sign-up --------------------------------------------------------------------------------


@transaction.atomic
def sign_up_organisation(
    organisation_data: dict[str, Any], contact: dict[str, str], engagement_level: str
) -> MembershipApplication:
    """An organisation registers itself, with its contact as its first admin, and applies to
    its home area's infrastructure body at ``engagement_level``.

    Anyone may do this (there is no actor yet): nothing is listed as a member until the
    body's staff approve. Raises ``ValidationError`` naming the field, writing nothing.
    """
    area = organisation_data["area"]
    body = area.infrastructure_body
    if body is None:
        raise ValidationError(
            {"area": _("This area has no infrastructure body on Commonground yet.")}
        )
    if User.objects.filter(email__iexact=contact["email"]).exists():
        raise ValidationError(
            {
                "contact_email": _(
                    "An account already uses this email address. Sign in, then ask to join "
                    "your organisation from its page."
                )
            }
        )
    if Organisation.objects.filter(
        area=area, name_en__iexact=organisation_data["name_en"]
    ).exists():
        raise ValidationError(
            {
                "name_en": _(
                    "An organisation of this name is already registered in this area. Ask its "
                    "admin to add you, or contact the infrastructure body."
                )
            }
        )
    person = Person(
        given_name=contact["given_name"], family_name=contact["family_name"], email=contact["email"]
    )
    person.save()
    user = User.objects.create_user(
        contact["email"], contact["password"], person=person, preferred_language=get_language()
    )
    fields = {k: v for k, v in organisation_data.items() if k not in M2M_FIELDS}
    organisation = Organisation(kind=Organisation.Kind.THIRD_SECTOR, **fields)
    organisation.slug = unique_slug(organisation.name_en)
    organisation.full_clean()
    m2m = {k: v for k, v in organisation_data.items() if k in M2M_FIELDS}
    save_with_history(organisation, user, "Signed up", m2m)
    affiliation = Affiliation(person=person, organisation=organisation, role="staff", is_admin=True)
    save_with_history(affiliation, user)
    application = MembershipApplication(
        organisation=organisation,
        infrastructure_body=body,
        engagement_level=engagement_level,
        applicant=user,
    )
    application.full_clean()
    save_with_history(application, user)
    emit(
        event_types.OrganisationSignedUp(
            subject=organisation, infrastructure_body=body, engagement_level=engagement_level
        ),
        actor=user,
    )
    send_email_confirmation(user)
    return application


def _tell_applicant(application: MembershipApplication, template: str) -> None:
    user = application.applicant
    with translation.override(user.preferred_language):
        context = {
            "organisation": str(application.organisation.name),
            "body": str(application.infrastructure_body.name),
            "level": str(application.get_engagement_level_display()),
            "reason": application.decline_reason,
            "path": reverse("web:home"),
        }
    transaction.on_commit(lambda: send_account_email.enqueue(user.pk, template, context))


@transaction.atomic
def approve_membership_application(actor: User, application: MembershipApplication) -> Membership:
    """Staff of the infrastructure body take the organisation on; its admin is emailed."""
    require(actor, "core.change_organisation", application.infrastructure_body)
    stored = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if stored.status != MembershipApplication.Status.PENDING:
        raise ValidationError(_("This application has already been decided."))
    membership = join_infrastructure_body(
        actor,
        stored.organisation,
        stored.infrastructure_body,
        stored.engagement_level,
        timezone.localdate(),
    )
    stored.status = MembershipApplication.Status.APPROVED
    stored.decided_at = timezone.now()
    save_with_history(stored, actor)
    _tell_applicant(stored, "core/email/membership_approved.txt")
    return membership


@transaction.atomic
def decline_membership_application(
    actor: User, application: MembershipApplication, reason: str
) -> None:
    """Staff decline, with a reason the organisation's admin is sent."""
    require(actor, "core.change_organisation", application.infrastructure_body)
    stored = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if stored.status != MembershipApplication.Status.PENDING:
        raise ValidationError(_("This application has already been decided."))
    if not reason.strip():
        raise ValidationError({"reason": _("Enter the reason, so the organisation knows why.")})
    stored.status = MembershipApplication.Status.DECLINED
    stored.decline_reason = reason.strip()
    stored.decided_at = timezone.now()
    save_with_history(stored, actor)
    emit(
        event_types.MembershipApplicationDeclined(
            subject=stored.organisation,
            infrastructure_body=stored.infrastructure_body,
            reason=stored.decline_reason,
        ),
        actor=actor,
    )
    _tell_applicant(stored, "core/email/membership_declined.txt")


# --- Joining an organisation ------------------------------------------------------------


@transaction.atomic
def ask_to_join(actor: User, organisation: Organisation, role: str, message: str) -> JoinRequest:
    """A signed-in person asks to be recorded at an organisation in ``role``."""
    require(actor, "core.ask_to_join", organisation)
    if actor.person_id is None:
        raise ValidationError(_("Your account has no name yet, so it cannot join an organisation."))
    if JoinRequest.objects.filter(
        organisation=organisation, user=actor, status=JoinRequest.Status.PENDING
    ).exists():
        raise ValidationError(_("You have already asked to join. Its admins will decide."))
    request = JoinRequest(organisation=organisation, user=actor, role=role, message=message)
    request.full_clean()
    save_with_history(request, actor)
    emit(event_types.JoinRequested(subject=organisation, role=role), actor=actor)
    return request


@transaction.atomic
def decide_join_request(actor: User, request: JoinRequest, *, approve: bool) -> None:
    """The organisation's admin approves (the person is added in the role asked) or declines."""
    require(actor, "core.change_organisation", request.organisation)
    stored = JoinRequest.objects.select_for_update().get(pk=request.pk)
    if stored.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    person = stored.user.person
    already = Affiliation.objects.filter(
        person=person, organisation=stored.organisation, role=stored.role
    ).exists()
    if approve and person is not None and not already:
        affiliation = Affiliation(person=person, organisation=stored.organisation, role=stored.role)
        save_with_history(affiliation, actor)
    stored.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    stored.decided_at = timezone.now()
    save_with_history(stored, actor)
    emit(event_types.JoinDecided(subject=stored.organisation, approved=approve), actor=actor)


@transaction.atomic
def restore_record(actor: User, record: models.Model, history_id: int) -> None:
    """Put ``record`` back as it was in the given history entry, as a new entry of its own."""
    model = type(record)
    if not may_restore(actor, model):
        raise PermissionDenied(f"{model._meta.label}.restore")
    stored = model._default_manager.select_for_update().get(pk=record.pk)
    old = stored.history.get(history_id=history_id).instance  # type: ignore[attr-defined]
    for field in model._meta.concrete_fields:
        if (
            field.primary_key
            or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
        ):
            continue
        setattr(stored, field.attname, getattr(old, field.attname))
    stored.full_clean(validate_unique=True, validate_constraints=True)
    save_with_history(stored, actor, f"Restored version {history_id}")
    emit(
        event_types.RecordRestored(
            model=model._meta.label, record_id=str(stored.pk), history_id=history_id
        ),
        actor=actor,
    )
