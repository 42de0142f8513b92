"""ORUK JSON to tables and back.

:func:`flatten_document` accepts any ORUK JSON document (a service, organisation, taxonomy,
taxonomy term or service at location, a list of them, or a paginated list with
``contents``) and returns its rows table by table. The ``nest_*`` functions build the
fully nested JSON of one record from an :class:`Index` over tables.
"""

from collections import defaultdict
from typing import Any

from commonground.interop.oruk.tables import TABLES, WHERE, Problem, Row, Tables, empty_tables


class _Collector:
    def __init__(self) -> None:
        self.tables = empty_tables()
        self._by_id: dict[tuple[str, str], Row] = {}
        self.problems: list[Problem] = []

    def add(self, table: str, data: dict[str, Any], where: str, **links: Any) -> Row:
        """Copy the table's fields from ``data``; merge with an earlier copy of the same id."""
        fields = TABLES[table].fields
        row: Row = {k: v for k, v in data.items() if v is not None and k in fields}
        for key, value in links.items():
            if value is not None and row.get(key) in (None, ""):
                row[key] = value
        row[WHERE] = where
        rid = row.get("id")
        if isinstance(rid, str):
            earlier = self._by_id.get((table, rid))
            if earlier is not None:
                for key, value in row.items():
                    if key != WHERE and earlier.get(key) in (None, ""):
                        earlier[key] = value
                return earlier
            self._by_id[(table, rid)] = row
        self.tables[table].append(row)
        return row

    def objects(
        self, data: dict[str, Any], key: str, where: str
    ) -> list[tuple[dict[str, Any], str]]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems.append(Problem(where, key, "not_list"))
            return []
        found = []
        for n, item in enumerate(value):
            item_where = f"{where}.{key}[{n}]"
            if isinstance(item, dict):
                found.append((item, item_where))
            else:
                self.problems.append(Problem(item_where, "", "not_object"))
        return found

    def nested(self, data: dict[str, Any], key: str, where: str) -> dict[str, Any] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problems.append(Problem(where, key, "not_object"))
            return None
        return value


def _kind(data: dict[str, Any]) -> str | None:
    if "status" in data:
        return "service"
    if "location" in data or ("service_id" in data and "location_id" in data):
        return "service_at_location"
    if "taxonomy_terms" in data or "version" in data:
        return "taxonomy"
    if {"parent_id", "taxonomy", "taxonomy_id", "term", "term_uri"} & data.keys():
        return "taxonomy_term"
    if {
        "website",
        "logo",
        "organization_identifiers",
        "services",
        "parent_organization_id",
        "email",
        "uri",
    } & data.keys():
        return "organization"
    return None


def flatten_document(document: Any, kind: str | None = None) -> tuple[Tables, list[Problem]]:
    """Rows per table from an ORUK JSON document, with any structural problems found."""
    c = _Collector()
    if isinstance(document, dict) and "contents" in document:
        items = document["contents"]
        if not isinstance(items, list):
            return c.tables, [Problem("", "contents", "not_list")]
        pairs = [(item, f"contents[{n}]") for n, item in enumerate(items)]
    elif isinstance(document, list):
        pairs = [(item, f"[{n}]") for n, item in enumerate(document)]
    else:
        pairs = [(document, "")]
    for item, where in pairs:
        label = where or "document"
        if not isinstance(item, dict):
            c.problems.append(Problem(label, "", "not_object"))
            continue
        item_kind = kind or _kind(item)
        if item_kind == "service":
            _service(c, item, label)
        elif item_kind == "organization":
            _organization(c, item, label)
        elif item_kind == "service_at_location":
            _service_at_location(c, item, label)
        elif item_kind == "taxonomy":
            _taxonomy(c, item, label)
        elif item_kind == "taxonomy_term":
            _term(c, item, label)
        else:
            c.problems.append(Problem(label, "", "malformed", "not an ORUK record"))
    return c.tables, c.problems


def _term(c: _Collector, data: dict[str, Any], where: str) -> Row:
    detail = c.nested(data, "taxonomy_detail", where)
    if detail is not None:
        _taxonomy(c, detail, f"{where}.taxonomy_detail")
    return c.add("taxonomy_terms", data, where)


