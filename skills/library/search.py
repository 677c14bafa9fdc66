"""What the jobs library makes searchable: roles (with their levels and the skills each level
needs) and skills (with their level descriptions). Salary figures and hard-to-fill notes are
never indexed, so no search can show them."""

from django.db.models import Prefetch

from loti_data import registry
from loti_data.search.documents import Document
from skills.library.models import Role, RoleLevel, RoleLevelSkill, Skill, SkillLevelDescription


def role_document(role_id: int) -> Document | None:
    levels = RoleLevel.objects.prefetch_related("skills")
    role = (
        Role.objects.select_related("family")
        .prefetch_related(Prefetch("levels", queryset=levels))
        .filter(pk=role_id)
        .first()
    )
    if role is None:
        return None
    lines = []
    for level in role.levels.all():
        skills = ", ".join(skill.name for skill in level.skills.all())
        lines.append(f"{level.name}. {level.description} {skills}")
    return Document(
        title=role.name,
        summary=f"{role.description}\n{role.family.name}",
        body="\n".join(lines),
        meta=f"Jobs library · {role.family.name} · {len(lines)} level{'s' * (len(lines) != 1)}",
        url=role.get_absolute_url(),
    )


def skill_document(skill_id: int) -> Document | None:
    skill = Skill.objects.prefetch_related("level_descriptions").filter(pk=skill_id).first()
    if skill is None:
        return None
    return Document(
        title=skill.name,
        summary=f"{skill.description}\n{skill.get_group_display()}",
        body="\n".join(level.description for level in skill.level_descriptions.all()),
        meta=f"Capability model · {skill.get_group_display()}",
        url=skill.get_absolute_url(),
    )


def _signed_in(user) -> bool:
    return user.is_authenticated


def register() -> None:
    registry.register_search(
        "role",
        "Jobs library: role",
        build=role_document,
        all_ids=lambda: Role.objects.values_list("pk", flat=True),
        visible=_signed_in,
        order=50,
    )
    registry.register_search_source(Role, "role", lambda role: role.pk)
    registry.register_search_source(RoleLevel, "role", lambda level: level.role_id)
    registry.register_search_source(RoleLevelSkill, "role", lambda need: need.role_level.role_id)
    registry.register_search(
        "skill",
        "Jobs library: skill",
        build=skill_document,
        all_ids=lambda: Skill.objects.values_list("pk", flat=True),
        visible=_signed_in,
        order=60,
    )
    registry.register_search_source(Skill, "skill", lambda skill: skill.pk)
    registry.register_search_source(
        SkillLevelDescription, "skill", lambda description: description.skill_id
    )
