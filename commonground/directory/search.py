"""The one search interface for services. Callers build a :class:`ServiceQuery` and call
:func:`search_services`; :func:`reindex` keeps the text index in step after writes.

Behind it, PostgreSQL uses full-text search (``to_tsvector``/``websearch_to_tsquery`` with
``ts_rank``) plus pg_trgm word similarity for typos; SQLite uses an FTS5 table ranked by
bm25, with query words that are not in the index replaced by index words one or two edits
away. Filters and sorting are plain ORM and the same on both.
"""

import math
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import time
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from commonground.core.models import Area, Organisation, Theme
from commonground.directory.models import (
    Attribute,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
KM_PER_DEGREE = 111.32
FTS_TABLE = "directory_service_fts"
TRIGRAM_THRESHOLD = 0.45


@dataclass
class ServiceQuery:
    text: str = ""
    theme: Theme | None = None
    term_ids: list[uuid.UUID] = field(default_factory=list)
    taxonomy_id: uuid.UUID | None = None
    organisation_ids: list[int] | None = None
    area: Area | None = None
    near: tuple[float, float] | None = None  # latitude, longitude
    radius_km: float | None = None
    age: int | None = None
    minimum_age: int | None = None  # ORUK: services whose range reaches down to this age
    maximum_age: int | None = None
    open_day: int | None = None  # 0 is Monday
    open_time: time | None = None
    sort: str = "relevance"  # relevance, name or distance
    public_only: bool = True


def _postgres() -> bool:
    return connection.vendor == "postgresql"


# Letters and digits: an underscore would mean something to the text-search parsers.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)][:12]


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts once), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _fts5_expression(text: str) -> str | None:
    """An FTS5 MATCH expression: every word (or a near spelling of it) must appear."""
    groups = []
    with connection.cursor() as cursor:
        for word in words(text):
            cursor.execute(
                f"SELECT 1 FROM {FTS_TABLE}_vocab WHERE term >= %s AND term < %s LIMIT 1",  # noqa: S608
                [word, word + "\uffff"],
            )
            options = {f'"{word}"*'}
            if cursor.fetchone() is None and len(word) >= 3:
                limit = 1 if len(word) < 7 else 2
                cursor.execute(
                    f"SELECT term FROM {FTS_TABLE}_vocab WHERE length(term) BETWEEN %s AND %s",  # noqa: S608
                    [len(word) - limit, len(word) + limit],
                )
                for (term,) in cursor.fetchall():
                    if _edit_distance(word, term, limit) <= limit:
                        options.add(f'"{term}"')
            groups.append("(" + " OR ".join(sorted(options)) + ")")
    return " AND ".join(groups) or None


def _postgres_tsquery(text: str) -> str | None:
    """``to_tsquery`` text in which every word (or a near spelling from the vocabulary)
    must match. Words are letters and digits only, so quoting them is safe."""
    groups = []
    with connection.cursor() as cursor:
        for word in words(text):
            cursor.execute("SELECT 1 FROM directory_searchword WHERE word = %s", [word])
            options = [word]
            if cursor.fetchone() is None:
                cursor.execute(
                    "SELECT word FROM directory_searchword WHERE word %% %s "
                    "ORDER BY similarity(word, %s) DESC, word LIMIT 5",
                    [word, word],
                )
                options = [row[0] for row in cursor.fetchall() if _WORD.fullmatch(row[0])]
                if not options:
                    return None
            groups.append("(" + " | ".join(f"'{option}'" for option in options) + ")")
    return " & ".join(groups)


def _text_filter(qs: QuerySet[Service], text: str) -> QuerySet[Service]:
    if not words(text):
        return qs.annotate(rank=Value(0.0, output_field=FloatField()))
    if _postgres():
        tsquery = _postgres_tsquery(text)
        if tsquery is None:
            return qs.none().annotate(rank=Value(0.0, output_field=FloatField()))
        search = SearchQuery(tsquery, search_type="raw", config="english")
        return qs.filter(search_vector=search).annotate(rank=SearchRank(F("search_vector"), search))
    expression = _fts5_expression(text)
    if expression is None:
        return qs.none().annotate(rank=Value(0.0, output_field=FloatField()))
    return qs.filter(
        pk__in=RawSQL(  # noqa: S611
            f"SELECT service_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [expression],
        )
    ).annotate(
        rank=RawSQL(  # noqa: S611
            f"(SELECT -bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
            "AND service_id = directory_service.id)",
            [expression],
            output_field=FloatField(),
        )
    )


