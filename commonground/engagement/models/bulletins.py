import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, either_char

SUMMARY_LIMIT = 200
TITLE_LIMIT = 120


class Bulletin(models.Model):
    """A short item of news: a title and a plain-language summary that stand on their own."""

    class Priority(models.IntegerChoices):
        HIGH = 1, _("High")
        NORMAL = 2, _("Normal")
        LOW = 3, _("Low")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title_en, title_cy = either_char(_("Title (English)"), _("Title (Welsh)"), TITLE_LIMIT)
    title = Localised("title")
    summary_en, summary_cy = either_char(
        _("Summary (English)"),
        _("Summary (Welsh)"),
        SUMMARY_LIMIT,
        help_text=_("Plain language, 200 characters or fewer. Digests show only this."),
    )
    summary = Localised("summary")
    body_en = models.TextField(_("Full text (English)"), blank=True)
    body_cy = models.TextField(_("Full text (Welsh)"), blank=True)
    body = Localised("body")
    link = models.URLField(_("link"), blank=True, help_text=_("Where to read more, if elsewhere."))
    themes = models.ManyToManyField("core.Theme", blank=True, verbose_name=_("themes"))
    areas = models.ManyToManyField("core.Area", blank=True, verbose_name=_("areas"))
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bulletins",
        verbose_name=_("published by"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    source = models.CharField(
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text="Set when another capability feeds this bulletin, e.g. reportback:12.",
    )
    history = HistoricalRecords(m2m_fields=[themes, areas])

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("engagement:bulletin", args=[self.pk])


class Subscription(models.Model):
    """What one account wants to hear about, how often, and in which language.

    No themes chosen means every theme; no areas chosen means every area.
    """

    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        WELSH = "cy", "Cymraeg"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="engagement_subscription"
    )
    themes = models.ManyToManyField("core.Theme", blank=True, verbose_name=_("themes"))
    areas = models.ManyToManyField("core.Area", blank=True, verbose_name=_("areas"))
    frequency = models.CharField(
        _("frequency"), max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    # Empty: the account's own language (one setting); set only to override it for this digest.
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    active = models.BooleanField(_("active"), default=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[themes, areas])

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        indexes = [models.Index(fields=["active", "frequency"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.frequency})"


class Digest(models.Model):
    """One subscriber's digest for one period. At most one exists per (subscription, period).

    The unique constraint is the idempotency key: a re-run, or a second worker racing the
    first, cannot create a second digest, and only the worker that moves the row from
    ``pending`` to ``sending`` sends it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="digests")
    period = models.CharField(
        max_length=40, help_text="weekly:2026-W10, monthly:2026-03, bulletin:7"
    )
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    language = models.CharField(max_length=2)
    layout = models.JSONField(
        default=list, help_text="The groups as built: [[theme id or null, [bulletin ids]], …]."
    )
    sections = models.JSONField(
        default=list,
        help_text="Other capabilities' sections as built: [[section name, [item ids]], …].",
    )
    more_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    claimed_by = models.CharField(
        max_length=64, blank=True, help_text="The task whose run moved it to sending."
    )
    announced = models.BooleanField(
        default=False, help_text="Counted in a digest.sent event (each sent digest once)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "period"], name="one_digest_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.subscription} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("engagement:digest", args=[self.public_id])

    @property
    def first_day(self) -> date:
        return timezone.localtime(self.period_start).date()

    @property
    def last_day(self) -> date:
        """The period's last day: its end is exclusive (midnight after a week or month, a
        second after the bulletin for one sent at once), so never before its first day."""
        return timezone.localtime(self.period_end - timedelta(microseconds=1)).date()