def _taxonomy(c: _Collector, data: dict[str, Any], where: str) -> None:
    row = c.add("taxonomies", data, where)
    for term, term_where in c.objects(data, "taxonomy_terms", where):
        c.add("taxonomy_terms", term, term_where, taxonomy_id=row.get("id"))


def _attributes(c: _Collector, data: dict[str, Any], where: str, link_id: Any) -> None:
    for attribute, a_where in c.objects(data, "attributes", where):
        term = c.nested(attribute, "taxonomy_term", a_where)
        term_id = None
        if term is not None:
            term_id = _term(c, term, f"{a_where}.taxonomy_term").get("id")
        c.add("attributes", attribute, a_where, link_id=link_id, taxonomy_term_id=term_id)


def _organization(c: _Collector, data: dict[str, Any], where: str) -> Row:
    row = c.add("organizations", data, where)
    oid = row.get("id")
    for ident, i_where in c.objects(data, "organization_identifiers", where):
        c.add("organization_identifiers", ident, i_where, organization_id=oid)
    _attributes(c, data, where, oid)
    for service, s_where in c.objects(data, "services", where):
        _service(c, service, s_where, organization_id=oid)
    return row


def _location(c: _Collector, data: dict[str, Any], where: str) -> Row:
    row = c.add("locations", data, where)
    lid = row.get("id")
    for address, a_where in c.objects(data, "addresses", where):
        c.add("addresses", address, a_where, location_id=lid)
    for access, a_where in c.objects(data, "accessibility", where):
        c.add("accessibility", access, a_where, location_id=lid)
    _attributes(c, data, where, lid)
    return row


def _service_at_location(
    c: _Collector, data: dict[str, Any], where: str, service_id: Any = None
) -> None:
    location = c.nested(data, "location", where)
    location_id = None
    if location is not None:
        location_id = _location(c, location, f"{where}.location").get("id")
    service = c.nested(data, "service", where)
    if service is not None:
        service_id = _service(c, service, f"{where}.service").get("id")
    row = c.add("service_at_locations", data, where, service_id=service_id, location_id=location_id)
    for schedule, s_where in c.objects(data, "schedules", where):
        c.add("schedules", schedule, s_where, service_at_location_id=row.get("id"))


def _service(c: _Collector, data: dict[str, Any], where: str, organization_id: Any = None) -> Row:
    organization = c.nested(data, "organization", where)
    if organization is not None:
        organization_id = _organization(c, organization, f"{where}.organization").get("id")
    row = c.add("services", data, where, organization_id=organization_id)
    sid = row.get("id")
    for table, key in [
        ("schedules", "schedules"),
        ("service_areas", "service_areas"),
        ("languages", "languages"),
        ("funding", "funding"),
        ("cost_options", "cost_options"),
        ("phones", "phones"),
    ]:
        for item, i_where in c.objects(data, key, where):
            c.add(table, item, i_where, service_id=sid)
    for contact, c_where in c.objects(data, "contacts", where):
        contact_row = c.add("contacts", contact, c_where, service_id=sid)
        for phone, p_where in c.objects(contact, "phones", c_where):
            c.add("phones", phone, p_where, contact_id=contact_row.get("id"))
    for sal, s_where in c.objects(data, "service_at_locations", where):
        _service_at_location(c, sal, s_where, service_id=sid)
    _attributes(c, data, where, sid)
    return row


class Index:
    """Rows of every table by id, and children by parent column, for nesting."""

    def __init__(self, tables: Tables) -> None:
        self.by_id: dict[str, dict[str, Row]] = {}
        self.children: dict[tuple[str, str], dict[Any, list[Row]]] = {}
        for name, rows in tables.items():
            self.by_id[name] = {r["id"]: r for r in rows if "id" in r}
            for column in TABLES[name].fields:
                if column.endswith("_id") and column != "id":
                    groups: dict[Any, list[Row]] = defaultdict(list)
                    for r in rows:
                        if r.get(column) is not None:
                            groups[r[column]].append(r)
                    self.children[(name, column)] = groups

    def kids(self, table: str, column: str, parent: Any) -> list[Row]:
        return self.children.get((table, column), {}).get(parent, [])


def _plain(row: Row, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != WHERE and v is not None and k not in drop}


