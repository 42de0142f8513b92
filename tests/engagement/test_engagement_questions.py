"""Issue 11, defect 8: a draft's questions can be changed, moved and deleted (each an event,
each with history); published results read by question text, with a chart and its table
for ratings and a tally for every choice question."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from commonground.core.models import DomainEvent, Organisation, User
from commonground.engagement import actions, queries
from commonground.engagement.models import Consultation, Question


def _draft(officer: User, council: Organisation) -> Consultation:
    today = timezone.localdate()
    consultation = actions.create_consultation(
        officer,
        council,
        {
            "title_en": "Day services",
            "summary_en": "Tell us.",
            "opens_on": today,
            "closes_on": today + timedelta(days=90),
            "feedback_due_on": today + timedelta(days=120),
        },
    )
    for text in ("First?", "Second?", "Third?"):
        actions.add_question(officer, consultation, {"text_en": text, "kind": "free_text"})
    return consultation


def _texts(consultation: Consultation) -> list[tuple[int, str]]:
    return list(consultation.questions.order_by("number").values_list("number", "text_en"))


def test_a_drafts_questions_change_move_and_delete_with_events_and_history(
    officer: User, council: Organisation
) -> None:
    consultation = _draft(officer, council)
    first, second, third = consultation.questions.order_by("number")

    actions.update_question(
        officer, second, {"text_en": "Which?", "kind": "single_choice", "choices_en": "A\nB"}
    )
    second.refresh_from_db()
    assert second.kind == "single_choice" and second.choice_list() == ["A", "B"]
    with pytest.raises(ValidationError) as too_few:
        actions.update_question(officer, second, {"choices_en": "Only one"})
    assert "choices_en" in too_few.value.message_dict
    assert Question.objects.get(pk=second.pk).choices_en == "A\nB"

    actions.move_question(officer, third, up=True)
    assert _texts(consultation) == [(1, "First?"), (2, "Third?"), (3, "Which?")]
    with pytest.raises(ValidationError):
        actions.move_question(officer, first, up=True)
    actions.move_question(officer, first, up=False)
    assert _texts(consultation) == [(1, "Third?"), (2, "First?"), (3, "Which?")]

    actions.delete_question(officer, third)
    assert _texts(consultation) == [(1, "First?"), (2, "Which?")]
    assert third.history.filter(history_type="-").get().history_user == officer

    moved = DomainEvent.objects.of_type("consultation.question_moved").order_by("pk")
    assert [e.payload["number"] for e in moved] == [2, 2]
    assert DomainEvent.objects.of_type("consultation.question_updated").count() == 1
    deleted = DomainEvent.objects.of_type("consultation.question_deleted").get()
    assert deleted.payload == {"subject": consultation.pk, "question_id": third.pk, "number": 1}
    assert deleted.area_id == consultation.area_id and deleted.actor == officer

    # A new question still goes last.
    added = actions.add_question(officer, consultation, {"text_en": "Last?", "kind": "free_text"})
    assert added.number == 3


def test_published_questions_cannot_change(officer: User, council: Organisation) -> None:
    consultation = _draft(officer, council)
    actions.publish_consultation(officer, consultation)
    question = consultation.questions.first()
    assert question is not None
    for change in (
        lambda: actions.update_question(officer, question, {"text_en": "New"}),
        lambda: actions.move_question(officer, question, up=False),
        lambda: actions.delete_question(officer, question),
    ):
        with pytest.raises(ValidationError):
            change()
    assert _texts(consultation) == [(1, "First?"), (2, "Second?"), (3, "Third?")]


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_owner_changes_moves_and_deletes_questions_from_the_manage_page(
    officer: User, council: Organisation, client: Client, prefix: str
) -> None:
    consultation = _draft(officer, council)
    first, second, third = consultation.questions.order_by("number")
    client.force_login(officer)
    manage = f"{prefix}/engagement/consultations/{consultation.pk}/manage/"
    page = client.get(manage).content.decode()
    base = f"{prefix}/engagement/consultations/{consultation.pk}/questions"
    assert f"{base}/{second.pk}/edit/" in page and f"{base}/{second.pk}/delete/" in page
    # Only the moves that can work are offered: the first cannot go up, the last not down.
    assert page.count('value="up"') == 2 and page.count('value="down"') == 2

    form = client.get(f"{base}/{second.pk}/edit/").content.decode()
    assert 'value="Second?"' in form
    saved = client.post(
        f"{base}/{second.pk}/edit/",
        {"text_en": "Second, reworded?", "kind": "free_text", "rating_max": "5"},
    )
    assert saved.status_code == 302 and saved["Location"].endswith("/manage/")
    refused = client.post(
        f"{base}/{second.pk}/edit/", {"text_en": "Pick", "kind": "single_choice", "rating_max": "5"}
    )
    assert refused.status_code == 200 and 'href="#id_choices_en"' in refused.content.decode()
    assert Question.objects.get(pk=second.pk).kind == "free_text"

    assert client.post(f"{base}/{third.pk}/move/", {"direction": "up"}).status_code == 302
    assert _texts(consultation) == [(1, "First?"), (2, "Third?"), (3, "Second, reworded?")]
    last = client.post(f"{base}/{second.pk}/move/", {"direction": "down"})
    assert last.status_code == 400

    ask = client.get(f"{base}/{first.pk}/delete/").content.decode()
    assert "First?" in ask and "govuk-button--warning" in ask
    assert _texts(consultation)[0] == (1, "First?")  # asking deletes nothing
    assert client.post(f"{base}/{first.pk}/delete/").status_code == 302
    assert _texts(consultation) == [(1, "Third?"), (2, "Second, reworded?")]

    actions.publish_consultation(officer, consultation)
    published = client.get(manage).content.decode()
    assert '/edit/"' not in published.split('id="questions"')[1].split("</dl>")[0]
    assert client.get(f"{base}/{third.pk}/edit/").status_code == 400


def test_only_the_owner_may_change_questions(
    officer: User, council: Organisation, make_user: Any, client: Client
) -> None:
    consultation = _draft(officer, council)
    question = consultation.questions.first()
    assert question is not None
    client.force_login(make_user(member_of=council))
    base = f"/engagement/consultations/{consultation.pk}/questions/{question.pk}"
    assert client.get(f"{base}/edit/").status_code == 403
    assert client.post(f"{base}/delete/").status_code == 403
    assert client.post(f"{base}/move/", {"direction": "down"}).status_code == 403
    assert _texts(consultation)[0] == (1, "First?")


def _with_responses(officer: User, council: Organisation, make_user: Any) -> Consultation:
    today = timezone.localdate()
    consultation = actions.create_consultation(
        officer,
        council,
        {
            "title_en": "Buses",
            "summary_en": "Tell us.",
            "opens_on": today,
            "closes_on": today + timedelta(days=90),
            "feedback_due_on": today + timedelta(days=120),
        },
    )
    actions.add_question(
        officer, consultation, {"text_en": "What works well?", "kind": "free_text"}
    )
    actions.add_question(
        officer,
        consultation,
        {
            "text_en": "Which matter most?",
            "kind": "multiple_choice",
            "choices_en": "Transport\nCost\nHours",
            "choices_cy": "Trafnidiaeth\nCost\nOriau",
        },
    )
    actions.add_question(
        officer,
        consultation,
        {"text_en": "Which day?", "kind": "single_choice", "choices_en": "Monday\nFriday"},
    )
    actions.add_question(
        officer, consultation, {"text_en": "How satisfied?", "kind": "rating", "rating_max": 5}
    )
    actions.publish_consultation(officer, consultation)
    words, multi, single, rating = consultation.questions.order_by("number")
    for said, picks, day, stars in (
        ("Buses run on time", ["0", "1"], "0", "4"),
        ("Friendly drivers", ["1"], "0", "5"),
        ("", ["1", "2"], "1", ""),
        ("Cheap", [], "", "4"),
    ):
        actions.save_response(
            make_user(),
            consultation,
            {words.pk: said, multi.pk: picks, single.pk: day, rating.pk: stars},
            publish=True,
            submit=True,
        )
    return consultation


def test_choice_tallies_count_each_choice_against_those_who_answered(
    officer: User, council: Organisation, make_user: Any
) -> None:
    consultation = _with_responses(officer, council, make_user)
    multi, single = queries.choice_tallies(consultation)
    assert multi.base == 3
    assert [(r.label, r.count, r.percent) for r in multi.rows] == [
        ("Transport", 1, 33.3),
        ("Cost", 3, 100.0),
        ("Hours", 1, 33.3),
    ]
    assert single.base == 3 and [(r.count, r.percent) for r in single.rows] == [
        (2, 66.7),
        (1, 33.3),
    ]
    from django.utils import translation

    with translation.override("cy"):
        welsh = queries.choice_tallies(consultation)[0]
    assert [r.label for r in welsh.rows] == ["Trafnidiaeth", "Cost", "Oriau"]
    assert [r.question.number for r in queries.results_by_question(consultation)] == [2, 3, 4]


def test_results_page_charts_every_rating_and_choice_question_with_its_table(
    officer: User, council: Organisation, make_user: Any, client: Client
) -> None:
    consultation = _with_responses(officer, council, make_user)
    client.force_login(officer)
    page = client.get(f"/engagement/consultations/{consultation.pk}/results/").content.decode()
    for heading in ("2. Which matter most?", "3. Which day?", "4. How satisfied?"):
        assert heading in page
    assert page.count('class="cg-bar-chart"') == 3
    # Each bar has its value beside it and its row in the table: 3 of 3 chose "Cost".
    assert "cg-bar-chart__bar cg-w-100" in page and "3 (100.0%)" in page
    assert '<th scope="row" class="govuk-table__header">Cost</th>' in page
    assert "Respondents could pick more than one." in page
    assert "Base: 3 respondents" in page and "Average 4.33" in page


def test_published_responses_are_labelled_by_question_text(
    officer: User, council: Organisation, make_user: Any, client: Client
) -> None:
    consultation = _with_responses(officer, council, make_user)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=timezone.localdate() - timedelta(days=100),
        closes_on=timezone.localdate() - timedelta(days=10),
    )
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert '<dt class="govuk-summary-list__key">1. What works well?</dt>' in page
    assert '<dt class="govuk-summary-list__key">2. Which matter most?</dt>' in page
    assert '<dt class="govuk-summary-list__key">1</dt>' not in page
    assert "Transport; Cost" in page
