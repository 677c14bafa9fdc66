"""The projects app's admin: each part registers its own models."""

from projects.backlog import admin as backlog_admin  # noqa: F401
from projects.canvas import admin as canvas_admin  # noqa: F401
from projects.ethics import admin as ethics_admin  # noqa: F401
from projects.governance import admin as governance_admin  # noqa: F401
