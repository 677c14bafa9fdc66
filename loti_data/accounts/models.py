from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone

from loti_data.accounts import roles
from loti_data.accounts.login import normalise_login
from loti_data.accounts.managers import UserManager
from loti_data.validators import single_line


class Organisation(models.Model):
    """A London borough, the City of London, or a partner such as the GLA or LOTI itself."""

    class Kind(models.TextChoices):
        LONDON_BOROUGH = "london_borough", "London borough"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        PARTNER = "partner", "Partner"
        LOTI = "loti", "LOTI"

    name = models.CharField(max_length=120, unique=True, validators=[single_line])
    slug = models.SlugField(max_length=120, unique=True)
    gss_code = models.CharField(
        "GSS code",
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        help_text="ONS Government Statistical Service code, e.g. E09000007 for Camden.",
        validators=[single_line],
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local_authority(self) -> bool:
        return self.kind in (self.Kind.LONDON_BOROUGH, self.Kind.LOCAL_AUTHORITY)


class User(AbstractBaseUser, PermissionsMixin):
    """A person; the email address is the login. Everyone belongs to one organisation."""

    email = models.EmailField("email address", unique=True)
    name = models.CharField(max_length=150, validators=[single_line])
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    job_title = models.CharField(max_length=150, blank=True, validators=[single_line])
    is_staff = models.BooleanField(
        "Django admin access",
        default=False,
        help_text="Lets the person log in to the Django admin. Library admins get it too.",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Untick instead of deleting someone who has left."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalise_login(self.email)

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    @cached_property
    def group_names(self) -> frozenset[str]:
        """The names of this person's groups, read once per request."""
        return frozenset(self.groups.values_list("name", flat=True))

    @property
    def is_loti_staff(self) -> bool:
        return roles.LOTI_STAFF in self.group_names

    @property
    def is_ethics_reviewer(self) -> bool:
        return roles.ETHICS_REVIEWERS in self.group_names

    @property
    def is_data_protection_officer(self) -> bool:
        return roles.DATA_PROTECTION_OFFICERS in self.group_names

    @property
    def is_library_admin(self) -> bool:
        return self.is_superuser or roles.LIBRARY_ADMINS in self.group_names

    @property
    def can_use_admin(self) -> bool:
        return self.is_active and (self.is_superuser or self.is_staff or self.is_library_admin)


class PasswordResetRequest(models.Model):
    """One use of the "forgotten your password?" form, for a known address or not: written the
    same way for both and turned into an outbox email (or nothing) by a worker after the
    response (``loti_data/accounts/password_reset.py``). The rate limits count these rows; the
    sweep deletes them once they are older than the limits' window."""

    address = models.CharField(max_length=254, help_text="In the log-in's one spelling.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["address", "requested_at"], name="reset_address_idx"),
            models.Index(fields=["ip_address", "requested_at"], name="reset_ip_idx"),
            models.Index(fields=["handled_at", "requested_at"], name="reset_due_idx"),
        ]

    def __str__(self) -> str:
        return f"Password reset asked at {self.requested_at:%Y-%m-%d %H:%M}"
