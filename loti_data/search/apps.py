from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "loti_data.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Runs after the feature apps (later in INSTALLED_APPS) registered their sources.
        from loti_data.search import signals

        signals.connect()
