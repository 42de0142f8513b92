"""Values entered by hand or imported from CSV, all or nothing: a bad row changes nothing
and its message names the row and the column."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from commonground.core.models import DomainEvent, User
from commonground.planning import actions
from commonground.planning.importer import ValueRow
from commonground.planning.models import Measure, MeasureValue, ReportCard

HEADER = "indicator,period,actual,target,forecast,numerator,denominator\n"


def test_a_good_import_writes_every_row_and_works_out_a_percentage(
    support: User, card: ReportCard, measure: Measure
) -> None:
    text = HEADER + (
        "Walkers who feel fitter,2024-Q2,52,55,51,,\n"
        "Cerddwyr sy’n teimlo’n fwy heini,2024-q3,,56,52,57,100\n"
    )
    assert actions.import_values(support, card, text) == 2
    q3 = MeasureValue.objects.get(measure=measure, period="2024-Q3")
    assert q3.actual == Decimal("57.00")  # 57 of 100
    assert (q3.numerator, q3.denominator) == (Decimal(57), Decimal(100))
    assert DomainEvent.objects.filter(type="measure.updated").count() == 1


@pytest.mark.parametrize(
    ("rows", "row", "column"),
    [
        (
            "Walkers who feel fitter,2024-Q2,52,55,,,\nWalkers who feel fitter,2024-Q3,lots,,,,\n",
            3,
            "actual",
        ),
        (
            "Walkers who feel fitter,2024-Q2,52,55,,,\nWalkers who feel fitter,2024-13,50,,,,\n",
            3,
            "period",
        ),
        ("Walkers who feel fitter,2024-Q2,52,55,,,\nNobody,2024-Q3,50,,,,\n", 3, "indicator"),
        (
            "Walkers who feel fitter,2024-Q2,52,55,,,\nWalkers who feel fitter,2024-Q3,,,,5,0\n",
            3,
            "denominator",
        ),
        (
            "Walkers who feel fitter,2024-Q2,52,55,,,\nWalkers who feel fitter,2024-Q3,,,,120,100\n",
            3,
            "numerator",
        ),
        (
            "Walkers who feel fitter,2024-Q2,52,55,,,\nWalkers who feel fitter,2024-Q2,53,,,,\n",
            3,
            "period",
        ),
        ("Walkers who feel fitter,2024-Q2,,,,,\n", 2, "actual"),
    ],
)
def test_one_bad_row_changes_nothing_and_names_row_and_column(
    support: User, card: ReportCard, measure: Measure, rows: str, row: int, column: str
) -> None:
    actions.import_values(support, card, HEADER + "Walkers who feel fitter,2024-Q1,50,50,,,\n")
    before = list(MeasureValue.objects.values_list("period", "actual"))
    events = DomainEvent.objects.count()
    with pytest.raises(ValidationError) as raised:
        actions.import_values(support, card, HEADER + rows)
    message = raised.value.messages[0]
    assert message.startswith(f"Row {row}, column “{column}”:")
    assert list(MeasureValue.objects.values_list("period", "actual")) == before
    assert DomainEvent.objects.count() == events


def test_the_message_is_in_the_readers_language(
    support: User, card: ReportCard, measure: Measure
) -> None:
    with translation.override("cy"), pytest.raises(ValidationError) as raised:
        actions.import_values(support, card, HEADER + "Walkers who feel fitter,2024-Q2,many,,,,\n")
    assert raised.value.messages[0].startswith("Rhes 2, colofn “actual”:")


def test_a_file_without_the_columns_is_refused(
    support: User, card: ReportCard, measure: Measure
) -> None:
    with pytest.raises(ValidationError, match="Missing: numerator, denominator"):
        actions.import_values(
            support, card, "indicator,period,actual,target,forecast\nx,2024-Q1,1,,\n"
        )


def test_the_import_page_shows_the_bad_row_and_writes_nothing(
    client: Client, support: User, card: ReportCard, measure: Measure
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(support)
    upload = SimpleUploadedFile(
        "values.csv",
        (
            HEADER
            + "Walkers who feel fitter,2024-Q2,52,,,,\nWalkers who feel fitter,2024-Q3,x,,,,\n"
        ).encode(),
        content_type="text/csv",
    )
    response = client.post(reverse("planning:card-import", args=[card.pk]), {"file": upload})
    assert response.status_code == 400
    assert "Row 3, column “actual”" in response.content.decode()
    assert not MeasureValue.objects.exists()


def test_values_by_hand_replace_a_period_and_refuse_a_bad_one(
    client: Client, support: User, measure: Measure
) -> None:
    actions.set_values(support, measure, [ValueRow("2024-Q2", actual=Decimal(40))])
    actions.set_values(
        support, measure, [ValueRow("2024-q2", actual=Decimal(45), target=Decimal(50))]
    )
    assert list(MeasureValue.objects.values_list("period", "actual", "target")) == [
        ("2024-Q2", Decimal("45.00"), Decimal("50.00"))
    ]
    client.force_login(support)
    url = reverse("planning:value-enter", args=[measure.pk])
    response = client.post(url, {"period": "Spring", "actual": "3"})
    assert response.status_code == 400
    assert "Enter the period like 2025-Q3." in response.content.decode()
    response = client.post(url, {"period": "2024-Q3", "actual": "three"})
    assert response.status_code == 400
    assert MeasureValue.objects.count() == 1


def test_someone_without_the_right_cannot_import(
    make_user: object, card: ReportCard, measure: Measure
) -> None:
    from django.core.exceptions import PermissionDenied

    outsider = make_user()  # type: ignore[operator]
    with pytest.raises(PermissionDenied):
        actions.import_values(outsider, card, HEADER + "Walkers who feel fitter,2024-Q2,52,,,,\n")
