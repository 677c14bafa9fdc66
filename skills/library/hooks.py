"""What the library offers the rest of the product, registered when the app is ready."""

from loti_data import registry
from skills.library import search
from skills.library.attention import library_panel


def register() -> None:
    search.register()
    registry.register_nav("skills", "Skills & jobs", "skills:index", order=30)
    registry.register_attention("library", library_panel, order=40)
