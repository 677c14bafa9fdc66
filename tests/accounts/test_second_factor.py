"""Two-factor sign-in for password accounts: enrolment, codes, recovery codes, the roles that
must have it, and the Django admin."""

import time

import pytest
from allauth.mfa.models import Authenticator

from loti_data.accounts.models import SignInEvent
from loti_data.accounts.second_factor import requires_second_factor
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.support.mfa import TEST_SECRET, enrol, fresh_code, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
CODE_PAGE = "/accounts/2fa/authenticate/"
ENROL = "/accounts/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def quick_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def password_login(client, user, path=LOGIN, next_url=None):
    data = {"username": user.email, "password": DEFAULT_PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(path, data)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_who_must_have_a_second_factor(camden_lead, loti_staff, ethics_reviewer, library_admin):
    assert not requires_second_factor(camden_lead)
    assert requires_second_factor(loti_staff)
    assert requires_second_factor(ethics_reviewer)
    assert requires_second_factor(library_admin)
    assert requires_second_factor(UserFactory(email="root@x.example", is_superuser=True))


def test_a_borough_lead_signs_in_with_a_password_alone_and_may_enrol(
    client, camden_lead, django_capture_on_commit_callbacks
):
    response = password_login(client, camden_lead)
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in(client)
    assert client.get("/").status_code == 200

    page = client.get(ENROL)
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    assert (
        client.post(
            ENROL, {"code": "000000" if totp_code(secret) != "000000" else "111111"}
        ).status_code
        == 200
    )
    assert not Authenticator.objects.filter(user=camden_lead).exists()

    # allauth announces the new authenticator once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ENROL, {"code": totp_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=camden_lead, type="totp").exists()
    assert Authenticator.objects.filter(user=camden_lead, type="recovery_codes").exists()
    kinds = set(SignInEvent.objects.filter(user=camden_lead).values_list("kind", flat=True))
    assert SignInEvent.Kind.MFA_ENROLLED in kinds
    # The account pages show it, to the person only.
    activity = client.get("/accounts/activity/").content.decode()
    assert "Two-factor turned on" in activity
    assert "<strong>on</strong>" in activity


def test_an_enrolled_person_gives_a_code_before_being_signed_in(client, camden_lead):
    enrol(camden_lead)

    response = password_login(client, camden_lead, next_url="/projects/")

    assert response.status_code == 302 and response["Location"] == CODE_PAGE
    assert not signed_in(client)
    assert client.get("/projects/").status_code == 302  # still signed out

    wrong = client.post(
        CODE_PAGE, {"code": "123456" if fresh_code(camden_lead) != "123456" else "654321"}
    )
    assert wrong.status_code == 200
    assert not signed_in(client)

    right = client.post(CODE_PAGE, {"code": fresh_code(camden_lead)})

    assert right.status_code == 302 and right["Location"] == "/projects/"
    assert signed_in(client)
    events = SignInEvent.objects.filter(user=camden_lead)
    assert events.filter(kind=SignInEvent.Kind.SIGN_IN_FAILED, method="totp").count() == 1
    signed = events.get(kind=SignInEvent.Kind.SIGNED_IN)
    assert signed.method == SignInEvent.Method.PASSWORD
    assert signed.detail == "with a second factor"


def test_the_same_code_does_not_sign_in_twice(client, camden_lead):
    enrol(camden_lead)
    code = fresh_code(camden_lead)
    password_login(client, camden_lead)
    assert client.post(CODE_PAGE, {"code": code}).status_code == 302
    client.post("/accounts/logout/")

    password_login(client, camden_lead)
    assert client.post(CODE_PAGE, {"code": code}).status_code == 200
    assert not signed_in(client)


def test_a_recovery_code_signs_in_once_only(client, camden_lead):
    codes = enrol(camden_lead)

    password_login(client, camden_lead)
    assert client.post(CODE_PAGE, {"code": codes[0]}).status_code == 302
    assert signed_in(client)
    client.post("/accounts/logout/")

    password_login(client, camden_lead)
    again = client.post(CODE_PAGE, {"code": codes[0]})

    assert again.status_code == 200
    assert not signed_in(client)
    used = SignInEvent.objects.filter(user=camden_lead, kind=SignInEvent.Kind.RECOVERY_CODE_USED)
    assert used.count() == 1
    assert client.post(CODE_PAGE, {"code": codes[1]}).status_code == 302


def test_the_code_page_is_nothing_without_a_correct_password(client, camden_lead):
    enrol(camden_lead)
    response = client.post(CODE_PAGE, {"code": fresh_code(camden_lead)})
    assert response.status_code == 302
    assert not signed_in(client)


@pytest.mark.parametrize("persona", ["loti_staff", "ethics_reviewer", "library_admin"])
def test_staff_reviewers_and_library_admins_enrol_before_anything_else(client, request, persona):
    user = request.getfixturevalue(persona)

    response = password_login(client, user)
    assert response.status_code == 302
    for path in ("/", "/projects/", "/accounts/activity/", "/admin/", "/api/v1/"):
        assert client.get(path)["Location"] == ENROL, path

    client.get(ENROL)
    client.post(ENROL, {"code": totp_code(client.session["mfa.totp.secret"])})

    assert client.get("/").status_code == 200


def test_staff_who_signed_in_with_sso_are_not_sent_to_enrol(client, loti_staff):
    """The session says how they signed in; only a password sign-in is sent to enrol (the SSO
    journey itself is in test_sso.py). A session made without our pages is not asked."""
    client.force_login(loti_staff)
    assert client.get("/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_admin_needs_a_second_factor_after_a_password(client, camden):
    """Transactional: allauth announces a new authenticator after the commit, as in the
    running product (no request-wide transaction)."""
    clerk = UserFactory(email="clerk@camden.example", organisation=camden, is_staff=True)
    password_login(client, clerk)
    assert client.get("/").status_code == 200  # a borough officer need not have one...

    response = client.get("/admin/")
    assert response.status_code == 302
    # ...but the admin sends them to turn it on.
    assert client.get(response["Location"])["Location"] == ENROL

    client.get(ENROL)
    client.post(ENROL, {"code": totp_code(client.session["mfa.totp.secret"])})
    assert client.get("/admin/").status_code == 200


def test_the_admin_s_own_log_in_asks_for_the_code_too(client, loti):
    root = UserFactory(
        email="root@loti.example", organisation=loti, is_staff=True, is_superuser=True
    )
    enrol(root)

    response = password_login(client, root, path="/admin/login/", next_url="/admin/")

    assert response.status_code == 302 and response["Location"] == CODE_PAGE
    assert not signed_in(client)
    response = client.post(CODE_PAGE, {"code": fresh_code(root)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/signinevent/").status_code == 200


def test_a_person_turns_two_factor_off_and_it_is_recorded(client, camden_lead):
    enrol(camden_lead)
    password_login(client, camden_lead)
    client.post(CODE_PAGE, {"code": fresh_code(camden_lead)})

    assert client.get("/accounts/2fa/").status_code == 200
    response = client.post("/accounts/2fa/totp/deactivate/")

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=camden_lead, type="totp").exists()
    assert SignInEvent.objects.filter(user=camden_lead, kind=SignInEvent.Kind.MFA_REMOVED).exists()


def test_the_activity_page_shows_only_one_s_own_events(client, camden_lead, lambeth_lead):
    password_login(client, lambeth_lead)
    client.post("/accounts/logout/")
    client.post(LOGIN, {"username": camden_lead.email, "password": "wrong"})
    password_login(client, camden_lead)

    page = client.get("/accounts/activity/").content.decode()

    assert page.count("<tr>") == 1 + 2  # header, one refusal, one sign-in
    assert "Sign-in refused" in page
    assert lambeth_lead.email not in page


@pytest.mark.parametrize("rows", [1, 50])
def test_the_activity_page_stays_within_its_query_budget(
    client, camden_lead, rows, django_assert_max_num_queries
):
    client.force_login(camden_lead)
    SignInEvent.objects.bulk_create(
        SignInEvent(user=camden_lead, kind="signed_in", method="password") for _ in range(rows)
    )
    with django_assert_max_num_queries(12):
        assert client.get("/accounts/activity/").status_code == 200


def test_sign_in_events_cannot_be_changed(camden_lead):
    event = SignInEvent.objects.create(user=camden_lead, kind="signed_in", method="password")
    event.detail = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


def test_the_admin_shows_events_read_only(client, loti):
    root = UserFactory(
        email="root@loti.example", organisation=loti, is_staff=True, is_superuser=True
    )
    event = SignInEvent.objects.create(user=root, kind="signed_in", method="password")
    client.force_login(root)
    assert client.get("/admin/accounts/signinevent/add/").status_code == 403
    assert (
        client.post(f"/admin/accounts/signinevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert SignInEvent.objects.filter(pk=event.pk).exists()


def test_codes_keep_working_across_a_period_boundary():
    """The helper's own check: codes differ between periods (so a stale code can fail)."""
    now = time.time()
    assert totp_code(TEST_SECRET, at=now) != totp_code(TEST_SECRET, at=now + 30 * 7)
