"""Open Referral UK (HSDS 3.0 UK profile): tables, JSON nesting and the CSV data package.

The pivot is :class:`Tables`: one list of rows per ORUK table, as in the CSV data package.
ORUK JSON is flattened into tables on the way in and nested from them on the way out, so
JSON and CSV share one validator and one importer.
"""

from commonground.interop.oruk.convert import (
    flatten_document,
    nest_organization,
    nest_service,
    nest_service_at_location,
    nest_taxonomy,
)
from commonground.interop.oruk.csvpackage import read_csv_package, write_csv_package
from commonground.interop.oruk.tables import (
    TABLES,
    Problem,
    Tables,
    defined_ids,
    empty_tables,
    validate_table,
)

__all__ = [
    "TABLES",
    "Problem",
    "Tables",
    "defined_ids",
    "empty_tables",
    "flatten_document",
    "nest_organization",
    "nest_service",
    "nest_service_at_location",
    "nest_taxonomy",
    "read_csv_package",
    "validate_table",
    "write_csv_package",
]