def _tagged(qs: QuerySet[Service], lexemes: list[str]) -> QuerySet[Service]:
    """Services with any of these tags (PostgreSQL): each service's taxonomy terms and
    themes are also lexemes of its ``search_vector`` (see ``_POSTGRES_TAGS``), so the text
    index finds them, where a semi-join would scan every service to count the matches."""
    tsquery = " | ".join(f"'{lexeme}'" for lexeme in lexemes)
    return qs.filter(search_vector=SearchQuery(tsquery, search_type="raw", config="simple"))


def _with_terms(qs: QuerySet[Service], term_ids: list[Any]) -> QuerySet[Service]:
    if _postgres():
        return _tagged(qs, [f"term{uuid.UUID(str(pk)).hex}" for pk in term_ids])
    return qs.filter(
        pk__in=Attribute.objects.filter(taxonomy_term_id__in=term_ids).values("link_id")
    )


def _with_theme(qs: QuerySet[Service], theme: Theme) -> QuerySet[Service]:
    """Services with this theme, or whose organisation has it."""
    if _postgres():
        return _tagged(qs, [f"theme{theme.pk}"])
    return qs.filter(
        Q(pk__in=Service.themes.through.objects.filter(theme=theme).values("service_id"))
        | Q(
            organisation_id__in=Organisation.themes.through.objects.filter(theme=theme).values(
                "organisation_id"
            )
        )
    )


def search_services(
    query: ServiceQuery, base: QuerySet[Service] | None = None
) -> QuerySet[Service]:
    """Services matching ``query``, annotated with ``rank`` and (near a point) ``distance_sq``."""
    qs = base if base is not None else Service.objects.all()
    qs = qs.select_related("organisation")
    if query.public_only:
        qs = qs.filter(status=Service.Status.ACTIVE, listed=True)
    if query.organisation_ids is not None:
        qs = qs.filter(organisation_id__in=query.organisation_ids)
    if query.theme is not None:
        qs = _with_theme(qs, query.theme)
    if query.term_ids:
        qs = _with_terms(qs, query.term_ids)
    if query.taxonomy_id is not None:
        terms = list(
            TaxonomyTerm.objects.filter(taxonomy_id=query.taxonomy_id).values_list("pk", flat=True)
        )
        qs = _with_terms(qs, terms) if terms else qs.none()
    if query.area is not None:
        qs = qs.filter(
            Q(organisation__area=query.area)
            | Q(pk__in=ServiceArea.objects.filter(area=query.area).values("service_id"))
        )
    if query.age is not None:
        qs = qs.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=query.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=query.age),
        )
    if query.minimum_age is not None:
        qs = qs.filter(Q(maximum_age__isnull=True) | Q(maximum_age__gte=query.minimum_age))
    if query.maximum_age is not None:
        qs = qs.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=query.maximum_age))
    if query.open_day is not None or query.open_time is not None:
        schedules = Schedule.objects.all()
        if query.open_day is not None:
            schedules = schedules.filter(byday__contains=DAYS[query.open_day])
        if query.open_time is not None:
            schedules = schedules.filter(
                opens_at__lte=query.open_time, closes_at__gt=query.open_time
            )
        # A schedule belongs to a service directly or through one of its locations. EXISTS
        # lets the database probe the schedules of the (fewer) candidate services by index.
        qs = qs.filter(
            Exists(schedules.filter(service_id=OuterRef("pk")))
            | Exists(schedules.filter(service_at_location__service_id=OuterRef("pk")))
        )
    qs = _text_filter(qs, query.text)
    if query.near is not None:
        # Filtering the locations before the aggregate makes the minimum run over just the
        # locations inside the box: the (latitude, longitude) index narrows the join.
        qs = qs.filter(
            _within(query.near, query.radius_km, "service_at_locations__location__")
        ).annotate(distance_sq=Min(distance_sq(query.near, "service_at_locations__location__")))
        if query.radius_km is not None:
            qs = qs.filter(distance_sq__lte=query.radius_km**2)
    order: list[Any]
    if query.sort == "distance" and query.near is not None:
        order = [F("distance_sq").asc(nulls_last=True), "name_en", "pk"]
    elif query.sort == "relevance" and words(query.text):
        order = ["-rank", "name_en", "pk"]
    elif is_narrow(query):
        # Sorting the (fewer) matches beats walking the whole name index looking for them.
        order = [Lower("name_en"), "name_en", "pk"]
    else:
        order = ["name_en", "pk"]
    return qs.order_by(*order)


