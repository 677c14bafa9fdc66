from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from loti_data.accounts import roles
from loti_data.accounts.claims import domain_refusal
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


def validate_email_domain(value: str) -> None:
    """An email domain as people's addresses end: lower case, no wildcard, no "@"."""
    refusal = domain_refusal(value)
    if refusal:
        raise ValidationError(refusal)


class OrganisationTenant(models.Model):
    """A Microsoft Entra ID tenant (the ``tid`` claim) whose people belong to the organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sso_tenants"
    )
    tenant_id = models.UUIDField(
        "tenant ID",
        unique=True,
        help_text="The directory (tenant) ID, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47.",
    )

    class Meta:
        ordering = ["tenant_id"]
        verbose_name = "sign-in tenant"

    def __str__(self) -> str:
        return str(self.tenant_id)


class OrganisationDomain(models.Model):
    """An email domain whose verified addresses belong to the organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sso_domains"
    )
    domain = models.CharField(
        max_length=253,
        unique=True,
        validators=[validate_email_domain],
        help_text="Lower case, without wildcards or @, e.g. camden.gov.uk.",
    )

    class Meta:
        ordering = ["domain"]
        verbose_name = "sign-in email domain"

    def __str__(self) -> str:
        return self.domain


class SignInEvent(models.Model):
    """One sign-in, refused sign-in, two-factor change or recovery-code use: written by
    ``loti_data/accounts/activity.py``, never changed or deleted (the person sees their own on
    the account activity page, admins see all read-only)."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in refused"
        MFA_ENROLLED = "mfa_enrolled", "Two-factor turned on"
        MFA_REMOVED = "mfa_removed", "Two-factor turned off"
        RECOVERY_CODES_GENERATED = "recovery_codes_generated", "New recovery codes made"
        RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"

    class Method(models.TextChoices):
        PASSWORD = "password", "Password"
        SSO = "sso", "Organisation account"
        TOTP = "totp", "Authenticator app"
        RECOVERY_CODE = "recovery_code", "Recovery code"

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="sign_in_events"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    method = models.CharField(max_length=20, choices=Method.choices)
    login = models.CharField(
        max_length=255, blank=True, help_text="What was typed or claimed, in its one spelling."
    )
    detail = models.CharField(max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["user", "-at"], name="signin_user_idx"),
            models.Index(fields=["ip_address", "method", "kind", "at"], name="signin_ip_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} ({self.get_method_display()}) at {self.at:%Y-%m-%d %H:%M}"
        )

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Sign-in events are append-only.")
        super().save(*args, **kwargs)
