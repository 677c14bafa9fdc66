"""Rank moves (up, down, set position) and priority/owner/themes, each change audited."""

import pytest

from loti_data.errors import NotAllowed
from projects.backlog import services as triage
from projects.models import Project, TriageChange
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(camden_lead):
    return [ProjectFactory(title=f"P{n}", created_by=camden_lead) for n in range(1, 6)]


def order() -> list[str]:
    return list(Project.objects.order_by("rank", "id").values_list("title", flat=True))


def test_new_projects_join_the_bottom(five):
    assert [p.rank for p in five] == [1, 2, 3, 4, 5]


def test_move_up_down_and_to_a_position(client_for, loti_staff, five):
    client = client_for(loti_staff)
    url = f"/backlog/projects/{five[2].pk}/rank/"
    client.post(url, {"move": "up"})
    assert order() == ["P1", "P3", "P2", "P4", "P5"]
    client.post(url, {"move": "down"})
    client.post(url, {"move": "down"})
    assert order() == ["P1", "P2", "P4", "P3", "P5"]
    client.post(url, {"rank-position": "1"})
    assert order() == ["P3", "P1", "P2", "P4", "P5"]
    client.post(url, {"rank-position": "99"})  # clamped to the bottom
    assert order() == ["P1", "P2", "P4", "P5", "P3"]
    assert sorted(Project.objects.values_list("rank", flat=True)) == [1, 2, 3, 4, 5]
    moves = TriageChange.objects.filter(field="rank").order_by("id")
    assert [(m.old_value, m.new_value) for m in moves] == [
        ("3", "2"),
        ("2", "3"),
        ("3", "4"),
        ("4", "1"),
        ("1", "5"),
    ]


def test_moving_the_top_project_up_changes_nothing(loti_staff, five):
    assert triage.project_move_up(project=five[0], by=loti_staff) is None
    assert order() == ["P1", "P2", "P3", "P4", "P5"]
    assert not TriageChange.objects.exists()


def test_bad_position_is_a_clear_error(client_for, loti_staff, five):
    response = client_for(loti_staff).post(
        f"/backlog/projects/{five[0].pk}/rank/", {"rank-position": "0"}
    )
    assert response.status_code == 400
    assert "greater than or equal to 1" in response.content.decode()


def test_priority_owner_and_themes_are_recorded_one_row_each(
    client_for, loti_staff, camden_project, housing, health
):
    response = client_for(loti_staff).post(
        f"/backlog/projects/{camden_project.pk}/priority-owner-themes/",
        {
            "triage-priority": "3",
            "triage-loti_owner": loti_staff.pk,
            "triage-themes": [housing.pk, health.pk],
        },
    )
    assert response.status_code == 302
    camden_project.refresh_from_db()
    assert camden_project.priority == 3
    assert camden_project.loti_owner == loti_staff
    assert set(camden_project.themes.all()) == {housing, health}
    rows = {c.field: (c.old_value, c.new_value) for c in TriageChange.objects.all()}
    assert rows == {
        "priority": ("Not set", "High"),
        "loti_owner": ("Nobody", "Loti Staff"),
        "themes": ("None", "Housing, Health"),
    }
    # Saving the same values again records nothing new.
    client_for(loti_staff).post(
        f"/backlog/projects/{camden_project.pk}/priority-owner-themes/",
        {
            "triage-priority": "3",
            "triage-loti_owner": loti_staff.pk,
            "triage-themes": [housing.pk, health.pk],
        },
    )
    assert TriageChange.objects.count() == 3


def test_the_owner_must_be_loti_staff(client_for, loti_staff, camden_lead, camden_project):
    response = client_for(loti_staff).post(
        f"/backlog/projects/{camden_project.pk}/priority-owner-themes/",
        {"triage-priority": "1", "triage-loti_owner": camden_lead.pk},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(triage.TriageError, match="must be a member of LOTI staff"):
        triage.project_triage_update(
            project=camden_project, by=loti_staff, priority=1, loti_owner=camden_lead, themes=[]
        )
    assert not TriageChange.objects.exists()


def test_services_refuse_non_staff(camden_project, camden_lead):
    outsider = UserFactory()
    for call in (
        lambda: triage.project_move(project=camden_project, position=1, by=outsider),
        lambda: triage.triage_note_add(project=camden_project, text="x", by=camden_lead),
        lambda: triage.project_triage_update(
            project=camden_project, by=camden_lead, priority=1, loti_owner=None, themes=[]
        ),
    ):
        with pytest.raises(NotAllowed, match="Only LOTI staff"):
            call()