def nest_term(index: Index, term_id: str) -> dict[str, Any] | None:
    row = index.by_id["taxonomy_terms"].get(term_id)
    return _plain(row) if row is not None else None


def _nest_attributes(index: Index, link_id: str) -> list[dict[str, Any]]:
    out = []
    for attribute in index.kids("attributes", "link_id", link_id):
        item = _plain(attribute)
        term = nest_term(index, attribute["taxonomy_term_id"])
        if term is not None:
            item["taxonomy_term"] = term
        out.append(item)
    return out


def nest_taxonomy(index: Index, taxonomy_id: str, with_terms: bool = True) -> dict[str, Any]:
    out = _plain(index.by_id["taxonomies"][taxonomy_id])
    if with_terms:
        out["taxonomy_terms"] = [
            _plain(t) for t in index.kids("taxonomy_terms", "taxonomy_id", taxonomy_id)
        ]
    return out


def nest_organization(index: Index, organization_id: str, services: str = "none") -> dict[str, Any]:
    """An organisation with identifiers; ``services`` is ``none``, ``brief`` or ``full``."""
    out = _plain(index.by_id["organizations"][organization_id])
    out["organization_identifiers"] = [
        _plain(i)
        for i in index.kids("organization_identifiers", "organization_id", organization_id)
    ]
    attributes = _nest_attributes(index, organization_id)
    if attributes:
        out["attributes"] = attributes
    if services != "none":
        rows = index.kids("services", "organization_id", organization_id)
        out["services"] = [
            nest_service(index, r["id"], organization=False) if services == "full" else _plain(r)
            for r in rows
        ]
    return out


def nest_location(index: Index, location_id: str) -> dict[str, Any]:
    out = _plain(index.by_id["locations"][location_id])
    out["addresses"] = [_plain(a) for a in index.kids("addresses", "location_id", location_id)]
    out["accessibility"] = [
        _plain(a) for a in index.kids("accessibility", "location_id", location_id)
    ]
    attributes = _nest_attributes(index, location_id)
    if attributes:
        out["attributes"] = attributes
    return out


def nest_service_at_location(index: Index, sal_id: str, service: bool = True) -> dict[str, Any]:
    row = index.by_id["service_at_locations"][sal_id]
    out = _plain(row)
    if row.get("location_id") in index.by_id["locations"]:
        out["location"] = nest_location(index, row["location_id"])
    schedules = index.kids("schedules", "service_at_location_id", sal_id)
    if schedules:
        out["schedules"] = [_plain(s) for s in schedules]
    if service and row.get("service_id") in index.by_id["services"]:
        out["service"] = nest_service(index, row["service_id"], locations=False)
    return out


def nest_service(
    index: Index, service_id: str, organization: bool = True, locations: bool = True
) -> dict[str, Any]:
    """A fully nested service, shaped like the ORUK ``service_full`` example."""
    row = index.by_id["services"][service_id]
    out = _plain(row)
    out["schedules"] = [_plain(s) for s in index.kids("schedules", "service_id", service_id)]
    out["service_areas"] = [
        _plain(a) for a in index.kids("service_areas", "service_id", service_id)
    ]
    if locations:
        out["service_at_locations"] = [
            nest_service_at_location(index, s["id"], service=False)
            for s in index.kids("service_at_locations", "service_id", service_id)
        ]
    out["languages"] = [_plain(x) for x in index.kids("languages", "service_id", service_id)]
    org_id = row.get("organization_id")
    if organization and org_id in index.by_id["organizations"]:
        out["organization"] = nest_organization(index, org_id)
    out["funding"] = [_plain(x) for x in index.kids("funding", "service_id", service_id)]
    out["cost_options"] = [_plain(x) for x in index.kids("cost_options", "service_id", service_id)]
    contacts = []
    for contact in index.kids("contacts", "service_id", service_id):
        item = _plain(contact)
        item["phones"] = [_plain(p) for p in index.kids("phones", "contact_id", contact["id"])]
        contacts.append(item)
    out["contacts"] = contacts
    out["phones"] = [_plain(p) for p in index.kids("phones", "service_id", service_id)]
    out["attributes"] = _nest_attributes(index, service_id)
    return out
