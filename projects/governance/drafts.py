"""The drafts a route needs, written from the canvas: a data sharing agreement and a DPIA
screening record. One content for both forms: the page shows it, and :func:`docx_bytes` writes
the same content as a Word document (python-docx).

Stored text goes through ``loti_data.validators.clean_lines``: each kind of line break becomes
its own line and control or direction characters become spaces, so nothing a person typed can
break the document's XML or reverse its text.
"""

import io
from dataclasses import dataclass, field

from django.utils import timezone

from loti_data.validators import clean_lines
from projects.canvas.models import Dataset, Project
from projects.governance.models import DataSharing
from projects.governance.routes import (
    Article9,
    Controller,
    Frequency,
    HighRisk,
    LawfulBasis,
    Schedule1,
    decide,
    needs_dpia_screening,
    needs_dpo,
)

AGREEMENT = "agreement"
DPIA = "dpia"
KINDS = {AGREEMENT: "Data sharing agreement", DPIA: "DPIA screening record"}


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)


@dataclass
class Draft:
    kind: str
    title: str
    subtitle: str
    sections: list[Section]

    @property
    def filename(self) -> str:
        return f"{self.kind}-dataset-{self.subtitle_id}.docx"

    subtitle_id: int = 0


def available(sharing: DataSharing | None) -> list[str]:
    """Which drafts this route needs."""
    if sharing is None or not sharing.route or sharing.route == "open":
        return []
    kinds = [AGREEMENT]
    if needs_dpia_screening(sharing.route):
        kinds.append(DPIA)
    return kinds


def _label(choices, value: str) -> str:
    return choices(value).label if value in choices.values else "Not answered"


def _purpose(dataset: Dataset) -> Section:
    section = Section(
        "Purpose, in the project's own words",
        [
            "The data is shared only for this purpose: the insights it feeds, the actions those "
            "enable and the outcomes they serve."
        ],
    )
    for outcome in dataset.why_outcomes:
        section.bullets.append(f"Outcome: {outcome.who} will be better off: {outcome.how}")
    for action in dataset.why_actions:
        section.bullets.append(f"Action: {action.actor}: {action.change}")
    for insight in dataset.why_insights:
        section.bullets.append(f"Insight: {insight.title}. {insight.screen}".strip())
    if not section.bullets:
        section.paragraphs.append("The dataset feeds no insight yet: link it on the Data stage.")
    return section


def _parties(dataset: Dataset, project: Project, partners: list[str]) -> Section:
    recipients = [project.lead_organisation.name, *partners]
    return Section(
        "Parties",
        [],
        [
            f"Holder (discloses the data): {dataset.holder_name}",
            "Recipient (receives the data): " + ", ".join(recipients),
        ],
    )


def _data(dataset: Dataset, sharing: DataSharing) -> Section:
    bullets = [f"Dataset: {dataset.name}"]
    bullets.append(f"Source: {dataset.get_source_display()}")
    bullets.append("Special category data: " + ("yes" if sharing.special_category else "no"))
    bullets.append("Criminal offence data: " + ("yes" if sharing.criminal_offence else "no"))
    bullets.append(
        "Aggregated or anonymised before sharing: " + ("yes" if sharing.aggregated else "no")
    )
    return Section("The data shared", [], bullets)


def _legal(sharing: DataSharing) -> Section:
    bullets = [
        f"Controller: {_label(Controller, sharing.controller)}",
        f"Lawful basis (UK GDPR Article 6(1)): {_label(LawfulBasis, sharing.lawful_basis)}",
    ]
    if sharing.article9:
        bullets.append(f"Article 9(2) condition: {_label(Article9, sharing.article9)}")
    if sharing.schedule1:
        bullets.append(f"DPA 2018 Schedule 1 condition: {_label(Schedule1, sharing.schedule1)}")
    bullets.append(f"Sharing: {_label(Frequency, sharing.frequency)}")
    return Section("Legal basis", [], bullets)


def _arrangements(sharing: DataSharing) -> list[Section]:
    review = f"{sharing.review_on:%d %B %Y}" if sharing.review_on else "Not set"
    return [
        Section("Retention and deletion", [sharing.retention or "Not answered"]),
        Section("Security", [sharing.security or "Not answered"]),
        Section("Transparency (privacy notice)", [sharing.transparency or "Not answered"]),
        Section("Review", [f"The parties review this agreement by {review}."]),
    ]


def _reasons(sharing: DataSharing) -> Section:
    decision = decide(sharing.answers)
    return Section(
        f"Route: {decision.label}",
        [],
        [str(reason) for reason in decision.reasons],
    )


def _signatures(dataset: Dataset, sharing: DataSharing) -> Section:
    names = [f"For {dataset.holder_name}: " + _signed(sharing.holder_signed_by)]
    if needs_dpo(sharing.route):
        names.append(
            f"Data protection officer of {dataset.holder_name}: " + _signed(sharing.dpo_signed_by)
        )
    return Section("Sign-off", [f"Status: {sharing.status_label}."], names)


def _signed(person) -> str:
    return f"signed off by {person}" if person else "not signed yet"


def build(kind: str, dataset: Dataset, sharing: DataSharing, partners: list[str]) -> Draft:
    project = dataset.project
    today = timezone.localdate()
    if kind == AGREEMENT:
        sections = [
            _parties(dataset, project, partners),
            _purpose(dataset),
            _data(dataset, sharing),
            _legal(sharing),
            *_arrangements(sharing),
            _reasons(sharing),
            _signatures(dataset, sharing),
        ]
    else:
        ticked = [HighRisk(risk).label for risk in sharing.high_risk if risk in HighRisk.values]
        screening = Section(
            "Screening against the ICO's list of high-risk processing",
            [
                "A full DPIA is required before the sharing starts (UK GDPR Article 35(1))."
                if needs_dpo(sharing.route)
                else "None of the high-risk criteria applies: record this screening and "
                "look at it again if the processing changes (UK GDPR Article 35(1))."
            ],
            ticked or ["None ticked"],
        )
        sections = [
            _parties(dataset, project, partners),
            _purpose(dataset),
            _data(dataset, sharing),
            screening,
            _legal(sharing),
            *_arrangements(sharing)[:3],
            _reasons(sharing),
        ]
    return Draft(
        kind=kind,
        title=f"{KINDS[kind]}: {dataset.name}",
        subtitle=f"{project.title} · {project.lead_organisation} · draft of {today:%d %B %Y}",
        sections=sections,
        subtitle_id=dataset.pk,
    )


def _lines(text: str) -> list[str]:
    return clean_lines(text).split("\n")


def docx_bytes(draft: Draft) -> bytes:
    """The draft as a Word document."""
    from docx import Document  # imported here: only this download needs it

    document = Document()
    document.core_properties.title = " ".join(_lines(draft.title))
    document.add_heading(" ".join(_lines(draft.title)), level=0)
    document.add_paragraph(" ".join(_lines(draft.subtitle)))
    document.add_paragraph(
        "Draft written by loti-data from the project's canvas: check it with your information "
        "governance team before anyone signs."
    )
    for section in draft.sections:
        document.add_heading(" ".join(_lines(section.heading)), level=1)
        for text in section.paragraphs:
            for line in _lines(text):
                document.add_paragraph(line)
        for text in section.bullets:
            lines = _lines(text)
            paragraph = document.add_paragraph(lines[0], style="List Bullet")
            for line in lines[1:]:
                paragraph.add_run().add_break()
                paragraph.add_run(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