def distance_sq(point: tuple[float, float], prefix: str = "") -> Any:
    """Squared distance in km² from ``point`` to ``{prefix}latitude/longitude``: flat-earth,
    which is within a fraction of a per cent at the scale of a local search."""
    lat0, lon0 = point
    dy = (F(f"{prefix}latitude") - lat0) * KM_PER_DEGREE
    dx = (F(f"{prefix}longitude") - lon0) * _km_per_degree_east(lat0)
    return ExpressionWrapper(dy * dy + dx * dx, output_field=FloatField())


def _km_per_degree_east(latitude: float) -> float:
    return KM_PER_DEGREE * math.cos(math.radians(latitude))


def _within(point: tuple[float, float], radius_km: float | None, prefix: str = "") -> Q:
    """Located rows, inside the box around the circle when there is a radius, so the
    (latitude, longitude) index does the narrowing."""
    condition = Q(**{f"{prefix}latitude__isnull": False, f"{prefix}longitude__isnull": False})
    if radius_km is None:
        return condition
    lat0, lon0 = point
    dlat = radius_km / KM_PER_DEGREE
    dlon = radius_km / max(_km_per_degree_east(lat0), 1e-6)
    return condition & Q(
        **{
            f"{prefix}latitude__range": (lat0 - dlat, lat0 + dlat),
            f"{prefix}longitude__range": (lon0 - dlon, lon0 + dlon),
        }
    )


def service_at_locations(query: ServiceQuery, services: QuerySet[Service]) -> QuerySet[Any]:
    """Each matching service at each of its locations; near a point, the locations within
    the radius, nearest first, by the distance to that location itself."""
    qs = ServiceAtLocation.objects.filter(service__in=services.values("pk"))
    if query.near is None:
        return qs.order_by("service__name_en", "pk")
    qs = qs.filter(_within(query.near, query.radius_km, "location__")).annotate(
        distance_sq=distance_sq(query.near, "location__")
    )
    if query.radius_km is not None:
        qs = qs.filter(distance_sq__lte=query.radius_km**2)
    return qs.order_by("distance_sq", "pk")


def count_services(query: ServiceQuery) -> int:
    """How many services match ``query``.

    A theme's services are mostly its organisations' services, and counting those reads
    the (organisation, status, listed) index alone, where counting through the text index
    fetches every match to check its status. So they are counted apart from the services
    that have the theme themselves but whose organisations lack it: the two never overlap.
    """
    if query.theme is None:
        return search_services(query).count()
    rest = search_services(replace(query, theme=None))
    organisations = Organisation.themes.through.objects.filter(theme=query.theme).values(
        "organisation_id"
    )
    own = Service.themes.through.objects.filter(theme=query.theme).values("service_id")
    return (
        rest.filter(organisation_id__in=organisations).count()
        + rest.filter(pk__in=own).exclude(organisation_id__in=organisations).count()
    )


