from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "skills"
    verbose_name = "Skills, jobs and networks"

    def ready(self) -> None:
        from loti_data.registry import register_sweeper
        from skills.networks import emails, services

        emails.register()
        register_sweeper("networks.reminders", services.reminders_sweep)
