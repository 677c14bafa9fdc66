from django.urls import path

from loti_data.search import views

app_name = "search"

urlpatterns = [path("search/", views.search, name="search")]
