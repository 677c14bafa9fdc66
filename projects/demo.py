"""Demo projects for `manage.py seed_demo`: the canvas projects, then the backlog around them."""

from projects.backlog.demo import seed_backlog
from projects.canvas.demo import seed_projects


def seed() -> None:
    seed_projects()
    seed_backlog()
