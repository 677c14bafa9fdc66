from django.apps import AppConfig


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
        from loti_data.accounts import emails, password_reset

        emails.register()
        registry.register_sweeper("accounts.password_resets", password_reset.sweep)