def fetch_page(
    qs: QuerySet[Any],
    start: int,
    size: int,
    *,
    narrow: bool,
    related: tuple[str, ...] = (),
    total: int | None = None,
) -> tuple[int, list[Any]]:
    """The number of matches and the objects ``start`` to ``start + size``.

    A narrow search sorts its (fewer) matches anyway, so one query counts them with a
    window function as it pages. A broad list (or the whole directory) counts, then walks the sort
    index for the page's ids alone. Either way the page's rows are read by primary key,
    never dragged through ``OFFSET``. Annotations ``rank`` and ``distance_sq`` are kept.
    A broad list's ``total``, when the caller knows it, saves counting.
    """
    extra = [name for name in ("rank", "distance_sq") if name in qs.query.annotations]
    if narrow:
        rows = list(
            qs.annotate(match_count=Window(Count("pk"))).values_list("pk", "match_count", *extra)[
                start : start + size
            ]
        )
        # No rows on the first page means no matches; past the end, count them.
        total = rows[0][1] if rows else (qs.count() if start else 0)
        values = [(row[0], *row[2:]) for row in rows]
    else:
        total = qs.count() if total is None else total
        values = list(qs.values_list("pk", *extra)[start : start + size]) if start < total else []
    found = qs.model._default_manager.select_related(*related).in_bulk([v[0] for v in values])
    objects = []
    for pk, *annotations in values:
        obj = found[pk]
        for name, value in zip(extra, annotations, strict=True):
            setattr(obj, name, value)
        objects.append(obj)
    return total, objects


class _Counted(list[Any]):
    """One page of results that knows how many there are in all, for Django's Paginator."""

    def __init__(self, total: int, objects: list[Any]) -> None:
        super().__init__(objects)
        self.total = total

    def count(self) -> int:  # type: ignore[override]
        return self.total

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return list(self)
        return super().__getitem__(index)


def search_page(query: ServiceQuery, number: Any, size: int) -> Page[Service]:
    """Page ``number`` of the search (the last page if past the end, the first if not a
    number), as a Django ``Page``."""
    try:
        wanted = max(1, int(number))
    except (TypeError, ValueError):
        wanted = 1
    qs = search_services(query)
    narrow = is_narrow(query)
    known = None if narrow else count_services(query)
    total, objects = fetch_page(
        qs, (wanted - 1) * size, size, narrow=narrow, related=("organisation",), total=known
    )
    if not objects and total and wanted > 1:
        wanted = math.ceil(total / size)
        total, objects = fetch_page(
            qs, (wanted - 1) * size, size, narrow=narrow, related=("organisation",), total=total
        )
    paginator = Paginator(_Counted(total, objects), size)
    return paginator.page(min(wanted, max(1, paginator.num_pages)))


def is_narrow(query: ServiceQuery) -> bool:
    """Whether the query picks out few enough services that sorting its matches (and
    counting them in the same pass) beats walking the name index. Themes, areas, ages,
    opening times and whole taxonomies each match a large share of a national directory."""
    return bool(
        query.term_ids
        or (query.near is not None)
        or query.organisation_ids is not None
        or words(query.text)
    )


def distance_km(service: Service) -> float | None:
    value = getattr(service, "distance_sq", None)
    return None if value is None else math.sqrt(value)


def _documents(ids: list[Any]) -> dict[Any, str]:
    parts: dict[Any, list[str]] = {}
    for row in Service.objects.filter(pk__in=ids).values_list(
        "pk",
        "name_en",
        "name_cy",
        "description_en",
        "description_cy",
        "organisation__name_en",
        "organisation__name_cy",
    ):
        parts[row[0]] = [v for v in row[1:] if v]
    for link_id, name_en, name_cy in Attribute.objects.filter(link_id__in=ids).values_list(
        "link_id", "taxonomy_term__name_en", "taxonomy_term__name_cy"
    ):
        if link_id in parts:
            parts[link_id] += [v for v in (name_en, name_cy) if v]
    return {pk: " ".join(p) for pk, p in parts.items()}


