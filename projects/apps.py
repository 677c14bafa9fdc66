from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects and backlog"

    def ready(self) -> None:
        # Backlog (issue 5): its Celery tasks and admin live in their own modules.
        from projects import backlog_admin, backlog_tasks  # noqa: F401
