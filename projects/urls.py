"""The projects app's pages, from its parts, under one namespace (``projects:``)."""

from projects.backlog.urls import urlpatterns as backlog_urls
from projects.canvas.urls import urlpatterns as canvas_urls
from projects.ethics.urls import urlpatterns as ethics_urls
from projects.governance.urls import urlpatterns as governance_urls

app_name = "projects"

urlpatterns = canvas_urls + backlog_urls + ethics_urls + governance_urls
