from django.urls import path

from .apis import AccountApi, ProfileApi

urlpatterns = [
    path("", AccountApi.as_view(), name="account"),
    path("profile/", ProfileApi.as_view(), name="account-profile"),
]
