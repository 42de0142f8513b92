"""The web pages, in English (/…) and Welsh (/cy/…), with the Django test client.

Expected Welsh text is computed from the English msgid with ``gettext`` under
``translation.override("cy")``, so these tests hold whether or not a string has been
translated yet; the translation-completeness test lives elsewhere.
"""

from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from commonground.core import actions
from commonground.core import permissions as _rules  # noqa: F401  (see test_core_permissions: rules are not registered at start-up)
from commonground.core.models import DomainEvent, Organisation, Theme, User
from commonground.web.views import PAGE_SIZE

PASSWORD = "a-long-test-password"  # as in tests/conftest.py
LANGUAGES = ["en", "cy"]
PREFIX = {"en": "", "cy": "/cy"}


# --- a small HTML reader ----------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list["Element | str"] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self, skip_hidden: bool = False) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not (skip_hidden and "govuk-visually-hidden" in child.classes):
                parts.append(child.text(skip_hidden))
        return " ".join(" ".join(parts).split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str):
        for element in self.iter():
            if tag and element.tag != tag:
                continue
            if cls and cls not in element.classes:
                continue
            if any(element.attrs.get(k.rstrip("_")) != v for k, v in attrs.items()):
                continue
            yield element

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str):
        return next(self.find_all(tag, cls, **attrs), None)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass
class Page:
    status: int
    root: Element

    @property
    def lang(self) -> str:
        html = self.root.find("html")
        return html.attrs.get("lang", "") if html else ""

    @property
    def title(self) -> str:
        title = self.root.find("title")
        return title.text() if title else ""

    @property
    def error_summary(self) -> Element | None:
        return self.root.find("div", "govuk-error-summary")

    @property
    def summary_title(self) -> str:
        summary = self.error_summary
        assert summary is not None, "expected a GOV.UK error summary"
        heading = summary.find(cls="govuk-error-summary__title")
        assert heading is not None
        return heading.text()

    @property
    def summary_items(self) -> list[tuple[str, str]]:
        summary = self.error_summary
        assert summary is not None, "expected a GOV.UK error summary"
        items = []
        for li in summary.find_all("li"):
            link = li.find("a")
            items.append((li.text(), link.attrs.get("href", "") if link else ""))
        return items

    def field_error(self, field_id: str) -> str:
        element = self.root.find("p", "govuk-error-message", id=f"{field_id}-error")
        assert element is not None, f"no error message for {field_id}"
        return element.text(skip_hidden=True)

    @property
    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.root.iter() if "id" in e.attrs}

    @property
    def language_switch(self) -> Element:
        link = self.root.find("a", id="language-switch")
        assert link is not None, "every page has a language switch"
        return link

    def text(self) -> str:
        return self.root.text()


def read(response: Any) -> Page:
    builder = _Builder()
    builder.feed(response.content.decode())
    return Page(response.status_code, builder.root)


def in_language(language: str, msgid: str, **params: Any) -> str:
    """The text a user reading ``language`` should see for an English msgid."""
    with translation.override(language):
        text = gettext(msgid)
        return text % params if params else text


def label(language: str, name: str) -> str:
    """A form field's label as Django builds it from the model's verbose name."""
    with translation.override(language):
        return str(capfirst(Organisation._meta.get_field(name).verbose_name))


def url(language: str, path: str) -> str:
    return PREFIX[language] + path


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def organisation(make_organisation) -> Organisation:
    return make_organisation(
        name_en="Lampeter Community Garden",
        name_cy="Gardd Gymunedol Llanbed",
        description_en="Growing food together.",
        identifier="GB-CHC-1089464",
        income_band="small",
        founded_on=date(2010, 3, 1),
        email="hello@garden.example",
        public_listing=True,
    )


@pytest.fixture
def org_admin(make_user, organisation) -> User:
    return make_user(admin_of=organisation)


@pytest.fixture
def staff(make_user, area) -> User:
    return make_user(role=("infrastructure_staff", area))


