from django.conf import settings
from django.db import models


class Post(models.Model):
    """A blog post every signed-in user can read; only its author may change it.

    `body` is plain text, stored exactly as sent and never rendered as HTML:
    the SPA shows it as text, so there is no markup to sanitise.
    """

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=50_000, blank=True, default="")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # Bumped by every write; a write carrying an older value is refused (409).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [
            # The two lists: everyone's posts newest first, and one author's ("mine").
            models.Index(fields=["-created", "-id"], name="post_created"),
            models.Index(fields=["author", "-created", "-id"], name="post_author_created"),
        ]

    def __str__(self) -> str:
        return self.title
