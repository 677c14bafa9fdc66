from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects and backlog"

    def ready(self) -> None:
        # Each part registers what it offers the methodology and the core (loti_data/registry.py).
        from projects.backlog import hooks as backlog_hooks
        from projects.canvas import hooks as canvas_hooks
        from projects.ethics import hooks as ethics_hooks
        from projects.governance import hooks as governance_hooks

        canvas_hooks.register()
        ethics_hooks.register()
        backlog_hooks.register()
        governance_hooks.register()
