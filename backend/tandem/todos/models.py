from django.conf import settings
from django.db import models


class Todo(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="todos")
    title = models.CharField(max_length=200)
    notes = models.TextField(max_length=10_000, blank=True, default="")
    done = models.BooleanField(default=False)
    due_date = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # Bumped by every write; a write carrying an older value is refused (409).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [
            # The list is always "this owner's todos, newest first", optionally by done.
            models.Index(fields=["owner", "-created"], name="todo_owner_created"),
            models.Index(fields=["owner", "done", "-created"], name="todo_owner_done_created"),
        ]

    def __str__(self) -> str:
        return self.title
