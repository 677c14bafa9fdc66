"""Which model, form and template hold each stage's entries on the canvas.

``methodology.stages`` says what each stage holds (its entries, their noun, what they link to).
The app that stores the canvas registers the concrete parts here when it is ready, one call per
entry form: the form names its model, and the model names its stage (``Model.STAGE``). Everyone
else asks :func:`entry_kind`, so no table of stages is written anywhere else.

The ethics review registers here too (:func:`register_rereview`): what changing a stage of an
approved project does, so that the canvas can tell it without importing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from methodology.stages import STAGE_ORDER, Stage, StageDefinition, definition


@dataclass(frozen=True)
class EntryKind:
    stage: Stage
    model: type
    form: type
    template: str

    @property
    def definition(self) -> StageDefinition:
        return definition(self.stage)

    @property
    def link_field(self) -> str | None:
        return self.definition.link_field

    @property
    def noun(self) -> str:
        return self.definition.noun

    @property
    def entries(self) -> str:
        return self.definition.entries


_kinds: dict[Stage, EntryKind] = {}


def register_entries(*, form: type, template: str) -> EntryKind:
    """Register the form (a ModelForm) that adds one of a stage's entries, and the template that
    lists them."""
    model = form._meta.model
    stage = Stage(model.STAGE)
    if not definition(stage).has_entries:
        raise ValueError(f"{stage.label} holds no separate entries.")
    kind = EntryKind(stage=stage, model=model, form=form, template=template)
    _kinds[stage] = kind
    return kind


def entry_kind(stage: Stage | str) -> EntryKind | None:
    """The stage's entry kind, or None for a stage without separate entries (Ethics)."""
    return _kinds.get(Stage(stage))


def entry_kinds() -> list[EntryKind]:
    """Every registered entry kind, in stage order."""
    return [_kinds[stage] for stage in STAGE_ORDER if stage in _kinds]


def kind_of(model: type) -> EntryKind:
    return _kinds[Stage(model.STAGE)]


# --- the ethics checkpoint's part in editing a stage ----------------------------------------

_rereview: Callable[..., bool] | None = None


def register_rereview(require_rereview: Callable[..., bool]) -> None:
    """The ethics review registers what changing an approved project does.

    The canvas saves stages and the review reads the canvas, so the canvas cannot import the
    review: it calls :func:`require_rereview` instead, which runs
    ``require_rereview(project=, stage=, by=)`` inside the change's transaction.
    """
    global _rereview
    _rereview = require_rereview


def require_rereview(*, project, stage: Stage, by) -> bool:
    """Tell the ethics review that a stage of an approved project changed (see
    ``workflow.edit_needs_rereview``). Returns whether the project now needs a new review."""
    if _rereview is None:
        raise RuntimeError("No ethics review is registered to hear about approved projects.")
    return _rereview(project=project, stage=stage, by=by)
