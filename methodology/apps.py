from django.apps import AppConfig


class MethodologyConfig(AppConfig):
    name = "methodology"
    verbose_name = "Outcomes-based data methodology"
