"""Page-number pagination with one envelope for every list endpoint."""

from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema

T = TypeVar("T")

MAX_PER_PAGE = 1000
# Far beyond any real list, and small enough that the row offset fits a database integer.
MAX_PAGE = 1_000_000


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1 to 1000000.")
    per_page: int = Field(50, ge=1, le=MAX_PER_PAGE, description="Items per page, 1 to 1000.")


class Page(Schema, Generic[T]):
    items: list[T]
    count: int
    page: int
    per_page: int
    pages: int


def paginate(queryset: QuerySet[Any], params: PageParams) -> dict[str, Any]:
    count = queryset.count()
    start = (params.page - 1) * params.per_page
    return {
        "items": list(queryset[start : start + params.per_page]),
        "count": count,
        "page": params.page,
        "per_page": params.per_page,
        "pages": max(1, -(-count // params.per_page)),
    }