# The same document as ``_documents``, built where the rows are (PostgreSQL), for imports
# of thousands of services at a time: in ``{table}`` itself, or in a staging table of
# services about to be written (see ``index_staged``).
_POSTGRES_DOCUMENTS = """
WITH documents AS (
    SELECT s.id, concat_ws(' ',
        NULLIF(s.name_en, ''), NULLIF(s.name_cy, ''),
        NULLIF(s.description_en, ''), NULLIF(s.description_cy, ''),
        NULLIF(o.name_en, ''), NULLIF(o.name_cy, ''),
        (SELECT string_agg(concat_ws(' ', NULLIF(t.name_en, ''), NULLIF(t.name_cy, '')), ' ')
         FROM directory_attribute a JOIN directory_taxonomyterm t ON t.id = a.taxonomy_term_id
         WHERE a.link_id = s.id)) AS doc
    FROM {table} s JOIN core_organisation o ON o.id = s.organisation_id
    {where}
)
UPDATE {table} s SET search_vector = to_tsvector('english', d.doc) || {tags}
FROM documents d WHERE s.id = d.id
RETURNING d.doc
"""
# The service's taxonomy terms and themes (its own and its organisation's) as lexemes
# ``term<hex id>`` and ``theme<id>``, for ``_tagged``.
_POSTGRES_TAGS = """COALESCE((SELECT array_to_tsvector(array_agg(DISTINCT tag)) FROM (
    SELECT 'term' || replace(a.taxonomy_term_id::text, '-', '') AS tag
    FROM directory_attribute a WHERE a.link_id = s.id
    UNION ALL SELECT 'theme' || st.theme_id FROM directory_service_themes st
    WHERE st.service_id = s.id
    UNION ALL SELECT 'theme' || ot.theme_id FROM core_organisation_themes ot
    WHERE ot.organisation_id = s.organisation_id) AS tags), ''::tsvector)"""
# The columns ``index_staged`` fills.
INDEX_COLUMNS = ("search_vector",)


def _index_statement(table: str, where: str = "") -> str:
    """The statement that indexes the services in ``table`` (``where`` picks them) and
    returns their documents."""
    return _POSTGRES_DOCUMENTS.format(table=table, where=where, tags=_POSTGRES_TAGS)


def index_on_write() -> bool:
    """Whether ``bulk.upsert`` can fill the text index as it writes services (with
    ``index_staged``), rather than ``reindex`` rewriting them afterwards."""
    return _postgres()


def index_staged(cursor: Any, staging: str) -> None:
    """Fill ``INDEX_COLUMNS`` of the services in the staging table ``staging`` (quoted),
    and add their words to the vocabulary, before they are written (PostgreSQL). Their
    organisations and taxonomy terms must be stored already."""
    cursor.execute(_index_statement(staging))
    _add_words(cursor, [row[0] for row in cursor.fetchall()])


def _add_words(cursor: Any, documents: list[str]) -> None:
    """Add the documents' words to the vocabulary that typo tolerance draws on (PostgreSQL).
    Split here, not in SQL, where the regular expression is several times slower."""
    found = {w[:100] for document in documents for w in _WORD.findall(document.lower())}
    cursor.execute(
        "INSERT INTO directory_searchword (word) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
        [sorted(found)],
    )


def reindex(service_ids: Iterable[Any] | None = None) -> int:
    """Rebuild the text index for these services (all of them when ``None``)."""
    if service_ids is None:
        ids = list(Service.objects.values_list("pk", flat=True))
    else:
        ids = list(service_ids)
    count = 0
    for start in range(0, len(ids), 5000):
        batch = [uuid.UUID(str(pk)) for pk in ids[start : start + 5000]]
        with connection.cursor() as cursor:
            if _postgres():
                cursor.execute(
                    _index_statement("directory_service", "WHERE s.id = ANY(%s)"), [batch]
                )
                written = [row[0] for row in cursor.fetchall()]
                _add_words(cursor, written)
                count += len(written)
                continue
            documents = _documents(batch)
            keys = [pk.hex for pk in documents]
            if keys:
                placeholders = ",".join(["%s"] * len(keys))
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE service_id IN ({placeholders})",  # noqa: S608
                    keys,
                )
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE} (service_id, document) VALUES (%s, %s)",  # noqa: S608
                    [(pk.hex, doc) for pk, doc in documents.items()],
                )
            count += len(documents)
    return count
