"""Checking an answer against its question's type, with a message for the respondent."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from commonground.engagement.models import Question


def is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def clean_answer(question: Question, value: Any) -> dict[str, Any]:
    """Turn a raw answer (text, choice index or indexes, rating) into the stored fields.

    Raises ``ValidationError`` naming what was expected when the value has the wrong type.
    """
    empty: dict[str, Any] = {"text": "", "choices": [], "rating": None}
    if is_blank(value):
        return empty
    kind = question.kind
    if kind == Question.Kind.FREE_TEXT:
        if not isinstance(value, str):
            raise ValidationError(_("Enter your answer as text."), code="wrong_type")
        if len(value) > 20000:
            raise ValidationError(_("Your answer must be 20,000 characters or fewer."))
        return {**empty, "text": value.strip()}
    if kind == Question.Kind.RATING:
        try:
            rating = int(str(value).strip())
        except ValueError:
            rating = 0
        if isinstance(value, bool) or not 1 <= rating <= question.rating_max:
            raise ValidationError(
                _("Choose a rating from 1 to %(max)d.") % {"max": question.rating_max},
                code="wrong_type",
            )
        return {**empty, "rating": rating}
    count = len(question.choice_list("en"))
    values = value if isinstance(value, list | tuple) else [value]
    if kind == Question.Kind.SINGLE_CHOICE and len(values) != 1:
        raise ValidationError(_("Choose one option."), code="wrong_type")
    indexes: list[int] = []
    for raw in values:
        try:
            index = int(str(raw).strip())
        except ValueError:
            index = -1
        if isinstance(raw, bool) or not 0 <= index < count:
            raise ValidationError(_("Choose from the options given."), code="wrong_type")
        if index not in indexes:
            indexes.append(index)
    return {**empty, "choices": sorted(indexes)}
