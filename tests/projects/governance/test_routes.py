"""The decision table, branch by branch, and every missing or contradictory answer."""

import pytest

from projects.governance.routes import (
    Answers,
    Route,
    check,
    decide,
    needs_agreement,
    needs_dpia_screening,
    needs_dpo,
)
from tests.projects.governance.conftest import personal


def references(decision) -> str:
    return " | ".join(str(reason) for reason in decision.reasons)


def test_open_data_needs_no_agreement():
    answers = Answers(identifiable="no")
    assert check(answers) == {}
    decision = decide(answers)
    assert decision.route == Route.OPEN
    assert "UK GDPR Article 4(1) and Recital 26" in references(decision)
    assert not needs_agreement(decision.route) and not needs_dpo(decision.route)


def test_aggregated_data_takes_the_light_route():
    decision = decide(personal(aggregated=True, frequency="one_off"))
    assert decision.route == Route.LIGHT
    assert "UK GDPR Article 5(1)(c)" in references(decision)
    assert "ICO data sharing code: one-off data sharing" in references(decision)
    assert needs_agreement(Route.LIGHT) and not needs_dpia_screening(Route.LIGHT)


def test_aggregated_wins_over_special_category():
    decision = decide(personal(aggregated=True, special_category=True, article9="h", schedule1="2"))
    assert decision.route == Route.LIGHT


def test_personal_data_needs_an_agreement_and_a_screening():
    decision = decide(personal())
    assert decision.route == Route.AGREEMENT
    text = references(decision)
    assert "UK GDPR Article 35(1); ICO DPIA guidance" in text
    assert "Routine sharing needs a data sharing agreement (ICO data sharing code" in text
    assert needs_dpia_screening(Route.AGREEMENT) and not needs_dpo(Route.AGREEMENT)


def test_combinable_data_is_personal_data():
    decision = decide(personal(identifiable="combined"))
    assert decision.route == Route.AGREEMENT
    assert "could identify people once combined" in references(decision)


@pytest.mark.parametrize(
    "extra, reference",
    [
        ({"special_category": True, "article9": "h", "schedule1": "2"}, "UK GDPR Article 9"),
        ({"criminal_offence": True, "schedule1": "10"}, "UK GDPR Article 10"),
        ({"high_risk": ("vulnerable",)}, "UK GDPR Article 35(4)"),
        ({"high_risk": ("profiling",)}, "UK GDPR Article 35(3)(a)"),
        ({"high_risk": ("monitoring",)}, "UK GDPR Article 35(3)(c)"),
    ],
)
def test_special_criminal_or_high_risk_needs_a_dpia_and_the_dpo(extra, reference):
    answers = personal(**extra)
    assert check(answers) == {}
    decision = decide(answers)
    assert decision.route == Route.DPIA
    text = references(decision)
    assert reference in text
    assert "UK GDPR Article 35(1)" in text and "UK GDPR Articles 35(2) and 39(1)(c)" in text
    assert needs_dpo(decision.route) and needs_dpia_screening(decision.route)


@pytest.mark.parametrize(
    "controller, reference",
    [
        ("joint", "UK GDPR Article 26"),
        ("holder", "UK GDPR Articles 28 and 29"),
        ("separate", "ICO data sharing code: roles of the parties"),
    ],
)
def test_the_controller_brings_its_reason(controller, reference):
    assert reference in references(decide(personal(controller=controller)))


@pytest.mark.parametrize(
    "answers, field, words",
    [
        (Answers(), "identifiable", "Say whether"),
        (Answers(identifiable="maybe"), "identifiable", "Say whether"),
        (Answers(identifiable="no", special_category=True), "special_category", "always personal"),
        (Answers(identifiable="no", criminal_offence=True), "criminal_offence", "always personal"),
        (Answers(identifiable="no", lawful_basis="consent"), "lawful_basis", "needs no lawful"),
        (Answers(identifiable="no", article9="a"), "article9", "personal data only"),
        (personal(lawful_basis=""), "lawful_basis", "Article 6"),
        (personal(controller=""), "controller", "controller"),
        (personal(special_category=True), "article9", "needs an Article 9 condition"),
        (personal(article9="a"), "article9", "tick special category"),
        (personal(special_category=True, article9="h"), "schedule1", "para 2"),
        (personal(special_category=True, article9="g", schedule1="2"), "schedule1", "para 18"),
        (personal(criminal_offence=True), "schedule1", "Article 10"),
        (personal(schedule1="6"), "schedule1", "choose “None”"),
        (personal(frequency=""), "frequency", "once or routinely"),
        (personal(retention=" "), "retention", "how long"),
        (personal(security=""), "security", "secure"),
        (personal(transparency=""), "transparency", "privacy notice"),
    ],
)
def test_missing_or_contradictory_answers_are_named(answers, field, words):
    errors = check(answers)
    assert field in errors
    assert words in errors[field]


def test_article_9_conditions_without_schedule_1_need_none():
    for letter in "acdef":
        assert check(personal(special_category=True, article9=letter)) == {}
