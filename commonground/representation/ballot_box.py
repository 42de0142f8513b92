"""The ballot box: how a cast ballot loses every link to its voter.

Casting marks the elector as voted and writes the ballot to ``HeldBallot`` in one transaction,
so a vote is never lost and never doubled. Both rows then carry that transaction's id
(PostgreSQL's ``xmin``), so the held ballot is linkable to its voter. ``mix`` moves held
ballots into the box (``Ballot``) once at least ``MIX_BATCH`` are waiting, in a transaction of
its own, in shuffled order and under new random keys, and deletes them from holding. At close,
``seal`` rewrites the whole box, with anything still held, as one shuffled batch, so every
ballot in the box carries the sealing transaction's id and a random physical position.
Deleted rows stay in the table files until VACUUM, which both functions run on PostgreSQL
after they commit. ``docs/representation.md`` states the remaining window and who can see it.
"""

import random

from django.db import connection, transaction
from django_tasks import task

from commonground.representation.models import Ballot, Election, HeldBallot

# The smallest crowd a ballot leaves holding in: at worst, a batch's voters are known as a group.
MIX_BATCH = 5

_shuffle = random.SystemRandom().shuffle


def hold(election: Election, preferences: list[int]) -> None:
    """Write a cast ballot to holding (inside the cast transaction); once a batch is full,
    queue the mix for after that transaction commits."""
    HeldBallot.objects.create(election=election, preferences=preferences)
    if HeldBallot.objects.filter(election=election).count() >= MIX_BATCH:
        election_id = election.pk
        transaction.on_commit(lambda: mix_ballots.enqueue(election_id))


@task()
def mix_ballots(election_id: int) -> int:
    """Move a full batch of held ballots into the box, apart from any voter's transaction.

    The task lives beside the box rather than in ``tasks`` so that casting can queue it
    without ``actions`` importing ``tasks`` (which imports ``actions``)."""
    return mix(election_id)


def _into_box(election_id: int, ballots: list[list[int]]) -> None:
    _shuffle(ballots)
    Ballot.objects.bulk_create([Ballot(election_id=election_id, preferences=p) for p in ballots])


def _vacuum_after_commit() -> None:
    def vacuum() -> None:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                tables = f"{HeldBallot._meta.db_table}, {Ballot._meta.db_table}"
                cursor.execute(f"VACUUM {tables}")

    transaction.on_commit(vacuum)


def mix(election_id: int, minimum: int = MIX_BATCH) -> int:
    """Move a batch of at least ``minimum`` held ballots into the box. Returns how many moved."""
    with transaction.atomic():
        # Rows another mixer has locked are skipped: each held ballot moves exactly once.
        held = list(
            HeldBallot.objects.select_for_update(skip_locked=True)
            .filter(election_id=election_id)
            .values_list("pk", "preferences")
        )
        if not held or len(held) < minimum:
            return 0
        _into_box(election_id, [p for _pk, p in held])
        HeldBallot.objects.filter(pk__in=[pk for pk, _p in held]).delete()
        _vacuum_after_commit()
    return len(held)


def seal(election: Election) -> int:
    """At close, inside the closing transaction: the box and holding become one shuffled batch.

    The caller holds the election's row lock, so no cast is in flight. Returns the ballot count.
    """
    held = HeldBallot.objects.select_for_update().filter(election=election)
    box = Ballot.objects.select_for_update().filter(election=election)
    ballots = list(held.values_list("preferences", flat=True))
    ballots += list(box.values_list("preferences", flat=True))
    held.delete()
    box.delete()
    _into_box(election.pk, ballots)
    _vacuum_after_commit()
    return len(ballots)
