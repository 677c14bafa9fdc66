"""What the canvas offers the rest of the product, registered when the app is ready."""

from loti_data import registry
from methodology.registry import register_entries
from projects.canvas import api, forms, search
from projects.canvas.attention import my_projects_panel


def register() -> None:
    search.register()
    for form in (
        forms.OutcomeForm,
        forms.ActionForm,
        forms.InsightForm,
        forms.EnablerForm,
        forms.DatasetForm,
    ):
        stage = form._meta.model.STAGE
        register_entries(form=form, template=f"projects/canvas/entries/_{stage.value}.html")
    registry.register_nav("projects", "Projects", "projects:list", order=10)
    registry.register_attention("my-projects", my_projects_panel, order=10)
    registry.register_api("projects", api.ProjectEndpoint, basename="project", order=10)
    registry.register_api("outcomes", api.OutcomeEndpoint, basename="outcome", order=11)
    registry.register_api("actions", api.ActionEndpoint, basename="action", order=12)
    registry.register_api("insights", api.InsightEndpoint, basename="insight", order=13)
    registry.register_api("datasets", api.DatasetEndpoint, basename="dataset", order=14)