def form_data(organisation: Organisation, **overrides: Any) -> dict[str, Any]:
    """What the edit form posts back for ``organisation`` as stored, with ``overrides``."""
    o = Organisation.objects.get(pk=organisation.pk)
    data: dict[str, Any] = {
        "name_en": o.name_en,
        "name_cy": o.name_cy,
        "identifier": o.identifier or "",
        "legal_form": o.legal_form,
        "description_en": o.description_en,
        "description_cy": o.description_cy,
        "income_band": o.income_band,
        "themes": [str(pk) for pk in o.themes.values_list("pk", flat=True)],
        "beneficiary_groups": [str(pk) for pk in o.beneficiary_groups.values_list("pk", flat=True)],
        "areas_served": [str(pk) for pk in o.areas_served.values_list("pk", flat=True)],
        "welsh_language": o.welsh_language,
        "founded_on": o.founded_on.isoformat() if o.founded_on else "",
        "website": o.website,
        "email": o.email,
        "phone": o.phone,
        "postcode": o.postcode,
    }
    if o.constituted:
        data["constituted"] = "on"
    if o.public_listing:
        data["public_listing"] = "on"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def stored(organisation: Organisation) -> dict[str, Any]:
    row = Organisation.objects.filter(pk=organisation.pk).values().get()
    row["themes"] = set(Organisation.objects.get(pk=organisation.pk).themes.all())
    return row


def written(organisation: Organisation) -> tuple[Any, ...]:
    return (stored(organisation), organisation.history.count(), DomainEvent.objects.count())


# --- home, sign in, sign out ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page(client: Client, language: str, organisation) -> None:
    page = read(client.get(url(language, "/")))
    assert page.status == 200
    assert page.lang == language
    assert in_language(language, "Public services and the third sector, working together") in (
        page.text()
    )
    assert page.root.find("a", "govuk-skip-link", href="#main-content") is not None
    assert page.root.find("main", id="main-content") is not None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("preferred", LANGUAGES)
