"""Demo projects for `manage.py seed_demo`: the canvas projects, then the backlog around them."""

from projects.backlog.demo import seed_backlog
from projects.canvas.demo import seed_projects
from projects.governance.demo import seed as seed_governance


def seed() -> None:
    seed_projects()
    seed_backlog()
    seed_governance()
