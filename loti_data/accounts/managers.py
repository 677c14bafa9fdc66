from django.contrib.auth.base_user import BaseUserManager

from loti_data.accounts.login import normalise_login


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_queryset(self):
        # Every page's header shows the person's organisation: fetch it with the person.
        return super().get_queryset().select_related("organisation")

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalise_login(email), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        if "organisation" not in extra_fields and "organisation_id" not in extra_fields:
            from loti_data.accounts.models import Organisation

            extra_fields["organisation"] = Organisation.objects.get(kind=Organisation.Kind.LOTI)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username: str):
        # Exactly the spelling the log-in throttle counts under (a case-insensitive lookup
        # would let other spellings, such as a dotless i (U+0131), reach the account uncounted).
        return self.get(email=normalise_login(username))
