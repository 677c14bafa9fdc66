"""Who may do what with a dataset's sharing route and its agreement, written once.

The team (whoever may edit the Data stage) answers the route questions and asks for sign-off.
People of the holder organisation sign off, or decline, for the holder; where the route needs
it, the holder organisation's data protection officer signs second, and a different person
from the first signer. A dataset held by an organisation that is not registered here (its
holder is only named) is signed off outside the product. Views, templates (through the
context), services, emails, the attention panel, the register and the API ask these functions.
"""

from django.utils import timezone

from loti_data.accounts import roles
from loti_data.accounts.models import User
from methodology.stages import Stage
from projects.canvas import rules as canvas_rules
from projects.canvas.models import Dataset, Project
from projects.governance.models import DataSharing, SignOff
from projects.governance.routes import needs_agreement, needs_dpo

# A reminder this many days before an agreement's review date.
REMINDER_DAYS = (30,)


def may_answer(user, dataset: Dataset, statuses) -> bool:
    """Whoever may edit the Data stage answers its datasets' route questions."""
    return canvas_rules.may_edit_stage(user, dataset.project, Stage.DATA, statuses)


def may_read(user, project: Project) -> bool:
    """Whoever reads the project reads its datasets' routes, drafts and sign-off history."""
    return canvas_rules.may_read(user, project)


def may_see_register(user) -> bool:
    """London's register of data sharing is for every signed-in person; each row still asks
    :func:`may_read` of its project."""
    return user.is_authenticated and user.is_active


def unregistered_holder(dataset: Dataset) -> str:
    """Why the product cannot collect this dataset's sign-off ("" when it can)."""
    if dataset.holder_id is None:
        name = dataset.holder_other or "The holder"
        return (
            f"{name} is not an organisation registered on loti-data, so its sign-off cannot "
            "be collected here: agree and sign the agreement with them directly."
        )
    return ""


def request_refusal(user, sharing: DataSharing) -> str:
    """Why this person cannot ask for sign-off now ("" when they can)."""
    if not canvas_rules.may_edit(user, sharing.dataset.project):
        return "Only the project's team asks for sign-off."
    if not needs_agreement(sharing.route):
        return "This dataset's route needs no agreement, so there is nothing to sign off."
    if refusal := unregistered_holder(sharing.dataset):
        return refusal
    if sharing.status in (SignOff.REQUESTED, SignOff.HOLDER_APPROVED):
        return "Sign-off has already been requested."
    if sharing.status == SignOff.SIGNED and not sharing.expired:
        return "The agreement is signed off."
    return ""


def may_request(user, sharing: DataSharing) -> bool:
    return not request_refusal(user, sharing)


def is_holder_person(user, dataset: Dataset) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and dataset.holder_id is not None
        and user.organisation_id == dataset.holder_id
    )


def is_holder_dpo(user, dataset: Dataset) -> bool:
    """The holder organisation's data protection officer."""
    return is_holder_person(user, dataset) and user.is_data_protection_officer


def signoff_refusal(user, sharing: DataSharing) -> str:
    """Why this person cannot sign off (or decline) the agreement as it stands ("" if they can).

    Waiting for the holder: any person of the holder organisation but the one who asked.
    Waiting for the DPO: the holder organisation's DPO, not the person who signed first."""
    dataset = sharing.dataset
    if refusal := unregistered_holder(dataset):
        return refusal
    if sharing.status not in (SignOff.REQUESTED, SignOff.HOLDER_APPROVED):
        return f"The agreement is not waiting for sign-off: {sharing.status_label.lower()}."
    if not is_holder_person(user, dataset):
        return f"Only people of {dataset.holder} sign off the sharing of its data."
    if sharing.requested_by_id == user.pk:
        return "You asked for this sign-off, so someone else at the holder must give it."
    if sharing.status == SignOff.HOLDER_APPROVED:
        if not is_holder_dpo(user, dataset):
            return f"The second signature is {dataset.holder}'s data protection officer's."
        if sharing.holder_signed_by_id == user.pk:
            return "You signed first: the second signature must be someone else's."
    return ""


def may_sign_off(user, sharing: DataSharing) -> bool:
    return not signoff_refusal(user, sharing)


def who_signs(sharing: DataSharing) -> list[User]:
    """The people :func:`signoff_refusal` lets sign now: told by email and on their home page."""
    dataset = sharing.dataset
    if dataset.holder_id is None or sharing.status not in (
        SignOff.REQUESTED,
        SignOff.HOLDER_APPROVED,
    ):
        return []
    people = User.objects.filter(organisation_id=dataset.holder_id, is_active=True)
    if sharing.status == SignOff.HOLDER_APPROVED:
        people = people.filter(groups__name=roles.DATA_PROTECTION_OFFICERS).exclude(
            pk=sharing.holder_signed_by_id
        )
    if sharing.requested_by_id:
        people = people.exclude(pk=sharing.requested_by_id)
    return list(people.order_by("name"))


def second_signature_needed(sharing: DataSharing) -> bool:
    return needs_dpo(sharing.route)


def review_due_soon(sharing: DataSharing, *, days: int = max(REMINDER_DAYS)) -> bool:
    """A signed agreement whose review date is within ``days`` (or passed)."""
    return (
        sharing.status == SignOff.SIGNED
        and sharing.review_on is not None
        and (sharing.review_on - timezone.localdate()).days <= days
    )


def dataset_status(sharing: DataSharing | None) -> str:
    """The dataset's ``sharing_agreement`` that the route and its sign-off mean."""
    States = Dataset.SharingAgreement
    if sharing is None:
        return ""
    if not needs_agreement(sharing.route):
        return States.NOT_NEEDED
    if sharing.status == SignOff.SIGNED:
        return States.SIGNED
    if sharing.status == SignOff.DRAFT:
        return States.NOT_STARTED
    return States.IN_DRAFT
