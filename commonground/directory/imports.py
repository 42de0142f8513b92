"""Reading import files of each format and handing them to the import verbs."""

import json
from typing import Any

from django.conf import settings

from commonground.core.models import Area
from commonground.directory import actions
from commonground.interop import charity_commission
from commonground.interop.oruk import Problem, Tables, flatten_document, read_csv_package

FORMATS = ("oruk_json", "oruk_csv", "charity_commission")


def read_oruk_json(data: bytes) -> tuple[Tables, list[Problem]]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return {}, [Problem("", "", "malformed", "not UTF-8 text")]
    except json.JSONDecodeError as exc:
        return {}, [Problem(f"line {exc.lineno} column {exc.colno}", "", "malformed", exc.msg)]
    return flatten_document(document)


def run_import(actor: Any, fmt: str, data: bytes, area: Area, source: str) -> dict[str, int]:
    """Import ``data`` in format ``fmt``; raises ``actions.ImportFailed`` listing problems."""
    if fmt == "charity_commission":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise actions.ImportFailed([Problem("", "", "malformed", "not UTF-8 text")]) from None
        charities, problems = charity_commission.parse_extract(text)
        return actions.import_charities(actor, charities, area, problems)
    if fmt == "oruk_json":
        tables, problems = read_oruk_json(data)
    elif fmt == "oruk_csv":
        tables, problems = read_csv_package(
            data,
            max_unzipped=settings.DIRECTORY_IMPORT_MAX_UNZIPPED_MB * 2**20,
            max_rows=settings.DIRECTORY_IMPORT_MAX_ROWS,
        )
    else:
        raise ValueError(fmt)
    if problems:
        raise actions.ImportFailed(problems)
    return actions.import_oruk(actor, tables, area, source)
