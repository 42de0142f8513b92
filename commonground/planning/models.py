"""Partnership plans, their needs assessment, priorities and actions; RBA report cards with
their measures and values by period; and the government requests log.

Every record people edit keeps its history. A plan, a report card and a request belong to a
partnership body; a board's scorecard reads its sub-groups' report cards where they are
(``queries.scorecard``), never a copy.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, bilingual_char
from commonground.planning.curves import Frequency as CurveFrequency
from commonground.planning.curves import Polarity as CurvePolarity


class Outcome(models.Model):
    """Reference data a priority is tagged with: the seven well-being goals of the
    Well-being of Future Generations (Wales) Act 2015, or an English area's own outcomes."""

    class Scheme(models.TextChoices):
        WELLBEING_GOALS = "wfg", _("Well-being goals (Wales)")
        AREA_OUTCOMES = "area", _("Area outcomes")

    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 200)
    name = Localised("name")
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "position", "code"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return str(self.name)


class Plan(models.Model):
    class Kind(models.TextChoices):
        SIP = "sip", _("Single Integrated Plan")
        WELLBEING = "wellbeing", _("Well-being Plan")
        COMMUNITY_STRATEGY = "community_strategy", _("Community strategy")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    body = models.ForeignKey(
        "partnerships.PartnershipBody",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("partnership body"),
    )
    kind = models.CharField(_("kind of plan"), max_length=30, choices=Kind.choices)
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    summary_en = models.TextField(_("Summary (English)"), blank=True)
    summary_cy = models.TextField(_("Summary (Welsh)"), blank=True)
    summary = Localised("summary")
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("planning:plan", args=[self.pk])

    @property
    def published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    description_en = models.TextField(_("Description (English)"), blank=True)
    description_cy = models.TextField(_("Description (Welsh)"), blank=True)
    description = Localised("description")
    outcomes = models.ManyToManyField(
        Outcome, blank=True, related_name="priorities", verbose_name=_("goals and outcomes")
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[outcomes])

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return str(self.title)


class Candidate(models.Model):
    """One entry on the needs assessment's long list, with its evidence and source, and the
    reason it was shortlisted or not."""

    class Decision(models.TextChoices):
        UNDECIDED = "undecided", _("Not decided")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        NOT_SHORTLISTED = "not_shortlisted", _("Not shortlisted")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="candidates")
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    evidence = models.TextField(_("evidence"), help_text=_("Documents and indicators."))
    source = models.CharField(_("source"), max_length=300)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.UNDECIDED
    )
    reason = models.TextField(_("reason"), blank=True)
    priority = models.OneToOneField(
        Priority, on_delete=models.SET_NULL, null=True, blank=True, related_name="candidate"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "pk"]
        verbose_name = _("candidate priority")
        verbose_name_plural = _("candidate priorities")

    def __str__(self) -> str:
        return str(self.title)


