from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from tandem.posts.serializers import PostSummaryOutputSerializer
from tandem.todos.serializers import TodoOutputSerializer

from .selectors import DUE_SOON_DAYS, DUE_SOON_LIMIT, LATEST_POSTS_LIMIT


@extend_schema_serializer(component_name="Dashboard")
class DashboardOutputSerializer(serializers.Serializer):
    today = serializers.DateField(help_text="The server's date the due-soon window starts from.")
    open_todos_count = serializers.IntegerField(help_text="Your todos not done yet.")
    due_soon = TodoOutputSerializer(
        many=True,
        help_text=f"Your open todos due within {DUE_SOON_DAYS} days or overdue, soonest first, "
        f"at most {DUE_SOON_LIMIT}.",
    )
    latest_posts = PostSummaryOutputSerializer(
        many=True, help_text=f"Everyone's newest posts, at most {LATEST_POSTS_LIMIT}."
    )
