from django.apps import AppConfig
from django.db.models.signals import pre_save

from loti_data.validators import check_text_fields


class AccountsConfig(AppConfig):
    name = "loti_data.accounts"
    label = "accounts"
    verbose_name = "People and organisations"

    def ready(self) -> None:
        # Connects the log-in signal that stamps new sessions (see loti_data/sessions.py).
        from loti_data import (
            registry,
            sessions,  # noqa: F401
        )
        from loti_data.accounts import activity, emails, password_reset

        emails.register()
        activity.connect()
        # The text rules of every model's fields hold for every save, not only for forms.
        pre_save.connect(check_text_fields, dispatch_uid="loti_data.check_text_fields")
        registry.register_sweeper("accounts.password_resets", password_reset.sweep)
