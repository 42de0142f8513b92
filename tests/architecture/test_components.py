"""GOV.UK Frontend components are built in one place: ``web/templates/web/components/``.

A template elsewhere that writes ``class="govuk-button"`` (or a tag, back link, radios, table
or summary list) by
hand drifts from the Design System's markup as it changes; the component tags in
``commonground/web/components.py`` and ``web/templatetags/govuk.py`` are the one source.
"""

import re
from pathlib import Path

from django.template import engines

ROOT = Path(__file__).resolve().parents[2]
COMPONENTS = ROOT / "commonground/web/templates/web/components"
# The block a component starts with, in a class attribute, as written by hand. A modifier
# (``govuk-button--secondary``) or a neighbour (``govuk-button-group``) is not the component.
HAND_BUILT = re.compile(
    r'class="[^"]*(?<![\w-])govuk-(button|tag|back-link|radios|table|summary-list)(?![\w-])[^"]*"'
)


def _templates() -> list[Path]:
    return sorted(
        p
        for p in (ROOT / "commonground").glob("*/templates/**/*.html")
        if COMPONENTS not in p.parents
    )


def test_no_template_hand_builds_a_component() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: govuk-{match.group(1)}"
        for path in _templates()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        for match in HAND_BUILT.finditer(line)
    ]
    assert _templates(), "no templates found"
    assert found == [], "use the component tags ({% govuk_button %} …):\n" + "\n".join(found)


def test_the_check_catches_hand_built_markup() -> None:
    assert HAND_BUILT.search('<a class="govuk-button govuk-button--secondary" href="/">')
    assert HAND_BUILT.search('<strong class="govuk-tag{% if x %} govuk-tag--red{% endif %}">')
    assert HAND_BUILT.search('<div class="govuk-radios govuk-radios--small">')
    assert HAND_BUILT.search('<table class="govuk-table govuk-table--small-text-until-tablet">')
    assert HAND_BUILT.search('<dl class="govuk-summary-list" id="figures">')
    assert not HAND_BUILT.search('<div class="govuk-button-group">')
    assert not HAND_BUILT.search('<caption class="govuk-table__caption">')
    assert not HAND_BUILT.search('<div class="govuk-summary-card">')
    assert not HAND_BUILT.search('<a class="govuk-link" href="/">')


def _render(source: str, **context: object) -> str:
    return engines["django"].from_string("{% load govuk %}" + source).render(context)


def test_a_button_escapes_its_text_and_keeps_its_html() -> None:
    html = _render(
        '{% capture as label %}Save<span class="govuk-visually-hidden"> {{ who }}</span>'
        '{% endcapture %}{% govuk_button html=label name="decision" value="accept" %}'
        '{% govuk_button text=who href="/next/" classes="govuk-button--secondary" %}',
        who="A&B",
    )
    assert (
        '<button type="submit" name="decision" value="accept" class="govuk-button" '
        'data-module="govuk-button">Save<span class="govuk-visually-hidden"> A&amp;B</span>'
        "</button>"
    ) in html
    assert (
        '<a href="/next/" class="govuk-button govuk-button--secondary" '
        'data-module="govuk-button">A&amp;B</a>'
    ) in html


def test_radios_take_choices_and_number_their_ids_as_the_design_system_does() -> None:
    html = _render(
        '{% govuk_radios name="decision" items=choices legend="Decision" value="reject" %}',
        choices=[("accept", "Accept"), ("reject", "Reject")],
    )
    assert 'id="decision" name="decision" type="radio" value="accept">' in html
    assert 'id="decision-2" name="decision" type="radio" value="reject" checked>' in html
    assert '<label class="govuk-label govuk-radios__label" for="decision-2">Reject</label>' in html
    assert "<legend" in html and "Decision</legend>" in html


