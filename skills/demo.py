"""Demo library and networks for `manage.py seed_demo`."""

from skills.library.demo import seed_library
from skills.networks.demo import seed_networks


def seed() -> None:
    seed_library()
    seed_networks()
