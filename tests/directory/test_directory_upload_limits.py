"""Import uploads are bounded: file size, unzipped size and rows. A zip bomb changes nothing."""

import io
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from html import unescape
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from commonground.core.models import Area, Organisation, User
from commonground.directory import actions, imports
from commonground.directory.models import Service

GIB = 1 << 30


def _zip_bomb() -> bytes:
    """About 1 MB that unzips to 1 GiB: one services.csv row with a gigabyte-long name."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("services.csv", "w", force_zip64=True) as member,
    ):
        member.write(b"id,name\n00000000-0000-4000-8000-000000000000,")
        chunk = b"x" * (1 << 20)
        for _ in range(GIB // len(chunk)):
            member.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _zip_bomb()


def _staff_client(make_user: Callable[..., User], area: Area, language: str = "en") -> Client:
    client = Client()
    client.force_login(make_user(role=("infrastructure_staff", area), language=language))
    return client


def test_a_zip_bomb_is_rejected_fast_in_bounded_memory(area: Area, bomb: bytes) -> None:
    assert len(bomb) < 2_000_000
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(actions.ImportFailed) as failed:
            imports.run_import(None, "oruk_csv", bomb, area, "bomb.zip")
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 20_000_000  # bytes, beyond the upload itself
    assert [p.code for p in failed.value.problems] == ["too_large_unzipped"]
    assert not Service.objects.exists()


def test_too_many_rows_are_refused(area: Area, settings: Any) -> None:
    settings.DIRECTORY_IMPORT_MAX_ROWS = 3
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("organizations.csv", "id,name\n" + "x,Org\n" * 10)
    with pytest.raises(actions.ImportFailed) as failed:
        imports.run_import(None, "oruk_csv", buffer.getvalue(), area, "rows.zip")
    assert [p.code for p in failed.value.problems] == ["too_many_rows"]
    assert not Organisation.objects.filter(name_en="Org").exists()


@pytest.mark.parametrize(
    ("language", "prefix", "expected"),
    [("en", "", "bigger than 200 MB"), ("cy", "/cy", "fwy na 200 MB")],
)
def test_the_upload_page_says_why_in_the_users_language(
    make_user: Callable[..., User],
    area: Area,
    bomb: bytes,
    language: str,
    prefix: str,
    expected: str,
) -> None:
    client = _staff_client(make_user, area, language)
    response = client.post(
        f"{prefix}/directory/import/",
        {"format": "oruk_csv", "area": area.slug, "file": SimpleUploadedFile("b.zip", bomb)},
    )
    assert response.status_code == 200
    assert expected in unescape(response.content.decode())
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "The file must be 1 MB or smaller"), ("/cy", "Rhaid i'r ffeil fod yn 1 MB neu'n llai")],
)
def test_an_upload_over_the_size_limit_is_refused(
    make_user: Callable[..., User], area: Area, settings: Any, prefix: str, expected: str
) -> None:
    settings.DIRECTORY_IMPORT_MAX_UPLOAD_MB = 1
    client = _staff_client(make_user, area)
    response = client.post(
        f"{prefix}/directory/import/",
        {
            "format": "oruk_json",
            "area": area.slug,
            "file": SimpleUploadedFile("big.json", b" " * (1024 * 1024 + 1)),
        },
    )
    assert response.status_code == 200
    assert expected in unescape(response.content.decode())
