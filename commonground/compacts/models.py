"""The compact register, the packs each compact adopts, findings and disputes.

A compact belongs to one area. It adopts rule packs (files in ``packs/``, by id) in order and
may override their parameters, each override with its reason. Findings are written only by
the rule run (``findings.py``); disputes only by the verbs in ``actions.py``.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, bilingual_char


class Compact(models.Model):
    class Kind(models.TextChoices):
        BIPARTITE = "bipartite", _("Bipartite")
        TRIPARTITE = "tripartite", _("Tripartite")
        MULTI_PARTY = "multi_party", _("Multi-party")

    class Scope(models.TextChoices):
        LOCAL = "local", _("Local")
        THEMATIC = "thematic", _("Thematic")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RESTING = "resting", _("Resting")
        ENDED = "ended", _("Ended")

    class Code(models.TextChoices):
        FUNDING = "funding", _("Funding")
        CONSULTATION = "consultation", _("Consultation")
        DISPUTES = "disputes", _("Disputes")
        VOLUNTEERING = "volunteering", _("Volunteering")
        BME = "bme", _("Black and minority ethnic groups")
        COMMUNITY_GROUPS = "community_groups", _("Community groups")

    area = models.ForeignKey(
        "core.Area", on_delete=models.PROTECT, related_name="compacts", verbose_name=_("area")
    )
    slug = models.SlugField(max_length=120, unique=True)
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    summary_en = models.TextField(_("Summary (English)"), blank=True)
    summary_cy = models.TextField(_("Summary (Welsh)"), blank=True)
    summary = Localised("summary")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    scope = models.CharField(_("local or thematic"), max_length=10, choices=Scope.choices)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    codes = models.JSONField(_("codes of practice"), default=list, blank=True)
    liaison_body = models.ForeignKey(
        "partnerships.PartnershipBody",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="compacts",
        verbose_name=_("liaison body"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["area__name_en", "title_en"]
        verbose_name = _("compact")
        verbose_name_plural = _("compacts")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("compacts:compact", args=[self.pk])

    def code_labels(self) -> list[str]:
        return [str(self.Code(c).label) for c in self.codes if c in self.Code.values]


class Party(models.Model):
    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="compact_parties"
    )
    signed_up = models.BooleanField(_("signed up"), default=False)
    signed_up_on = models.DateField(_("signed up on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["compact", "organisation__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["compact", "organisation"], name="one_party_each")
        ]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return str(self.organisation)


class ActionTarget(models.Model):
    """A measurable target of the compact's action plan, with its owner, date and progress."""

    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="targets")
    title_en, title_cy = bilingual_char(_("Target (English)"), _("Target (Welsh)"), 300)
    title = Localised("title")
    owner = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))
    target_value = models.PositiveIntegerField(_("target"))
    achieved_value = models.PositiveIntegerField(_("achieved so far"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["compact", "due_on", "pk"]
        verbose_name = _("action plan target")
        verbose_name_plural = _("action plan targets")

    def __str__(self) -> str:
        return str(self.title)

    @property
    def progress_percent(self) -> int:
        if not self.target_value:
            return 0
        return min(100, round(100 * self.achieved_value / self.target_value))


class Adoption(models.Model):
    """The compact follows a rule pack (``packs/<pack_id>.json``); ``position`` orders them."""

    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="adoptions")
    pack_id = models.CharField(_("rule pack"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    adopted_on = models.DateField(_("adopted on"), default=date.today)
    history = HistoricalRecords()

    class Meta:
        ordering = ["compact", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["compact", "pack_id"], name="adopt_a_pack_once")
        ]

    def __str__(self) -> str:
        return self.pack_id


class ParameterOverride(models.Model):
    """The area's own value for a pack parameter, with the reason it differs."""

    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="overrides")
    rule = models.CharField(_("rule"), max_length=80)
    parameter = models.CharField(_("parameter"), max_length=80)
    value = models.JSONField(_("value"))
    reason = models.TextField(_("reason"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["compact", "rule", "parameter"]
        constraints = [
            models.UniqueConstraint(
                fields=["compact", "rule", "parameter"], name="one_override_per_parameter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule}.{self.parameter}"


class RecordedReason(models.Model):
    """Why a record departs from a commitment (arrears, a single year): it then complies."""

    rule = models.CharField(_("rule"), max_length=80)
    record_type = models.CharField(max_length=80)
    record_id = models.PositiveBigIntegerField()
    reason = models.TextField(_("reason"))
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "record_type", "record_id"], name="one_reason_per_rule_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.record_type}:{self.record_id}"


class Finding(models.Model):
    """A record that breaks a commitment, as the last rule run saw it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="findings")
    rule = models.CharField(_("rule"), max_length=80)
    pack_id = models.CharField(_("rule pack"), max_length=80)
    record_type = models.CharField(_("record type"), max_length=80)
    record_id = models.PositiveBigIntegerField(_("record"))
    record_url = models.CharField(max_length=300)
    record_title = models.CharField(max_length=300)
    severity = models.CharField(_("severity"), max_length=10)
    evidence = models.JSONField(_("evidence"), default=dict)
    first_seen_at = models.DateTimeField(_("first seen"))
    last_seen_at = models.DateTimeField(_("last seen"))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["compact", "resolved_at", "rule", "record_type", "record_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["compact", "rule", "record_type", "record_id"], name="one_finding_each"
            )
        ]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.rule} {self.record_type}:{self.record_id}"

    @property
    def status(self) -> str:
        return self.Status.RESOLVED if self.resolved_at else self.Status.OPEN


class DisputeStage(models.Model):
    """One stage of the compact's disputes procedure, with its time limit in working days."""

    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=40)
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 200)
    name = Localised("name")
    working_days = models.PositiveSmallIntegerField(
        _("time limit in working days"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["compact", "position"]
        constraints = [
            models.UniqueConstraint(fields=["compact", "position"], name="one_stage_per_position")
        ]

    def __str__(self) -> str:
        return str(self.name)


class Dispute(models.Model):
    """A concern raised against a compact. An anonymous one keeps nothing of its reporter:
    no user, organisation, session or address; its reference is how the reporter follows it.
    So it keeps no ``history`` (which would name whoever saved it): its steps are its history.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    compact = models.ForeignKey(Compact, on_delete=models.PROTECT, related_name="disputes")
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    summary = models.TextField(_("what the concern is"))
    finding = models.ForeignKey(
        Finding,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="disputes",
        verbose_name=_("about the finding"),
    )
    record_url = models.CharField(_("about the record"), max_length=300, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reporter_organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    stage = models.ForeignKey(
        DisputeStage, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stage_started_on = models.DateField(_("stage started on"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome_en = models.TextField(_("Outcome in summary (English)"), blank=True)
    outcome_cy = models.TextField(_("Outcome in summary (Welsh)"), blank=True)
    outcome = Localised("outcome")
    outcome_published = models.BooleanField(default=False)
    raised_on = models.DateField(_("raised on"))

    class Meta:
        ordering = ["-raised_on", "-pk"]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("compacts:dispute", args=[self.reference])


class DisputeStep(models.Model):
    """Everything that happens to a dispute: raised, a message, moved on, decided, closed."""

    class Kind(models.TextChoices):
        RAISED = "raised", _("Raised")
        MESSAGE = "message", _("Message")
        MOVED = "moved", _("Moved to a stage")
        DECISION = "decision", _("Decision")
        RESOLVED = "resolved", _("Resolved")

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    stage = models.ForeignKey(
        DisputeStage, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(blank=True)
    # Staff who act are named; a reporter's own steps on an anonymous dispute are not.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    on = models.DateField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dispute", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.dispute_id} {self.kind}"


class AnnualReport(models.Model):
    """A compact's year, frozen when published, and when it went to the national council."""

    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    content = models.JSONField(default=dict)
    published_at = models.DateTimeField(null=True, blank=True)
    sent_to_council_at = models.DateTimeField(
        _("sent to the national partnership council"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["compact", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["compact", "year"], name="one_report_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.compact} {self.year}"
