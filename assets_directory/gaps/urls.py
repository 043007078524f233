from django.urls import path

from . import views

app_name = "gaps"

# The page itself is `assets_directory:gaps` at /services/gaps/ (routed in the directory's
# urls); these sit beside it under /services/gaps/.
urlpatterns = [
    path("matrix.csv", views.matrix_csv, name="matrix_csv"),
    path("gaps.csv", views.gaps_csv, name="gaps_csv"),
    path("propose/", views.propose_gap, name="propose"),
]
