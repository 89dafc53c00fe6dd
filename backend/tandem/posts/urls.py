from django.urls import path

from .apis import PostDetailApi, PostListCreateApi

urlpatterns = [
    path("", PostListCreateApi.as_view(), name="post-list"),
    path("<int:post_id>/", PostDetailApi.as_view(), name="post-detail"),
]
