"""Which sharing route a dataset takes: the questions, their choices and the decision table.

Pure rules, no database: the route form, the services, the drafts, the register and the tests
all ask :func:`check` (what is missing or contradictory) and :func:`decide` (the route and its
reasons). The guidance follows the ICO's data sharing code of practice, UK GDPR and the Data
Protection Act 2018; each reason names its reference so a reader can check it.

The table is read top to bottom; the first row that matches decides the route:

| answers                                                 | route      |
|---------------------------------------------------------|------------|
| not personal, and cannot identify anyone once combined  | OPEN       |
| aggregated or anonymised data will serve the insight    | LIGHT      |
| special category, criminal offence data, or any item on | DPIA       |
| the ICO's list of processing likely to be high risk     |            |
| any other personal data                                 | AGREEMENT  |
"""

from dataclasses import dataclass, field

from django.db import models


class Identifiable(models.TextChoices):
    YES = "yes", "Yes: it is about people who can be identified"
    COMBINED = "combined", "Not on its own, but it could identify people once combined"
    NO = "no", "No: open or non-personal data"


class Controller(models.TextChoices):
    HOLDER = "holder", "The holder alone: we act on its instructions"
    JOINT = "joint", "Joint controllers: we decide the purpose and means together"
    SEPARATE = "separate", "Separate controllers: each decides for itself"


class LawfulBasis(models.TextChoices):
    """UK GDPR Article 6(1)."""

    NONE = "", "Not applicable (no personal data)"
    CONSENT = "consent", "(a) Consent"
    CONTRACT = "contract", "(b) Contract"
    LEGAL_OBLIGATION = "legal_obligation", "(c) Legal obligation"
    VITAL_INTERESTS = "vital_interests", "(d) Vital interests"
    PUBLIC_TASK = "public_task", "(e) Public task"
    LEGITIMATE_INTERESTS = "legitimate_interests", "(f) Legitimate interests"


class Article9(models.TextChoices):
    """UK GDPR Article 9(2): the condition for processing special category data."""

    NONE = "", "None"
    A = "a", "(a) Explicit consent"
    B = "b", "(b) Employment, social security and social protection"
    C = "c", "(c) Vital interests"
    D = "d", "(d) Not-for-profit bodies"
    E = "e", "(e) Made public by the person"
    F = "f", "(f) Legal claims or judicial acts"
    G = "g", "(g) Reasons of substantial public interest"
    H = "h", "(h) Health or social care"
    I = "i", "(i) Public health"  # noqa: E741 (the article's own letter)
    J = "j", "(j) Archiving, research and statistics"


class Schedule1(models.TextChoices):
    """Data Protection Act 2018, Schedule 1: the conditions some Article 9 conditions and all
    criminal offence data need. Part 1 pairs with Article 9(2)(b), (h), (i) and (j); Part 2 is
    the substantial public interest of Article 9(2)(g)."""

    NONE = "", "None"
    P1 = "1", "Part 1, para 1: Employment, social security and social protection"
    P2 = "2", "Part 1, para 2: Health or social care purposes"
    P3 = "3", "Part 1, para 3: Public health"
    P4 = "4", "Part 1, para 4: Research, statistics and archiving"
    P6 = "6", "Part 2, para 6: Statutory and government purposes"
    P8 = "8", "Part 2, para 8: Equality of opportunity or treatment"
    P10 = "10", "Part 2, para 10: Preventing or detecting unlawful acts"
    P16 = "16", "Part 2, para 16: Support for people with a disability or medical condition"
    P18 = "18", "Part 2, para 18: Safeguarding of children and of individuals at risk"
    P19 = "19", "Part 2, para 19: Safeguarding of economic well-being of certain individuals"
    P29 = "29", "Part 3, para 29: Consent (criminal offence data)"
    P30 = "30", "Part 3, para 30: Protecting someone's vital interests (criminal offence data)"


PART_1 = {"1", "2", "3", "4"}
PART_2 = {"6", "8", "10", "16", "18", "19"}
PART_3 = {"29", "30"}
# Article 9(2) conditions that are met only with a Schedule 1 condition (DPA 2018 s.10(1)-(3)),
# and the Schedule 1 paragraphs that fit each.
NEEDS_SCHEDULE_1 = {"b": {"1"}, "g": PART_2, "h": {"2"}, "i": {"3"}, "j": {"4"}}


