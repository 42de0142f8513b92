"""The demo: a compact per demo area, findings computed from the demo's own records."""

import pytest
from django.core.management import call_command

from commonground.compacts.models import Compact, Finding

pytestmark = pytest.mark.django_db


def test_each_demo_area_has_a_compact_in_its_own_state() -> None:
    call_command("load_demo", verbosity=0)
    compacts = {c.area.slug: c for c in Compact.objects.select_related("area")}
    assert set(compacts) == {"ceredigion", "cardiff", "gwynedd"}
    ceredigion, cardiff, gwynedd = compacts["ceredigion"], compacts["cardiff"], compacts["gwynedd"]
    assert ceredigion.status == "active"
    open_rules = set(
        Finding.objects.filter(compact=ceredigion, resolved_at__isnull=True).values_list(
            "rule", flat=True
        )
    )
    # From the demo's own agreements (arrears, short notice, refused overheads) and liaison.
    assert {"funding.payment_in_advance", "funding.full_cost_recovery"} <= open_rules
    assert cardiff.status == "resting"
    assert Finding.objects.filter(compact=cardiff, rule="compact.review_due").exists()
    [dispute] = gwynedd.disputes.all()
    assert dispute.stage is not None and dispute.stage.key == "mediation"
    assert dispute.anonymous and dispute.reporter_id is None
    before = Finding.objects.count()
    call_command("load_demo", verbosity=0)
    assert Finding.objects.count() == before and Compact.objects.count() == 3
