from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> "User":
        """Sign-in finds the account whatever the case of the email typed."""
        return self.get(email__iexact=username)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. People sign in with their email address."""

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        WELSH = "cy", "Cymraeg"

    email = models.EmailField(_("email address"), unique=True)
    person = models.OneToOneField(
        "core.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="user"
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("can use the admin site"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    email_confirmed_at = models.DateTimeField(
        _("email address confirmed"),
        null=True,
        blank=True,
        help_text="When the owner followed the link emailed to this address.",
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return str(self.person) if self.person_id else self.email


class RoleAssignment(models.Model):
    """A role held by an account, scoped to an area or an organisation.

    Organisation member and organisation admin come from the person's affiliations; the
    roles below are granted explicitly. Adding a role means adding a choice here and the
    predicates that use it in ``core/permissions.py``.
    """

    class Role(models.TextChoices):
        INFRASTRUCTURE_STAFF = "infrastructure_staff", _("Infrastructure staff")
        PUBLIC_BODY_OFFICER = "public_body_officer", _("Public body officer")
        BOARD_SUPPORT_OFFICER = "board_support_officer", _("Board support officer")
        AREA_ADMIN = "area_admin", _("Area admin")
        NATIONAL_VIEWER = "national_viewer", _("National viewer")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    area = models.ForeignKey(
        "core.Area",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("The area the role covers. Empty for national roles."),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("For a public body officer: the body they work for."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "area", "organisation"], name="unique_role_assignment"
            )
        ]

    def __str__(self) -> str:
        scope = self.organisation or self.area or _("national")
        return f"{self.user}: {self.get_role_display()} ({scope})"