class HighRisk(models.TextChoices):
    """The ICO's list of processing likely to result in high risk (UK GDPR Article 35(4)), with
    the criteria of Article 35(3)."""

    MATCHING = "matching", "Matching or combining datasets from different sources"
    VULNERABLE = "vulnerable", "People who are vulnerable, including children"
    LARGE_SCALE = "large_scale", "Large scale processing"
    NEW_TECHNOLOGY = "new_technology", "Innovative or new technology (e.g. machine learning)"
    DENIAL = "denial", "Decisions about someone's access to a service, opportunity or benefit"
    PROFILING = "profiling", "Profiling, scoring or evaluating people"
    AUTOMATED = "automated", "Automated decisions with legal or similarly significant effects"
    INVISIBLE = "invisible", "Invisible processing: people are not told, as it is impractical"
    TRACKING = "tracking", "Tracking people's location or behaviour"
    MONITORING = "monitoring", "Systematic monitoring of a publicly accessible place"
    BIOMETRIC = "biometric", "Biometric or genetic data"
    HARM = "harm", "A risk of physical harm if the data leaked"


class Frequency(models.TextChoices):
    ONE_OFF = "one_off", "One-off: shared once"
    ROUTINE = "routine", "Routine: shared regularly or continuously"


class Route(models.TextChoices):
    OPEN = "open", "Open or non-personal data: no agreement needed"
    LIGHT = "light", "Aggregated or anonymised: a light agreement"
    AGREEMENT = "agreement", "Personal data: an agreement and a DPIA screening"
    DPIA = "dpia", "High risk: a DPIA, an agreement and the DPO's sign-off"


@dataclass(frozen=True)
class Answers:
    identifiable: str = ""
    special_category: bool = False
    criminal_offence: bool = False
    controller: str = ""
    lawful_basis: str = ""
    article9: str = ""
    schedule1: str = ""
    aggregated: bool = False
    high_risk: tuple[str, ...] = ()
    frequency: str = ""
    retention: str = ""
    security: str = ""
    transparency: str = ""

    @property
    def personal(self) -> bool:
        return self.identifiable in (Identifiable.YES, Identifiable.COMBINED)


@dataclass(frozen=True)
class Reason:
    text: str
    reference: str

    def __str__(self) -> str:
        return f"{self.text} ({self.reference})"


@dataclass(frozen=True)
class Decision:
    route: str
    reasons: list[Reason] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Route(self.route).label


def needs_agreement(route: str) -> bool:
    """Every route but open data needs a written agreement, light or full."""
    return route != Route.OPEN


def needs_dpia_screening(route: str) -> bool:
    return route in (Route.AGREEMENT, Route.DPIA)


def needs_dpo(route: str) -> bool:
    """Special category, criminal offence and high-risk data need the DPO's signature too."""
    return route == Route.DPIA


def check(answers: Answers) -> dict[str, str]:
    """What is missing or contradictory, by question: {} when the answers can be decided."""
    errors: dict[str, str] = {}
    if answers.identifiable not in Identifiable.values:
        errors["identifiable"] = "Say whether the data is about people who can be identified."
        return errors
    if not answers.personal:
        if answers.special_category:
            errors["special_category"] = (
                "Special category data is always personal data: answer that it identifies "
                "people, or untick special category."
            )
        if answers.criminal_offence:
            errors["criminal_offence"] = (
                "Criminal offence data is always personal data: answer that it identifies "
                "people, or untick criminal offence data."
            )
        if answers.lawful_basis:
            errors["lawful_basis"] = (
                "Data that identifies nobody needs no lawful basis: choose “Not applicable”."
            )
        if answers.article9 or answers.schedule1:
            errors["article9"] = "Conditions for special category data apply to personal data only."
        return errors
    if answers.controller not in Controller.values:
        errors["controller"] = "Say who the controller is."
    if answers.lawful_basis not in LawfulBasis.values or not answers.lawful_basis:
        errors["lawful_basis"] = "Personal data needs a lawful basis under UK GDPR Article 6."
    if answers.special_category and not answers.article9:
        errors["article9"] = (
            "Special category data needs an Article 9 condition as well as the lawful basis."
        )
    if answers.article9 and not answers.special_category:
        errors["article9"] = (
            "An Article 9 condition is for special category data: tick special category, or "
            "choose “None”."
        )
    fits = NEEDS_SCHEDULE_1.get(answers.article9) if answers.special_category else None
    if fits is not None and answers.schedule1 not in fits:
        errors["schedule1"] = (
            f"Article 9(2)({answers.article9}) needs a matching Schedule 1 condition of the "
            "DPA 2018 (" + ", ".join(f"para {para}" for para in sorted(fits, key=int)) + ")."
        )
    if answers.criminal_offence and not answers.schedule1:
        errors["schedule1"] = (
            "Criminal offence data (UK GDPR Article 10) needs a Schedule 1 condition of the "
            "DPA 2018."
        )
    if answers.schedule1 and not (answers.special_category or answers.criminal_offence):
        errors["schedule1"] = (
            "A Schedule 1 condition is for special category or criminal offence data: choose "
            "“None”."
        )
    if answers.frequency not in Frequency.values:
        errors["frequency"] = "Say whether the data is shared once or routinely."
    for name, question in (
        ("retention", "how long the data is kept and how it is deleted"),
        ("security", "how the data is kept secure"),
        ("transparency", "how people are told (the privacy notice)"),
    ):
        if not getattr(answers, name).strip():
            errors[name] = f"Say {question}."
    return errors


