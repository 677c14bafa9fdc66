"""The skills app's admin: each part registers its own models."""

from skills.library import admin as library_admin  # noqa: F401
from skills.networks import admin as networks_admin  # noqa: F401
