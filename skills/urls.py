"""The skills app's pages, from its parts, under one namespace (``skills:``)."""

from skills.library.urls import urlpatterns as library_urls
from skills.networks.urls import urlpatterns as networks_urls

app_name = "skills"

urlpatterns = library_urls + networks_urls
