"""``/api/v1/``: the read API, its OpenAPI schema and documentation; ``/api/tokens/``: the page
where people manage their tokens.

The endpoints come from the parts (``loti_data.registry.register_api``). The API's URLs are open
to the login middleware because a token is not a session: each endpoint's own permission asks
for a signed-in person. The schema and the documentation hold no data and are open to all.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from loti_data import registry
from loti_data.api import views

app_name = "api"


def _router() -> DefaultRouter:
    router = DefaultRouter(trailing_slash=True)
    router.include_format_suffixes = False
    for endpoint in registry.api_endpoints():
        router.register(endpoint.prefix, endpoint.viewset, basename=endpoint.basename)
    return router


api_patterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    *_router().urls,
]
for pattern in api_patterns:
    pattern.callback = login_not_required(pattern.callback)

urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("v1/", include(api_patterns)),
]
