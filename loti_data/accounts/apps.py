from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "loti_data.accounts"
    label = "accounts"
    verbose_name = "People and organisations"
