from django.urls import path

from .apis import DashboardApi

urlpatterns = [
    path("", DashboardApi.as_view(), name="dashboard"),
]
