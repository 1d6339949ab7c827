from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("v1/channels/", views.channels, name="channels"),
    path("v1/countries/", views.countries, name="countries"),
    path("v1/countries/match/", views.match_country_view, name="match-country"),
    path("v1/situations/", views.situations, name="situations"),
    path("v1/platforms/", views.platforms, name="platforms"),
    path("v1/openapi.json", views.openapi, name="openapi"),
]
