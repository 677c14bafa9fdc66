"""What needs each person's attention, for the home page.

A panel is a heading, a short text for when nothing waits, items (label, URL, detail) and a link
to see everything. The core shows panels; the parts of the product build them and register the
builders in ``loti_data.registry`` when their app is ready, so this module imports no app.
"""

from dataclasses import dataclass, field

from loti_data import registry


@dataclass
class Item:
    label: str
    url: str
    detail: str = ""


@dataclass
class Panel:
    title: str
    empty_text: str
    link_label: str
    link_url: str
    items: list[Item] = field(default_factory=list)


def attention_for(user) -> list[Panel]:
    """Every registered panel that is for this person, in the registered order."""
    panels = (source.build(user) for source in registry.attention_sources())
    return [panel for panel in panels if panel is not None]