def test_sign_in_continues_in_the_accounts_language(
    client: Client, make_user, language: str, preferred: str
) -> None:
    user = make_user(language=preferred)
    response = client.post(
        url(language, "/sign-in/"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == url(preferred, "/")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_sign_in_keeps_the_next_page_in_the_accounts_language(client: Client, make_user) -> None:
    user = make_user(language="cy")
    response = client.post(
        "/sign-in/?next=/organisations/",
        {"username": user.email, "password": PASSWORD, "next": "/organisations/"},
    )
    assert response["Location"] == "/cy/organisations/"


def test_sign_in_email_is_not_case_sensitive(client: Client, make_user) -> None:
    user = make_user()
    response = client.post("/sign-in/", {"username": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_in_with_wrong_password_shows_error_summary(
    client: Client, make_user, language: str
) -> None:
    user = make_user()
    page = read(
        client.post(url(language, "/sign-in/"), {"username": user.email, "password": "wrong"})
    )
    assert page.status == 200
    assert page.lang == language
    assert page.summary_title == in_language(language, "There is a problem")
    messages = [text for text, _ in page.summary_items]
    assert in_language(language, "Enter a correct email address and password.") in messages
    assert page.title.startswith(in_language(language, "Error:"))
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_in_with_empty_form_names_each_missing_field(client: Client, language: str) -> None:
    page = read(client.post(url(language, "/sign-in/"), {"username": "", "password": ""}))
    assert page.status == 200
    assert page.summary_title == in_language(language, "There is a problem")
    expected = {
        "id_username": in_language(
            language, "Enter a value for ‘%(label)s’.", label=in_language(language, "Email address")
        ),
        "id_password": in_language(
            language, "Enter a value for ‘%(label)s’.", label=in_language(language, "Password")
        ),
    }
    for field_id, message in expected.items():
        assert (message, f"#{field_id}") in page.summary_items
        assert page.field_error(field_id) == message


def test_sign_in_with_malformed_email_is_a_form_error_not_a_crash(client: Client) -> None:
    page = read(client.post("/sign-in/", {"username": "not an email", "password": "x"}))
    assert page.status == 200
    assert page.field_error("id_username") == in_language(
        "en", "Enter an email address in the correct format, like name@example.org."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_out_is_a_post_and_signs_you_out(client: Client, make_user, language: str) -> None:
    client.force_login(make_user())
    assert client.get(url(language, "/sign-out/")).status_code == 405
    assert "_auth_user_id" in client.session  # a link or prefetch cannot sign you out

    response = client.post(url(language, "/sign-out/"))
    assert response.status_code == 302
    assert response["Location"] == url(language, "/")
    assert "_auth_user_id" not in client.session
    assert client.get(url(language, "/account/")).status_code == 302


def test_sign_out_button_is_on_every_page_for_signed_in_users(client: Client, make_user) -> None:
    client.force_login(make_user())
    page = read(client.get("/"))
    form = page.root.find("form", action="/sign-out/")
    assert form is not None
    assert form.attrs.get("method") == "post"


# --- account: preferred language --------------------------------------------------------------


def test_account_needs_sign_in(client: Client) -> None:
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize(("start", "choice"), [("en", "cy"), ("cy", "en"), ("en", "en")])
def test_changing_preferred_language_persists_and_redirects_into_it(
    client: Client, make_user, start: str, choice: str
) -> None:
    user = make_user(language=start)
    client.force_login(user)
    response = client.post(url(start, "/account/"), {"preferred_language": choice})
    assert response.status_code == 302
    assert response["Location"] == url(choice, "/account/")
    user.refresh_from_db()
    assert user.preferred_language == choice

    page = read(client.get(response["Location"]))
    assert page.lang == choice
    assert in_language(choice, "Your preferred language has been saved.") in page.text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_tampered_language_choice_is_refused(client: Client, make_user, language: str) -> None:
    user = make_user()
    client.force_login(user)
    page = read(client.post(url(language, "/account/"), {"preferred_language": "fr"}))
    assert page.status == 200
    assert page.summary_title == in_language(language, "There is a problem")
    user.refresh_from_db()
    assert user.preferred_language == "en"


# --- organisation list ------------------------------------------------------------------------


def names_on(page: Page) -> set[str]:
    main = page.root.find("main")
    assert main is not None
    return {h.text() for h in main.find_all("h2", "govuk-heading-s")}


def test_list_filters_by_name_area_kind_and_theme(
    client: Client, make_organisation, area, other_area
) -> None:
    themes = list(Theme.objects.order_by("slug")[:2])
    a = make_organisation(name_en="Filtertest Alpha Trust", kind=Organisation.Kind.THIRD_SECTOR)
    b = make_organisation(
        name_en="Filtertest Beta Council",
        name_cy="Cyngor Prawfhidlo Beta",
        kind=Organisation.Kind.PUBLIC_BODY,
        area=other_area,
    )
    a.themes.set([themes[0]])
    b.themes.set([themes[1]])

    def listed(**query: str) -> set[str]:
        page = read(client.get("/organisations/", {"q": "Filtertest", **query}))
        assert page.status == 200
        return names_on(page) & {a.name_en, b.name_en}

    assert listed() == {a.name_en, b.name_en}
    assert names_on(read(client.get("/organisations/", {"q": "alpha"}))) == {a.name_en}
    assert b.name_en in names_on(read(client.get("/organisations/", {"q": "prawfhidlo"})))
    assert listed(area=area.slug) == {a.name_en}
    assert listed(area=other_area.slug) == {b.name_en}
    assert listed(kind=Organisation.Kind.PUBLIC_BODY) == {b.name_en}
    assert listed(theme=themes[0].slug) == {a.name_en}
    assert listed(area=area.slug, kind=Organisation.Kind.PUBLIC_BODY) == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_list_with_unknown_filter_values_is_not_a_crash(client: Client, db, language: str) -> None:
    response = client.get(
        url(language, "/organisations/"), {"area": "atlantis", "kind": "pirate", "page": "x"}
    )
    page = read(response)
    assert page.status == 200
    assert page.summary_title == in_language(language, "There is a problem")


def test_list_paginates_and_links_keep_the_filter(client: Client, make_organisation) -> None:
    names = {f"Pagetest Club {n:02d}" for n in range(PAGE_SIZE + 3)}
    for name in names:
        make_organisation(name_en=name)
    first = read(client.get("/organisations/", {"q": "Pagetest"}))
    assert len(names_on(first)) == PAGE_SIZE
    next_link = first.root.find("a", rel="next")
    assert next_link is not None
    href = next_link.attrs["href"]
    assert "q=Pagetest" in href and "page=2" in href

    second = read(client.get("/organisations/" + href))
    assert len(names_on(second)) == 3
    assert names_on(first) | names_on(second) == names
    assert second.root.find("a", rel="next") is None
    assert second.root.find("a", rel="prev") is not None

    beyond = read(client.get("/organisations/", {"q": "Pagetest", "page": "999"}))
    assert beyond.status == 200
    assert names_on(beyond) == names_on(second)
    nonsense = read(client.get("/organisations/", {"q": "Pagetest", "page": "abc"}))
    assert names_on(nonsense) == names_on(first)


def test_unlisted_organisations_hidden_from_public_but_shown_to_staff_of_their_area(
    client: Client, make_organisation, make_user, area, other_area
) -> None:
    make_organisation(name_en="Visibilitytest Listed", public_listing=True)
    make_organisation(name_en="Visibilitytest Unlisted", public_listing=False)

    def seen() -> set[str]:
        return names_on(read(client.get("/organisations/", {"q": "Visibilitytest"})))

    assert seen() == {"Visibilitytest Listed"}
    client.force_login(make_user(role=("infrastructure_staff", other_area)))
    assert seen() == {"Visibilitytest Listed"}
    client.force_login(make_user(role=("infrastructure_staff", area)))
    assert seen() == {"Visibilitytest Listed", "Visibilitytest Unlisted"}


# --- organisation page ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_page_in_each_language(client: Client, organisation, language: str) -> None:
    page = read(client.get(url(language, f"/organisations/{organisation.slug}/")))
    assert page.status == 200
    assert page.lang == language
    heading = page.root.find("h1")
    assert heading is not None
    expected = organisation.name_cy if language == "cy" else organisation.name_en
    assert heading.text() == expected
    assert organisation.identifier in page.text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_unlisted_organisation_page_is_404_for_public_and_shown_to_members(
    client: Client, make_organisation, make_user, language: str
) -> None:
    hidden = make_organisation(public_listing=False)
    path = url(language, f"/organisations/{hidden.slug}/")
    assert client.get(path).status_code == 404
    client.force_login(make_user(admin_of=make_organisation()))
    assert client.get(path).status_code == 404
    client.force_login(make_user(member_of=hidden))
    assert client.get(path).status_code == 200


def test_unknown_organisation_is_404(client: Client, db) -> None:
    assert client.get("/organisations/no-such-organisation/").status_code == 404


# --- organisation edit ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_can_edit(client: Client, organisation, org_admin, language: str) -> None:
    client.force_login(org_admin)
    edit = url(language, f"/organisations/{organisation.slug}/edit/")
    page = read(client.get(edit))
    assert page.status == 200
    assert page.lang == language
    assert page.root.find("input", id="id_name_en").attrs["value"] == organisation.name_en

    theme = Theme.objects.order_by("slug").first()
    history, events = organisation.history.count(), DomainEvent.objects.count()
    response = client.post(
        edit,
        form_data(
            organisation,
            name_en="Lampeter Community Orchard",
            themes=[str(theme.pk)],
            identifier="gb-chc- 1089465",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == url(language, f"/organisations/{organisation.slug}/")
    organisation.refresh_from_db()
    assert organisation.name_en == "Lampeter Community Orchard"
    assert organisation.identifier == "GB-CHC-1089465"  # normalised
    assert list(organisation.themes.all()) == [theme]
    assert organisation.history.count() == history + 1
    assert organisation.history.latest().history_user == org_admin
    new_events = list(DomainEvent.objects.order_by("id")[events:])
    assert [e.type for e in new_events] == ["organisation.updated"]
    assert set(new_events[0].payload["changed_fields"]) == {"name_en", "themes", "identifier"}

    after = read(client.get(response["Location"]))
    assert in_language(language, "Your changes have been saved.") in after.text()


def test_saving_an_unchanged_form_records_nothing(client: Client, organisation, org_admin) -> None:
    client.force_login(org_admin)
    before = written(organisation)
    response = client.post(f"/organisations/{organisation.slug}/edit/", form_data(organisation))
    assert response.status_code == 302
    assert written(organisation) == before


def test_staff_of_the_area_can_edit(client: Client, organisation, staff) -> None:
    client.force_login(staff)
    response = client.post(
        f"/organisations/{organisation.slug}/edit/", form_data(organisation, phone="01570 000000")
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.phone == "01570 000000"


@pytest.mark.parametrize("language", LANGUAGES)
def test_non_admin_gets_403_and_nothing_changes(
    client: Client, organisation, make_user, language: str
) -> None:
    client.force_login(make_user(member_of=organisation))
    edit = url(language, f"/organisations/{organisation.slug}/edit/")
    before = written(organisation)
    page = read(client.get(edit))
    assert page.status == 403
    assert page.lang == language
    assert client.post(edit, form_data(organisation, name_en="Hijacked")).status_code == 403
    assert written(organisation) == before


def test_edit_link_shown_only_to_those_who_may_edit(
    client: Client, organisation, org_admin, make_user
) -> None:
    edit = f"/organisations/{organisation.slug}/edit/"
    assert edit not in client.get(organisation.get_absolute_url()).content.decode()
    client.force_login(make_user(member_of=organisation))
    assert edit not in client.get(organisation.get_absolute_url()).content.decode()
    client.force_login(org_admin)
    assert edit in client.get(organisation.get_absolute_url()).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_anonymous_is_sent_to_sign_in(client: Client, organisation, language: str) -> None:
    edit = url(language, f"/organisations/{organisation.slug}/edit/")
    before = written(organisation)
    for response in (client.get(edit), client.post(edit, form_data(organisation, name_en="X"))):
        assert response.status_code == 302
        assert response["Location"] == f"{url(language, '/sign-in/')}?next={edit}"
    assert written(organisation) == before


# --- bad input on the edit form ---------------------------------------------------------------

NAME_MAX = Organisation._meta.get_field("name_en").max_length
DESCRIPTION_MAX = Organisation._meta.get_field("description_en").max_length


def _identifier_message(language: str) -> str:
    with translation.override(language):
        return gettext("%(value)s is not a valid %(label)s number. For example: %(example)s.") % {
            "value": "GB-CHC-12",
            "label": gettext("registered charity in England and Wales"),
            "example": "GB-CHC-1234567",
        }


# case: (overrides, field with the error, expected message in a language)
BAD_INPUT: dict[str, tuple[dict[str, Any], str, Any]] = {
    "invalid identifier": (
        {"identifier": "GB-CHC-12"},
        "identifier",
        _identifier_message,
    ),
    "unknown identifier scheme": (
        {"identifier": "XX-FOO-123"},
        "identifier",
        None,  # message names the scheme; checked for presence only
    ),
    "missing required name": (
        {"name_en": ""},
        "name_en",
        lambda lang: in_language(
            lang, "Enter a value for ‘%(label)s’.", label=label(lang, "name_en")
        ),
    ),
    "name of only spaces": (
        {"name_en": "   "},
        "name_en",
        lambda lang: in_language(
            lang, "Enter a value for ‘%(label)s’.", label=label(lang, "name_en")
        ),
    ),
    "over-long name": (
        {"name_en": "n" * (NAME_MAX + 1)},
        "name_en",
        lambda lang: in_language(
            lang,
            "‘%(label)s’ must be %(limit)d characters or fewer.",
            label=label(lang, "name_en"),
            limit=NAME_MAX,
        ),
    ),
    "over-long description": (
        {"description_en": "d" * (DESCRIPTION_MAX + 1)},
        "description_en",
        lambda lang: in_language(
            lang,
            "‘%(label)s’ must be %(limit)d characters or fewer.",
            label=label(lang, "description_en"),
            limit=DESCRIPTION_MAX,
        ),
    ),
    "bad email": (
        {"email": "hello at garden"},
        "email",
        lambda lang: in_language(
            lang, "Enter an email address in the correct format, like name@example.org."
        ),
    ),
    "bad website": (
        {"website": "http://"},
        "website",
        lambda lang: in_language(
            lang, "Enter a web address in the correct format, like https://www.example.org."
        ),
    ),
    "bad date": (
        {"founded_on": "2023-02-30"},
        "founded_on",
        lambda lang: in_language(
            lang,
            "Enter ‘%(label)s’ as a real date, like 2019-03-27.",
            label=label(lang, "founded_on"),
        ),
    ),
    "tampered choice": (
        {"legal_form": "pirate_ship"},
        "legal_form",
        lambda lang: in_language(
            lang, "Select a valid option for ‘%(label)s’.", label=label(lang, "legal_form")
        ),
    ),
    "missing choice": (
        {"legal_form": ""},
        "legal_form",
        lambda lang: in_language(
            lang, "Select an option for ‘%(label)s’.", label=label(lang, "legal_form")
        ),
    ),
    "tampered optional choice": (
        {"income_band": "billions"},
        "income_band",
        lambda lang: in_language(
            lang, "Select a valid option for ‘%(label)s’.", label=label(lang, "income_band")
        ),
    ),
    "tampered radio": (
        {"welsh_language": "klingon"},
        "welsh_language",
        lambda lang: in_language(
            lang, "Select a valid option for ‘%(label)s’.", label=label(lang, "welsh_language")
        ),
    ),
    "tampered theme": (
        {"themes": ["999999"]},
        "themes",
        lambda lang: in_language(
            lang, "Select a valid option for ‘%(label)s’.", label=label(lang, "themes")
        ),
    ),
    "non-numeric theme": (
        {"themes": ["not-a-number"]},
        "themes",
        None,  # Django's own "is not a valid value" message
    ),
    "identifier used by another organisation": (
        {"identifier": "gb-chc-1100001"},  # the same as GB-CHC-1100001 once normalised
        "identifier",
        None,  # Django's own uniqueness message
    ),
    "null character": (
        {"name_en": "Garden\x00"},
        "name_en",
        None,  # Django's own "Null characters are not allowed." message
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_shows_error_summary_in_the_users_language_and_writes_nothing(
    client: Client, organisation, org_admin, make_organisation, case: str, language: str
) -> None:
    overrides, field_name, expected = BAD_INPUT[case]
    make_organisation(identifier="GB-CHC-1100001")
    client.force_login(org_admin)
    before = written(organisation)

    page = read(
        client.post(
            url(language, f"/organisations/{organisation.slug}/edit/"),
            form_data(
                organisation, **{"description_en": "A valid change riding along.", **overrides}
            ),
        )
    )

    assert page.status == 200
    assert page.lang == language
    assert page.title.startswith(in_language(language, "Error:"))
    assert page.summary_title == in_language(language, "There is a problem")
    message = page.field_error(f"id_{field_name}")
    assert message
    if expected is not None:
        assert message == expected(language)
    assert any(text == message for text, _ in page.summary_items), page.summary_items
    assert written(organisation) == before


@pytest.mark.parametrize(
    "case", ["invalid identifier", "over-long name", "bad date", "tampered choice"]
)
def test_error_summary_links_go_to_the_field(client: Client, organisation, org_admin, case) -> None:
    overrides, field_name, _ = BAD_INPUT[case]
    client.force_login(org_admin)
    page = read(
        client.post(
            f"/organisations/{organisation.slug}/edit/", form_data(organisation, **overrides)
        )
    )
    hrefs = [href for _, href in page.summary_items]
    assert f"#id_{field_name}" in hrefs
    for href in hrefs:
        assert href.startswith("#") and href[1:] in page.ids, href


@pytest.mark.parametrize("case", ["tampered radio", "tampered theme"])
def test_error_summary_links_for_radios_and_checkboxes_go_to_the_field(
    client: Client, organisation, org_admin, case
) -> None:
    overrides, _, _ = BAD_INPUT[case]
    client.force_login(org_admin)
    page = read(
        client.post(
            f"/organisations/{organisation.slug}/edit/", form_data(organisation, **overrides)
        )
    )
    for _, href in page.summary_items:
        assert href.startswith("#") and href[1:] in page.ids, href


def test_several_errors_are_all_listed(client: Client, organisation, org_admin) -> None:
    client.force_login(org_admin)
    page = read(
        client.post(
            f"/organisations/{organisation.slug}/edit/",
            form_data(organisation, name_en="", email="bad", identifier="GB-CHC-12"),
        )
    )
    hrefs = {href for _, href in page.summary_items}
    assert {"#id_name_en", "#id_email", "#id_identifier"} <= hrefs


def test_entered_values_are_kept_after_an_error(client: Client, organisation, org_admin) -> None:
    client.force_login(org_admin)
    page = read(
        client.post(
            f"/organisations/{organisation.slug}/edit/",
            form_data(organisation, phone="01570 123456", email="bad"),
        )
    )
    assert page.root.find("input", id="id_phone").attrs["value"] == "01570 123456"
    assert page.root.find("input", id="id_email").attrs["value"] == "bad"


# --- language switch --------------------------------------------------------------------------

PAGES = {
    "home": lambda o: "/",
    "sign in": lambda o: "/sign-in/",
    "organisation list": lambda o: "/organisations/",
    "filtered list": lambda o: "/organisations/?q=garden&kind=third_sector",
    "organisation": lambda o: f"/organisations/{o.slug}/",
    "edit": lambda o: f"/organisations/{o.slug}/edit/",
    "history": lambda o: f"/organisations/{o.slug}/history/",
    "account": lambda o: "/account/",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_language_switch_points_to_the_same_page_in_the_other_language(
    client: Client, organisation, staff, name: str, language: str
) -> None:
    if name != "sign in":  # signed-in people are sent on from the sign-in page
        client.force_login(staff)
    path = PAGES[name](organisation)
    other = "cy" if language == "en" else "en"
    page = read(client.get(url(language, path)))
    assert page.status == 200
    assert page.lang == language
    switch = page.language_switch
    assert switch.attrs["href"] == url(other, path)
    assert switch.attrs["hreflang"] == other
    assert switch.attrs["lang"] == other

    there = read(client.get(switch.attrs["href"]))
    assert there.status == 200
    assert there.lang == other
    assert there.language_switch.attrs["href"] == url(language, path)


def test_language_switch_on_sign_in_page_for_anonymous(client: Client, db) -> None:
    page = read(client.get("/cy/sign-in/?next=/cy/account/"))
    assert page.language_switch.attrs["href"] == "/sign-in/?next=/cy/account/"


def test_edited_organisation_shows_welsh_name_on_welsh_page(
    client: Client, organisation, org_admin
) -> None:
    actions.update_organisation(org_admin, organisation, {"name_cy": "Perllan Gymunedol Llanbed"})
    page = read(client.get(f"/cy/organisations/{organisation.slug}/"))
    assert page.root.find("h1").text() == "Perllan Gymunedol Llanbed"
