"""The projects app's models, defined in its parts and gathered here for Django."""

from projects.backlog.models import (
    Evaluation,
    EvaluationRevision,
    Interest,
    TriageChange,
    TriageNote,
)
from projects.canvas.models import (
    Action,
    CanvasEntry,
    Dataset,
    Enabler,
    EthicsAssessment,
    Insight,
    Outcome,
    PrincipleAssessment,
    Project,
    ProjectMembership,
    ProjectPartner,
    StageEvent,
    StageState,
    Theme,
)
from projects.ethics.models import EthicsReview, EthicsReviewEvent
from projects.governance.models import DataSharing, DataSharingEvent, ReviewReminder

__all__ = [
    "Action",
    "CanvasEntry",
    "DataSharing",
    "DataSharingEvent",
    "Dataset",
    "Enabler",
    "EthicsAssessment",
    "EthicsReview",
    "EthicsReviewEvent",
    "Evaluation",
    "EvaluationRevision",
    "Insight",
    "Interest",
    "Outcome",
    "PrincipleAssessment",
    "Project",
    "ProjectMembership",
    "ProjectPartner",
    "ReviewReminder",
    "StageEvent",
    "StageState",
    "Theme",
    "TriageChange",
    "TriageNote",
]
