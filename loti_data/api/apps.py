from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "loti_data.api"
    label = "api"
    verbose_name = "Read API"