def test_block_components_wrap_their_body() -> None:
    html = _render(
        '{% govuk_details summary_text="More" open=True %}<p>{{ x }}</p>{% endgovuk_details %}'
        '{% govuk_inset_text id="note" %}Note{% endgovuk_inset_text %}'
        '{% govuk_back_link href="/up/" %}{% govuk_tag text="Open" classes="govuk-tag--green" %}',
        x="<b>",
    )
    assert (
        '<details class="govuk-details" open><summary class="govuk-details__summary">'
        '<span class="govuk-details__summary-text">More</span></summary>'
        '<div class="govuk-details__text"><p>&lt;b&gt;</p></div></details>'
    ) in html
    assert '<div class="govuk-inset-text" id="note">Note</div>' in html
    assert '<a href="/up/" class="govuk-back-link">Back</a>' in html
    assert '<strong class="govuk-tag govuk-tag--green">Open</strong>' in html


def test_checkboxes_check_every_chosen_value() -> None:
    html = _render(
        '{% govuk_checkboxes name="themes" items=items legend="Themes" values=chosen %}',
        items=[{"value": 1, "text": "Health"}, {"value": 2, "text": "Housing"}],
        chosen=[2],
    )
    assert 'id="themes" name="themes" type="checkbox" value="1">' in html
    assert 'id="themes-2" name="themes" type="checkbox" value="2" checked>' in html


def test_a_table_marks_its_row_headers_and_numeric_cells() -> None:
    html = _render(
        '{% govuk_table head=head rows=rows caption="Seats" first_cell_is_header=True %}{% endgovuk_table %}',
        head=["Status", {"text": "Seats", "format": "numeric"}],
        rows=[["Filled", {"text": 3, "format": "numeric"}]],
    )
    assert '<th scope="row" class="govuk-table__header">Filled</th>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in html
    assert 'class="govuk-table__header govuk-table__header--numeric">Seats</th>' in html


def test_summary_list_rows_keep_their_values_markup() -> None:
    html = _render(
        '{% govuk_summary_list id="figures" %}{% govuk_summary_list_row key="Name" %}'
        "<b>{{ name }}</b>{% endgovuk_summary_list_row %}{% endgovuk_summary_list %}",
        name="A&B",
    )
    assert (
        '<dl class="govuk-summary-list" id="figures"><div class="govuk-summary-list__row">'
        '<dt class="govuk-summary-list__key">Name</dt>'
        '<dd class="govuk-summary-list__value"><b>A&amp;B</b></dd></div></dl>'
    ) in html


def test_a_table_built_in_the_template_keeps_its_cells_markup() -> None:
    html = _render(
        '{% govuk_table caption="Seats" caption_classes="govuk-table__caption--m" id="seats" %}'
        "{% govuk_table_head %}{% govuk_table_header %}Seat{% endgovuk_table_header %}"
        '{% govuk_table_header format="numeric" %}Held{% endgovuk_table_header %}'
        "{% endgovuk_table_head %}"
        '{% govuk_table_row data_status="vacant" %}'
        '{% govuk_table_header %}<a href="/s/">{{ name }}</a>{% endgovuk_table_header %}'
        '{% govuk_table_cell format="numeric" %}3{% endgovuk_table_cell %}{% endgovuk_table_row %}'
        '{% govuk_table_row %}{% govuk_table_cell colspan=2 %}None{% endgovuk_table_cell %}'
        "{% endgovuk_table_row %}{% endgovuk_table %}",
        name="A&B",
    )
    assert '<table class="govuk-table" id="seats">' in html
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Seats</caption>' in html
    assert (
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col" class="govuk-table__header">Seat</th>'
        '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Held</th>'
        "</tr></thead>"
    ) in html
    assert (
        '<tr class="govuk-table__row" data-status="vacant">'
        '<th scope="row" class="govuk-table__header"><a href="/s/">A&amp;B</a></th>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">3</td></tr>'
    ) in html
    assert '<td class="govuk-table__cell" colspan="2">None</td>' in html
    assert html.index("</thead>") < html.index("<tbody")


def test_summary_list_rows_carry_their_action_and_value_id() -> None:
    html = _render(
        '{% govuk_summary_list_row key="Bodies" value_id="bodies" action_href="/b/" '
        'action_text="Change" action_visually_hidden_text=name %}2{% endgovuk_summary_list_row %}',
        name="A&B",
    )
    assert (
        '<dd class="govuk-summary-list__value" id="bodies">2</dd>'
        '<dd class="govuk-summary-list__actions"><a class="govuk-link" href="/b/">Change'
        '<span class="govuk-visually-hidden"> A&amp;B</span></a></dd>'
    ) in html
