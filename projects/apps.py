from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects and backlog"

    def ready(self) -> None:
        from projects.backlog import emails as backlog_emails
        from projects.ethics import emails as ethics_emails

        ethics_emails.register()
        backlog_emails.register()
