"""The token rules one by one, and the token services refusing whoever the rules refuse,
changing nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser

from loti_data.api import rules, services
from loti_data.api.models import ApiToken, digest
from loti_data.errors import NotAllowed, RuleError

pytestmark = pytest.mark.django_db


def test_every_active_signed_in_person_makes_tokens(camden_lead):
    assert rules.may_make_tokens(camden_lead)
    assert not rules.may_make_tokens(AnonymousUser())
    camden_lead.is_active = False
    assert not rules.may_make_tokens(camden_lead)


def test_a_token_is_its_persons_only(camden_lead, lambeth_lead, loti_staff):
    token = services.create_token(by=camden_lead, name="Mine").token
    assert rules.is_own_token(camden_lead, token)
    assert not rules.is_own_token(lambeth_lead, token)
    assert not rules.is_own_token(loti_staff, token)  # not even LOTI staff


def test_a_token_works_until_revoked_or_its_person_leaves(camden_lead):
    token = services.create_token(by=camden_lead, name="Mine").token
    assert rules.token_works(token)
    camden_lead.is_active = False
    assert not rules.token_works(token)
    camden_lead.is_active = True
    services.revoke_token(by=camden_lead, token_id=token.pk)
    token.refresh_from_db()
    assert not rules.token_works(token)


def test_create_stores_only_the_digest_and_refuses_a_blank_name(camden_lead):
    new = services.create_token(by=camden_lead, name="  Power\nBI  ")
    assert new.token.name == "Power BI"
    assert ApiToken.objects.get().key_digest == digest(new.secret)
    assert not ApiToken.objects.filter(key_digest=new.secret).exists()
    with pytest.raises(RuleError):
        services.create_token(by=camden_lead, name=" \t ")
    with pytest.raises(NotAllowed):
        services.create_token(by=AnonymousUser(), name="x")
    assert ApiToken.objects.count() == 1


def test_revoke_refuses_another_person_and_changes_nothing(camden_lead, lambeth_lead):
    token = services.create_token(by=camden_lead, name="Mine").token
    with pytest.raises(NotAllowed):
        services.revoke_token(by=lambeth_lead, token_id=token.pk)
    token.refresh_from_db()
    assert token.revoked_at is None
    first = services.revoke_token(by=camden_lead, token_id=token.pk).revoked_at
    assert services.revoke_token(by=camden_lead, token_id=token.pk).revoked_at == first
