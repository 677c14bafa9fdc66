from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "skills"
    verbose_name = "Skills, jobs and networks"

    def ready(self) -> None:
        # Each part registers what it offers the core (loti_data/registry.py).
        from skills.library import hooks as library_hooks
        from skills.networks import hooks as networks_hooks

        library_hooks.register()
        networks_hooks.register()