R_NOT_PERSONAL = Reason(
    "Data that identifies nobody, even combined with other data, is not personal data, so data "
    "protection law does not apply and no agreement is needed",
    "UK GDPR Article 4(1) and Recital 26",
)
R_COMBINED = Reason(
    "Data that could identify people once combined with other data is personal data",
    "UK GDPR Article 4(1) and Recital 26",
)
R_AGGREGATED = Reason(
    "Aggregated or anonymised data serves the insight, so share that instead: data minimisation. "
    "A light agreement records how it is anonymised and that nobody will try to re-identify "
    "people",
    "UK GDPR Article 5(1)(c); ICO guidance on anonymisation",
)
R_SPECIAL = Reason(
    "Special category data needs an Article 9 condition and more protection",
    "UK GDPR Article 9; DPA 2018 Schedule 1",
)
R_CRIMINAL = Reason(
    "Criminal offence data may be processed only under official authority or a Schedule 1 "
    "condition",
    "UK GDPR Article 10; DPA 2018 section 10(5) and Schedule 1",
)
R_DPIA = Reason(
    "Processing likely to result in a high risk to people needs a data protection impact "
    "assessment before it starts",
    "UK GDPR Article 35(1)",
)
R_DPO = Reason(
    "The data protection officer must be consulted on the DPIA and signs it off",
    "UK GDPR Articles 35(2) and 39(1)(c)",
)
R_SCREENING = Reason(
    "Personal data: screen the sharing against the ICO's list of high-risk processing and record "
    "why no full DPIA is needed",
    "UK GDPR Article 35(1); ICO DPIA guidance",
)
R_ROUTINE = Reason(
    "Routine sharing needs a data sharing agreement",
    "ICO data sharing code: data sharing agreements",
)
R_ONE_OFF = Reason(
    "A one-off share should still be documented; an agreement is good practice",
    "ICO data sharing code: one-off data sharing",
)
R_JOINT = Reason(
    "Joint controllers must set out their responsibilities in an arrangement and make its essence "
    "available to people",
    "UK GDPR Article 26",
)
R_HOLDER = Reason(
    "The holder stays the controller: the project acts only on its documented instructions",
    "UK GDPR Articles 28 and 29",
)
R_SEPARATE = Reason(
    "Separate controllers each answer for their own processing: the agreement says who does what",
    "ICO data sharing code: roles of the parties",
)
R_STILL_ETHICS = Reason(
    "The route does not replace the project's ethics review",
    "LOTI's ethics checkpoint",
)
CONTROLLER_REASONS = {
    Controller.HOLDER: R_HOLDER,
    Controller.JOINT: R_JOINT,
    Controller.SEPARATE: R_SEPARATE,
}
HIGH_RISK_REFERENCE = "ICO list of processing likely to result in high risk; UK GDPR Article 35(4)"
ARTICLE_35_3 = {
    HighRisk.AUTOMATED: "UK GDPR Article 35(3)(a)",
    HighRisk.PROFILING: "UK GDPR Article 35(3)(a)",
    HighRisk.MONITORING: "UK GDPR Article 35(3)(c)",
}


def decide(answers: Answers) -> Decision:
    """The route for complete answers (:func:`check` says they are), with its reasons."""
    if not answers.personal:
        return Decision(Route.OPEN, [R_NOT_PERSONAL])
    reasons = [R_COMBINED] if answers.identifiable == Identifiable.COMBINED else []
    if answers.aggregated:
        return Decision(Route.LIGHT, [*reasons, R_AGGREGATED, _one_off_or_routine(answers)])
    sharing = [_one_off_or_routine(answers)]
    if answers.controller in CONTROLLER_REASONS:
        sharing.append(CONTROLLER_REASONS[Controller(answers.controller)])
    risks = []
    if answers.special_category:
        risks.append(R_SPECIAL)
    if answers.criminal_offence:
        risks.append(R_CRIMINAL)
    for risk in answers.high_risk:
        if risk in HighRisk.values:
            reference = ARTICLE_35_3.get(risk, HIGH_RISK_REFERENCE)
            risks.append(Reason(f"High risk: {HighRisk(risk).label.lower()}", reference))
    if answers.special_category or answers.criminal_offence:
        risks.append(
            Reason(
                "Special category and criminal offence data are high risk for people if misused",
                "UK GDPR Article 35(3)(b); ICO DPIA guidance",
            )
        )
    if risks:
        return Decision(Route.DPIA, [*reasons, *risks, R_DPIA, R_DPO, *sharing])
    return Decision(Route.AGREEMENT, [*reasons, R_SCREENING, *sharing])


def _one_off_or_routine(answers: Answers) -> Reason:
    return R_ROUTINE if answers.frequency == Frequency.ROUTINE else R_ONE_OFF
