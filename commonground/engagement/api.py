"""JSON endpoints for bulletins, consultations (with questions) and events.

Responses are only for the consultation's owner (its officers and the area admins).
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from commonground.api.auth import WRITE_AUTH
from commonground.api.errors import ERROR_RESPONSES
from commonground.api.pagination import Page, PageParams, paginate
from commonground.core.models import Organisation
from commonground.engagement import actions, queries
from commonground.engagement.models import Bulletin, Consultation, Event, Question, Response

router = Router(tags=["engagement"])


class BulletinOut(Schema):
    id: int
    title_en: str
    title_cy: str
    summary_en: str
    summary_cy: str
    body_en: str
    body_cy: str
    link: str
    priority: int
    published_at: datetime | None
    organisation: str | None = Field(None, description="Slug of the publishing organisation.")
    themes: list[str]
    areas: list[str] = Field(..., description="ONS area codes.")

    @staticmethod
    def resolve_organisation(obj: Bulletin) -> str | None:
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_themes(obj: Bulletin) -> list[str]:
        return [t.slug for t in obj.themes.all()]

    @staticmethod
    def resolve_areas(obj: Bulletin) -> list[str]:
        return [a.code for a in obj.areas.all()]


class QuestionOut(Schema):
    id: int
    number: int
    text_en: str
    text_cy: str
    kind: Question.Kind
    choices_en: list[str]
    choices_cy: list[str]
    rating_max: int | None
    required: bool

    @staticmethod
    def resolve_choices_en(obj: Question) -> list[str]:
        return obj.choice_list("en") if obj.kind in ("single_choice", "multiple_choice") else []

    @staticmethod
    def resolve_choices_cy(obj: Question) -> list[str]:
        return obj.choice_list("cy") if obj.kind in ("single_choice", "multiple_choice") else []

    @staticmethod
    def resolve_rating_max(obj: Question) -> int | None:
        return obj.rating_max if obj.kind == "rating" else None


class ConsultationOut(Schema):
    id: int
    title_en: str
    title_cy: str
    summary_en: str
    summary_cy: str
    owner: str = Field(..., description="Slug of the owning organisation.")
    board_name: str
    area: str = Field(..., description="ONS code.")
    opens_on: date
    closes_on: date
    feedback_due_on: date
    period_days: int = Field(..., description="Calendar days open, both dates included.")
    minimum_weeks: int = Field(..., description="The area's compact minimum, in weeks.")
    meets_compact_minimum: bool
    short_period_reason_en: str
    short_period_reason_cy: str
    feedback_overdue: bool
    response_summary_en: str
    response_summary_cy: str
    feedback_en: str
    feedback_cy: str
    feedback_published_at: datetime | None
    questions: list[QuestionOut]

    @staticmethod
    def resolve_owner(obj: Consultation) -> str:
        return obj.owner.slug

    @staticmethod
    def resolve_area(obj: Consultation) -> str:
        return obj.area.code

    @staticmethod
    def resolve_period_days(obj: Consultation) -> int:
        return queries.window_for(obj).days

    @staticmethod
    def resolve_minimum_weeks(obj: Consultation) -> int:
        return queries.window_for(obj).minimum_weeks

    @staticmethod
    def resolve_meets_compact_minimum(obj: Consultation) -> bool:
        return queries.window_for(obj).meets_minimum

    @staticmethod
    def resolve_feedback_overdue(obj: Consultation) -> bool:
        return obj.feedback_overdue()

    @staticmethod
    def resolve_questions(obj: Consultation) -> list[Question]:
        return list(obj.questions.all())


class AnswerOut(Schema):
    question: int
    text: str
    choices: list[int]
    rating: int | None

    @staticmethod
    def resolve_question(obj: Any) -> int:
        return int(obj.question_id)


class ResponseOut(Schema):
    reference: str
    submitted_at: datetime | None
    organisation: str | None
    publish: bool
    answers: list[AnswerOut]

    @staticmethod
    def resolve_organisation(obj: Response) -> str | None:
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_answers(obj: Response) -> list[Any]:
        return list(obj.answers.all())


class EventOut(Schema):
    id: int
    kind: Event.Kind
    title_en: str
    title_cy: str
    description_en: str
    description_cy: str
    location: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    places_free: int
    organiser: str
    area: str

    @staticmethod
    def resolve_places_free(obj: Event) -> int:
        return queries.places(obj)["free"]

    @staticmethod
    def resolve_organiser(obj: Event) -> str:
        return obj.organiser.slug

    @staticmethod
    def resolve_area(obj: Event) -> str:
        return obj.area.code


class BulletinFilters(Schema):
    theme: str | None = Field(None, description="Theme slug.")
    area: str | None = Field(None, description="ONS area code.")


@router.get(
    "/bulletins", response={200: Page[BulletinOut], **ERROR_RESPONSES}, summary="List bulletins"
)
def list_bulletins(
    request: HttpRequest, filters: Query[BulletinFilters], paging: Query[PageParams]
) -> Any:
    qs = queries.published_bulletins().prefetch_related("themes", "areas")
    if filters.theme:
        qs = qs.filter(themes__slug=filters.theme)
    if filters.area:
        qs = qs.filter(areas__code=filters.area)
    return paginate(qs.distinct().order_by("-published_at", "-pk"), paging)


@router.get(
    "/bulletins/{bulletin_id}",
    response={200: BulletinOut, **ERROR_RESPONSES},
    summary="Get a bulletin",
)
def get_bulletin(request: HttpRequest, bulletin_id: int) -> Any:
    return get_object_or_404(queries.published_bulletins(), pk=bulletin_id)


def _consultations() -> Any:
    return queries.public_consultations().prefetch_related("questions")


@router.get(
    "/consultations",
    response={200: Page[ConsultationOut], **ERROR_RESPONSES},
    summary="List consultations",
)
def list_consultations(request: HttpRequest, paging: Query[PageParams]) -> Any:
    return paginate(_consultations().order_by("-opens_on", "-pk"), paging)


@router.get(
    "/consultations/{consultation_id}",
    response={200: ConsultationOut, **ERROR_RESPONSES},
    summary="Get a consultation with its questions",
)
def get_consultation(request: HttpRequest, consultation_id: int) -> Any:
    return get_object_or_404(_consultations(), pk=consultation_id)


@router.get(
    "/consultations/{consultation_id}/responses",
    response={200: Page[ResponseOut], **ERROR_RESPONSES},
    auth=WRITE_AUTH,
    summary="List submitted responses (the owner only)",
)
def list_responses(request: HttpRequest, consultation_id: int, paging: Query[PageParams]) -> Any:
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        raise Http404
    if not request.user.has_perm("engagement.view_responses", consultation):
        raise PermissionDenied
    return paginate(queries.submitted_responses(consultation), paging)


@router.get("/events", response={200: Page[EventOut], **ERROR_RESPONSES}, summary="List events")
def list_events(request: HttpRequest, paging: Query[PageParams]) -> Any:
    return paginate(
        Event.objects.select_related("organiser", "area").order_by("starts_at", "pk"), paging
    )


@router.get(
    "/events/{event_id}", response={200: EventOut, **ERROR_RESPONSES}, summary="Get an event"
)
def get_event(request: HttpRequest, event_id: int) -> Any:
    return get_object_or_404(Event.objects.select_related("organiser", "area"), pk=event_id)


class ConsultationIn(Schema):
    """A consultation another system records for its owner; published at once if asked."""

    owner: str = Field(..., description="Slug of the owning organisation.")
    title_en: str = ""
    title_cy: str = ""
    summary_en: str = ""
    summary_cy: str = ""
    board_name: str = ""
    opens_on: date
    closes_on: date
    feedback_due_on: date
    short_period_reason_en: str = ""
    short_period_reason_cy: str = ""
    questions: list[str] = Field([], description="Free-text questions, in English.")
    publish: bool = Field(False, description="Publish at once (needs a question).")


@router.post(
    "/consultations",
    response={201: ConsultationOut, **ERROR_RESPONSES},
    auth=WRITE_AUTH,
    summary="Record a consultation (bearer token); the compact window is checked",
)
def create_consultation(request: HttpRequest, payload: ConsultationIn) -> Any:
    owner = Organisation.objects.filter(slug=payload.owner).first()
    if owner is None:
        raise Http404
    data = payload.dict(exclude={"owner", "publish", "questions"})
    with transaction.atomic():  # a refused publication leaves no draft behind
        consultation = actions.create_consultation(request.user, owner, data)  # type: ignore[arg-type]
        for text in payload.questions:
            actions.add_question(
                request.user,  # type: ignore[arg-type]
                consultation,
                {"text_en": text, "kind": "free_text", "required": False},
            )
        if payload.publish:
            consultation = actions.publish_consultation(request.user, consultation)  # type: ignore[arg-type]
    return Status(201, Consultation.objects.prefetch_related("questions").get(pk=consultation.pk))
