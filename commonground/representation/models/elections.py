"""Elections, kept so that no stored record can link a ballot to its voter.

- ``Elector`` is the frozen roll: who may vote and whether they have. It has no timestamp.
- ``HeldBallot`` is where a cast ballot waits, briefly, to be mixed into the box.
- ``Ballot`` (the box) holds only the election and the preferences. Its key is a random UUID
  and it has no timestamp. Rows arrive only in shuffled batches written by a transaction of
  their own (``ballot_box``), so no key, column, system column or physical order reveals
  the voter or the order of voting.
- Neither table keeps history or emits a per-vote domain event, and no log line names both.
"""

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Election(models.Model):
    class Method(models.TextChoices):
        FPTP = "fptp", _("First past the post")
        APPROVAL = "approval", _("Approval voting")
        SCOTTISH = "scottish", _("Single transferable vote (Scottish rules)")
        ERS97 = "ers97", _("Single transferable vote (ERS97 rules)")
        MEEK = "meek", _("Single transferable vote (Meek)")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        OPEN = "open", _("Voting open")
        CLOSED = "closed", _("Voting closed, counting")
        COUNT_FAILED = "count_failed", _("Count failed")
        COUNTED = "counted", _("Result published")
        VOID = "void", _("Void")

    vacancy = models.OneToOneField(
        "representation.Vacancy", on_delete=models.PROTECT, related_name="election"
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    seats = models.PositiveSmallIntegerField(_("seats to fill"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    electorate_size = models.PositiveIntegerField(_("electorate"), null=True, blank=True)
    ballots_cast = models.PositiveIntegerField(_("ballots cast"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    blt = models.TextField(_("anonymised ballots (BLT)"), blank=True)
    void_reason = models.TextField(_("reason the election was voided"), blank=True)
    count_error = models.TextField(_("why the count failed"), blank=True)
    history = HistoricalRecords(excluded_fields=["result", "blt"])

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")

    def __str__(self) -> str:
        return f"{self.vacancy.seat}"

    def get_absolute_url(self) -> str:
        return reverse("representation:election", args=[self.pk])


class Candidate(models.Model):
    """A valid nomination standing in the election; ``position`` is its BLT candidate number."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    nomination = models.OneToOneField(
        "representation.Nomination", on_delete=models.PROTECT, related_name="candidacy"
    )
    position = models.PositiveSmallIntegerField()
    elected = models.BooleanField(default=False)
    elected_order = models.PositiveSmallIntegerField(null=True, blank=True)
    runner_up = models.BooleanField(default=False)

    class Meta:
        ordering = ["election", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "position"], name="unique_candidate_position"
            )
        ]

    def __str__(self) -> str:
        return str(self.nomination)


class Elector(models.Model):
    """One entry on the frozen electoral roll. ``has_voted`` flips once, atomically."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="electors")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "core.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    has_voted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation"], name="one_elector_per_organisation"
            ),
            models.UniqueConstraint(fields=["election", "person"], name="one_elector_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or self.person}"


class HeldBallot(models.Model):
    """A cast ballot not yet mixed into the box. It shares its voter's transaction id until
    ``ballot_box.mix`` moves it, so it is kept only until a batch is full or voting closes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    preferences = models.JSONField()

    def __str__(self) -> str:
        return "held ballot"


class Ballot(models.Model):
    """One anonymous ballot in the box: the election and the preferences, nothing else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="ballots")
    preferences = models.JSONField(
        help_text="Candidate positions, best first (approval: unordered)."
    )

    class Meta:
        # Counting reads ballots in key order, which is random: insertion order is never used.
        ordering = ["id"]

    def __str__(self) -> str:
        return "ballot"
