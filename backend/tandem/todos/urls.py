from django.urls import path

from .apis import TodoDetailApi, TodoListCreateApi

urlpatterns = [
    path("", TodoListCreateApi.as_view(), name="todo-list"),
    path("<int:todo_id>/", TodoDetailApi.as_view(), name="todo-detail"),
]
