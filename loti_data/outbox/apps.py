from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "loti_data.outbox"
    label = "outbox"
    verbose_name = "Email outbox"