class Action(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        ON_TRACK = "on_track", _("On track")
        AT_RISK = "at_risk", _("At risk")
        OFF_TRACK = "off_track", _("Off track")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    class Delivery(models.TextChoices):
        PARTNERSHIP = "partnership", _("In partnership")
        SINGLE = "single", _("By one organisation")

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    title_en, title_cy = bilingual_char(_("Action (English)"), _("Action (Welsh)"), 300)
    title = Localised("title")
    owner = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner organisation"),
    )
    lead = models.ForeignKey(
        "core.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead person"),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.SINGLE
    )
    partners = models.ManyToManyField(
        "core.Organisation", blank=True, related_name="+", verbose_name=_("partners")
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    overdue_flagged_on = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("planning:action", args=[self.pk])

    @property
    def closed(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.DROPPED)

    def is_overdue(self, on: "object") -> bool:
        return not self.closed and self.due_on < on  # type: ignore[operator]


class ProgressUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    status = models.CharField(_("status"), max_length=20, choices=Action.Status.choices)
    author = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-written_on", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.written_on}: {self.text[:40]}"


class ReportCard(models.Model):
    """An RBA report card: a population result (a condition of well-being for a population)
    with its population indicators, or a programme or service with its performance
    measures."""

    class Kind(models.TextChoices):
        POPULATION = "population", _("Population result")
        PERFORMANCE = "performance", _("Programme or service")

    body = models.ForeignKey(
        "partnerships.PartnershipBody",
        on_delete=models.PROTECT,
        related_name="report_cards",
        verbose_name=_("partnership body"),
    )
    kind = models.CharField(_("kind of report card"), max_length=20, choices=Kind.choices)
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    population_en = models.CharField(_("Population (English)"), max_length=200, blank=True)
    population_cy = models.CharField(_("Population (Welsh)"), max_length=200, blank=True)
    population = Localised("population")
    published = models.BooleanField(_("published"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "title_en"]
        verbose_name = _("report card")
        verbose_name_plural = _("report cards")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("planning:card", args=[self.pk])


class Measure(models.Model):
    """A population indicator or a performance measure, with its turn-the-curve fields."""

    class Question(models.TextChoices):
        POPULATION = "population", _("Population indicator")
        HOW_MUCH = "how_much", _("How much did we do?")
        HOW_WELL = "how_well", _("How well did we do it?")
        BETTER_OFF = "better_off", _("Is anyone better off?")

    class Polarity(models.TextChoices):
        HIGHER = CurvePolarity.HIGHER_IS_BETTER.value, _("Higher is better")
        LOWER = CurvePolarity.LOWER_IS_BETTER.value, _("Lower is better")

    class Frequency(models.TextChoices):
        MONTHLY = CurveFrequency.MONTHLY.value, _("Monthly")
        QUARTERLY = CurveFrequency.QUARTERLY.value, _("Quarterly")
        ANNUAL = CurveFrequency.ANNUAL.value, _("Annual")

    card = models.ForeignKey(ReportCard, on_delete=models.CASCADE, related_name="measures")
    question = models.CharField(_("RBA question"), max_length=20, choices=Question.choices)
    title_en, title_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 200)
    title = Localised("title")
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example %, people, days."))
    is_percentage = models.BooleanField(_("a percentage with numerator and denominator"))
    polarity = models.CharField(_("polarity"), max_length=10, choices=Polarity.choices)
    frequency = models.CharField(_("reporting frequency"), max_length=10, choices=Frequency.choices)
    baseline_period = models.CharField(_("baseline period"), max_length=10)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=2)
    data_source = models.CharField(_("data source"), max_length=300)
    story_en = models.TextField(_("Story behind the curve (English)"), blank=True)
    story_cy = models.TextField(_("Story behind the curve (Welsh)"), blank=True)
    story = Localised("story")
    partners_en = models.TextField(_("Partners with a role to play (English)"), blank=True)
    partners_cy = models.TextField(_("Partners with a role to play (Welsh)"), blank=True)
    partners = Localised("partners")
    what_works_en = models.TextField(_("What works (English)"), blank=True)
    what_works_cy = models.TextField(_("What works (Welsh)"), blank=True)
    what_works = Localised("what_works")
    plan_actions = models.ManyToManyField(
        Action, blank=True, related_name="measures", verbose_name=_("action plan")
    )
    history = HistoricalRecords(m2m_fields=[plan_actions])

    class Meta:
        ordering = ["card", "question", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("planning:measure", args=[self.pk])


class MeasureValue(models.Model):
    """A measure's target, actual and forecast for one period (any may be empty)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(_("period"), max_length=10)
    position = models.IntegerField(editable=False)  # the period's index, for ordering
    actual = models.DecimalField(
        _("actual"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    forecast = models.DecimalField(
        _("forecast"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    numerator = models.DecimalField(
        _("numerator"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("denominator"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "position"]
        verbose_name = _("measure value")
        verbose_name_plural = _("measure values")
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="one_value_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.period}"


class GovernmentRequest(models.Model):
    """A letter, consultation or information request sent to a board by government."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("Letter")
        CONSULTATION = "consultation", _("Consultation")
        INFORMATION = "information", _("Information request")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")

    body = models.ForeignKey(
        "partnerships.PartnershipBody",
        on_delete=models.PROTECT,
        related_name="government_requests",
        verbose_name=_("partnership body"),
    )
    kind = models.CharField(_("kind of request"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("subject"), max_length=300)
    sender = models.CharField(_("sender"), max_length=200)
    received_on = models.DateField(_("date received"))
    owner = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    response = models.TextField(_("response"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("government request")
        verbose_name_plural = _("government requests")

    def __str__(self) -> str:
        return self.title
