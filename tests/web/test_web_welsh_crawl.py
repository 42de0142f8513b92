"""Issue 11: every page a person reaches under /cy/ is in Welsh, answers, and links somewhere.

The demo is crawled signed out and as each demo persona, from /cy/ along every link that
stays under /cy/. Each page must answer 200 (a 404, 403 or 500 behind a link is a dead
end), and its Welsh page must not show English interface text that its English page shows
too. English text is recognised two ways: a string from our catalogues (its English
source) left untranslated, or a phrase of common English words. Names and what people
wrote (organisations, services, report-backs in English alone) are content, not interface,
and are left out: they are read from the database. A link from a Welsh page to an English
page (other than the language switch) is a fault too: it moves the reader out of Welsh.
"""

import io
import re
from collections import defaultdict
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import polib
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client

from commonground.core.demo.loader import PERSONAS
from commonground.core.models import User
from commonground.directory.models import SearchWord

ROOT = Path(__file__).resolve().parents[2]

# Pages of one shape (a service, an organisation, a bulletin) are alike: a few of each.
PER_SHAPE = 2
PER_PERSONA = 160
SKIP_PREFIXES = ("/cy/admin/", "/cy/api/", "/cy/oruk/", "/cy/bench/")
# Addresses outside the language prefix by design: files, machine-readable feeds, admin.
UNPREFIXED = ("/static/", "/media/", "/api/", "/oruk/", "/admin/")
DOWNLOADS = re.compile(r"\.(csv|xlsx|ics|blt|txt|pdf|json|xml|atom)$|/feed/|/export/")

# Common English words that are not Welsh words: two in one text make it English.
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "your",
        "you",
        "for",
        "with",
        "this",
        "that",
        "is",
        "are",
        "has",
        "have",
        "not",
        "from",
        "by",
        "be",
        "will",
        "can",
        "or",
        "an",
        "all",
        "what",
        "who",
        "how",
        "when",
        "which",
        "there",
        "their",
        "about",
        "no",
        "yes",
        "new",
        "see",
        "back",
        "next",
        "previous",
        "page",
        "search",
        "sign",
        "out",
        "into",
        "been",
        "was",
        "were",
        "it",
        "its",
        "our",
        "we",
        "they",
        "them",
        "on",
        "at",
        "more",
        "than",
        "any",
        "each",
        "only",
        "after",
        "before",
    ]
)
# Strings English and Welsh write alike, or that are names of things and standards.
ALLOWED = frozenset(
    {
        "Commonground",
        "CSV",
        "XLSX",
        "BLT",
        "ORUK",
        "OCDS",
        "360Giving",
        "English",
        "Cymraeg",
        "PDF",
        "iCalendar",
    }
)


