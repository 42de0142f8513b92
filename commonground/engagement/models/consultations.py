from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, bilingual_char, either_char


class Consultation(models.Model):
    """A formal written consultation owned by a public body (or the board it supports)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    owner = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("owner"),
    )
    board_name = models.CharField(
        _("board"),
        max_length=200,
        blank=True,
        help_text=_("If the consultation is run for a partnership board, its name."),
    )
    area = models.ForeignKey(
        "core.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    title_en, title_cy = either_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    summary_en, summary_cy = either_char(_("Summary (English)"), _("Summary (Welsh)"), 400)
    summary = Localised("summary")
    themes = models.ManyToManyField("core.Theme", blank=True, verbose_name=_("themes"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    feedback_due_on = models.DateField(_("feedback due by"))
    short_period_reason_en = models.TextField(
        _("Reason for a shorter period (English)"), blank=True
    )
    short_period_reason_cy = models.TextField(_("Reason for a shorter period (Welsh)"), blank=True)
    short_period_reason = Localised("short_period_reason")
    minimum_weeks = models.PositiveSmallIntegerField(
        _("minimum period when published, in weeks"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    response_summary_en = models.TextField(_("Summary of responses (English)"), blank=True)
    response_summary_cy = models.TextField(_("Summary of responses (Welsh)"), blank=True)
    response_summary = Localised("response_summary")
    feedback_en = models.TextField(_("You said, we did (English)"), blank=True)
    feedback_cy = models.TextField(_("You said, we did (Welsh)"), blank=True)
    feedback = Localised("feedback")
    feedback_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("engagement:consultation", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def is_open(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_published and self.opens_on <= today <= self.closes_on

    def has_closed(self, today: date | None = None) -> bool:
        return (today or timezone.localdate()) > self.closes_on

    def feedback_overdue(self, today: date | None = None) -> bool:
        """Late: the due date has passed and no "you said, we did" has been published."""
        today = today or timezone.localdate()
        return (
            self.is_published
            and self.feedback_published_at is None
            and today > self.feedback_due_on
        )


class ConsultationDocument(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="documents"
    )
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    url = models.URLField(_("web address"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("consultation document")
        verbose_name_plural = _("consultation documents")

    def __str__(self) -> str:
        return str(self.title)


class Question(models.Model):
    class Kind(models.TextChoices):
        FREE_TEXT = "free_text", _("Free text")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        RATING = "rating", _("Rating")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text_en, text_cy = bilingual_char(_("Question (English)"), _("Question (Welsh)"), 500)
    text = Localised("text")
    kind = models.CharField(_("type of answer"), max_length=20, choices=Kind.choices)
    choices_en = models.TextField(
        _("Choices (English)"), blank=True, help_text=_("One choice per line.")
    )
    choices_cy = models.TextField(
        _("Choices (Welsh)"), blank=True, help_text=_("One choice per line, in the same order.")
    )
    rating_max = models.PositiveSmallIntegerField(
        _("highest rating"), default=5, help_text=_("Ratings run from 1 to this number.")
    )
    required = models.BooleanField(_("an answer is required"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="one_question_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    def choice_list(self, language: str | None = None) -> list[str]:
        """The choices in the active (or given) language; Welsh falls back to English."""
        from commonground.core.bilingual import active_language

        english = [c.strip() for c in self.choices_en.splitlines() if c.strip()]
        welsh = [c.strip() for c in self.choices_cy.splitlines() if c.strip()]
        if (language or active_language()) == "cy" and len(welsh) == len(english):
            return welsh
        return english


class PrincipleCheck(models.Model):
    """One of the National Principles for Public Engagement, as the owner applied it."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="principle_checks"
    )
    principle = models.CharField(max_length=20)
    met = models.BooleanField(default=False)
    note = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("principle check")
        verbose_name_plural = _("principle checks")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "principle"], name="one_check_each")
        ]

    def __str__(self) -> str:
        return f"{self.consultation}: {self.principle}"


class Response(models.Model):
    """A response from an organisation or an individual: a draft until submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="responses"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consultation_responses"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation_responses",
        verbose_name=_("responding for"),
    )
    publish = models.BooleanField(_("publish this response"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    reference = models.CharField(max_length=20, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "respondent"], name="one_response_per_respondent"
            )
        ]

    def __str__(self) -> str:
        return self.reference


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True, help_text="Choice indexes, from 0.")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_each")
        ]

    def __str__(self) -> str:
        return f"{self.response} Q{self.question_id}"

    def display(self) -> str:
        """The answer as the respondent chose it, in the active language."""
        if self.text:
            return self.text
        if self.rating is not None:
            return str(self.rating)
        choices = self.question.choice_list()
        return "; ".join(choices[i] for i in self.choices if 0 <= i < len(choices))
