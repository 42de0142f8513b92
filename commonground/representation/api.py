"""JSON endpoints for vacancies, election results and report-backs. Ballots are never served."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from commonground.api.errors import ERROR_RESPONSES
from commonground.api.pagination import Page, PageParams, paginate
from commonground.representation.models import Candidate, Election, ReportBack, Vacancy

router = Router(tags=["representation"])


class CandidateOut(Schema):
    position: int
    name: str
    organisation: str = Field(..., alias="nomination.organisation.name_en")
    statement: str = Field(..., alias="nomination.statement")
    elected: bool
    runner_up: bool

    # An alias cannot name __str__: ninja resolves it like a template variable, which refuses
    # attributes starting with an underscore.
    @staticmethod
    def resolve_name(obj: Candidate) -> str:
        return str(obj.nomination.nominee)


class VacancyOut(Schema):
    id: int
    body: str = Field(..., alias="seat.body.slug")
    seat: str = Field(..., alias="seat.name_en")
    status: Vacancy.Status
    opens_on: date
    closes_on: date
    term_starts_on: date
    role_description_en: str
    role_description_cy: str
    word_limit: int
    election: int | None = None

    @staticmethod
    def resolve_election(obj: Vacancy) -> int | None:
        election = Election.objects.filter(vacancy=obj).values_list("pk", flat=True).first()
        return election


class ElectionOut(Schema):
    id: int
    vacancy: int = Field(..., alias="vacancy_id")
    method: Election.Method
    status: Election.Status
    opens_at: datetime
    closes_at: datetime
    electorate_size: int | None
    ballots_cast: int | None
    candidates: list[CandidateOut]
    result: dict[str, Any] | None = Field(
        None, description="The count in the voting library's JSON schema."
    )
    void_reason: str

    @staticmethod
    def resolve_candidates(obj: Election) -> list[Any]:
        return list(
            obj.candidates.select_related("nomination__nominee", "nomination__organisation")
        )

    @staticmethod
    def resolve_result(obj: Election) -> dict[str, Any] | None:
        return obj.result if obj.status in (Election.Status.COUNTED, Election.Status.VOID) else None


class ReportBackOut(Schema):
    id: int
    body: str = Field(..., alias="meeting.body.slug")
    meeting_date: datetime = Field(..., alias="meeting.starts_at")
    representative: str
    title_en: str
    title_cy: str
    decided_en: str
    decided_cy: str
    meaning_en: str
    meaning_cy: str
    ask_en: str
    ask_cy: str
    published_at: datetime

    @staticmethod
    def resolve_representative(obj: ReportBack) -> str:
        return str(obj.holding.person)


class VacancyFilters(Schema):
    status: Vacancy.Status | None = None


@router.get(
    "/vacancies", response={200: Page[VacancyOut], **ERROR_RESPONSES}, summary="List vacancies"
)
def list_vacancies(
    request: HttpRequest, filters: Query[VacancyFilters], paging: Query[PageParams]
) -> Any:
    qs = Vacancy.objects.select_related("seat__body").order_by("-opens_on", "-pk")
    if filters.status:
        qs = qs.filter(status=filters.status)
    return paginate(qs, paging)


@router.get(
    "/vacancies/{vacancy_id}",
    response={200: VacancyOut, **ERROR_RESPONSES},
    summary="Get a vacancy",
)
def get_vacancy(request: HttpRequest, vacancy_id: int) -> Any:
    return get_object_or_404(Vacancy.objects.select_related("seat__body"), pk=vacancy_id)


@router.get(
    "/elections/{election_id}",
    response={200: ElectionOut, **ERROR_RESPONSES},
    summary="Get an election and its result",
)
def get_election(request: HttpRequest, election_id: int) -> Any:
    return get_object_or_404(Election, pk=election_id)


@router.get(
    "/report-backs",
    response={200: Page[ReportBackOut], **ERROR_RESPONSES},
    summary="List report-backs",
)
def list_report_backs(request: HttpRequest, paging: Query[PageParams]) -> Any:
    qs = ReportBack.objects.select_related("meeting__body", "holding__person").order_by(
        "-published_at", "-pk"
    )
    return paginate(qs, paging)