def _catalogue_strings() -> frozenset[str]:
    """Our interface strings in English whose Welsh differs: on a Welsh page they are
    English left behind."""
    found = set()
    for po_path in (ROOT / "commonground").glob("*/locale/cy/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po_path)):
            if entry.msgid_plural or "%" in entry.msgid or "{" in entry.msgid:
                continue
            if entry.msgstr and entry.msgstr != entry.msgid:
                found.add(entry.msgid.strip())
    return frozenset(found - ALLOWED)


def _content_strings() -> list[str]:
    """Every text value people or the demo wrote: names and content, not interface."""
    values: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("commonground") or "Historical" in model.__name__:
            continue
        if model is SearchWord:
            # The search vocabulary (PostgreSQL only) is every single word, "results" and
            # "and" among them: not names people wrote, and it would hide any English.
            continue
        fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        for row in model.objects.values_list(*fields) if fields else []:
            values.update(str(v).strip() for v in row if v and len(str(v).strip()) >= 3)
    return sorted(values, key=len, reverse=True)


class _Page(HTMLParser):
    """The links and the visible text of a page; text marked lang="en" is left out."""

    SKIP = {"script", "style", "code", "pre", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.texts: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def _hidden(self) -> bool:
        return any(skip for _tag, skip in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        # The language switch (hreflang="en") is the one link meant to leave Welsh.
        if tag == "a" and found.get("href") and found.get("hreflang") != "en":
            self.links.append(found["href"] or "")
        if tag in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            return
        skip = tag in self.SKIP or (found.get("lang") or "").startswith("en")
        self._stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._hidden():
            self.texts.append(text)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _shape(path: str) -> str:
    parts = [p for p in path.split("/") if p]
    return "/".join(
        p if index < 2 and not re.search(r"\d", p) else ("*" if re.search(r"[\d-]", p) else p)
        for index, p in enumerate(parts)
    )


def _english(text: str, catalogue: frozenset[str]) -> bool:
    if text in catalogue:
        return True
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return len(words & ENGLISH_WORDS) >= 2


class _Crawl:
    def __init__(self, client: Client, content: list[str], catalogue: frozenset[str]):
        self.client, self.content, self.catalogue = client, content, catalogue
        self.problems: list[str] = []

    def _english_left(self, text: str) -> bool:
        if text in ALLOWED or not _english(text, self.catalogue):
            return False
        rest = text
        for value in self.content:
            if len(value) <= len(rest) and value in rest:
                rest = rest.replace(value, " ")
        rest = " ".join(rest.split())
        return bool(rest) and _english(rest, self.catalogue)

    def run(self, who: str) -> int:
        queue, seen = ["/cy/"], {"/cy/"}
        shapes: dict[str, int] = defaultdict(int)
        visited = 0
        while queue and visited < PER_PERSONA:
            url = queue.pop(0)
            response = self.client.get(url)
            visited += 1
            if response.status_code in (301, 302):
                continue  # a redirect (to sign in, or onwards) is not a page of its own
            if response.status_code != 200:
                self.problems.append(f"{who}: {url} answers {response.status_code}")
                continue
            if "text/html" not in response.get("Content-Type", ""):
                continue
            page = _parse(response.content.decode())
            english = _parse(self.client.get(url.removeprefix("/cy")).content.decode())
            shown_in_english = set(english.texts)
            for text in dict.fromkeys(page.texts):
                if text in shown_in_english and self._english_left(text):
                    self.problems.append(f"{who}: {url} shows English: {text!r}")
            for href in page.links:
                target = urldefrag(href)[0]
                parts = urlsplit(target)
                if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                    continue
                if not parts.path.startswith("/cy/"):
                    if not parts.path.startswith(UNPREFIXED) and not DOWNLOADS.search(parts.path):
                        self.problems.append(f"{who}: {url} links out of Welsh to {target}")
                    continue
                if target in seen or parts.path.startswith(SKIP_PREFIXES):
                    continue
                if DOWNLOADS.search(parts.path):
                    continue
                seen.add(target)
                key = _shape(parts.path)
                if shapes[key] >= PER_SHAPE:
                    continue
                shapes[key] += 1
                queue.append(target)
        return visited


@pytest.fixture(scope="module")
def _demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The whole demo, loaded once for this module and rolled back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.parametrize("email", ["", *[p.email for p in PERSONAS]], ids=lambda e: e or "public")
def test_every_welsh_page_is_welsh_answers_and_links_somewhere(
    _demo: None, db: None, email: str
) -> None:
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    crawl = _Crawl(client, _content_strings(), _catalogue_strings())
    # The checks can fail: an interface string, or an English phrase, is caught.
    assert crawl._english_left("Responses and results")
    assert crawl._english_left("Round 0 — 1 seat(s) for the board")
    assert not crawl._english_left("Aberystwyth Food Bank")
    visited = crawl.run(email or "signed out")
    print(f"{email or 'signed out'}: {visited} pages")
    assert visited >= 10, f"the crawl reached only {visited} pages"
    assert crawl.problems == [], "\n".join(crawl.problems)
