"""What the library offers the rest of the product, registered when the app is ready."""

from loti_data import registry
from skills.library import api, search
from skills.library.attention import library_panel


def register() -> None:
    search.register()
    registry.register_nav("skills", "Skills & jobs", "skills:index", order=30)
    registry.register_attention("library", library_panel, order=40)
    registry.register_api("role-families", api.RoleFamilyEndpoint, basename="role-family", order=40)
    registry.register_api("roles", api.RoleEndpoint, basename="role", order=41)
    registry.register_api("role-levels", api.RoleLevelEndpoint, basename="role-level", order=42)
    registry.register_api("skills", api.SkillEndpoint, basename="skill", order=43)
    registry.register_api(
        "salary-benchmarks", api.SalaryBenchmarkEndpoint, basename="salary-benchmark", order=44
    )
