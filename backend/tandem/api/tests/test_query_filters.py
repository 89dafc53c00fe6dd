"""A list's filters without running the serializer are exactly what it would return."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from rest_framework.exceptions import ValidationError

from tandem.api.serializers import query_filters
from tandem.posts.serializers import PostListFilterSerializer
from tandem.todos.serializers import TodoListFilterSerializer


@pytest.mark.parametrize("serializer_class", [TodoListFilterSerializer, PostListFilterSerializer])
@pytest.mark.parametrize(
    "query",
    ["", "page_size=20", "cursor=abc&page_size=5", "status=done", "search=milk", "author=me", "author="],
)
def test_the_same_filters_as_the_serializer(serializer_class, query):
    params = QueryDict(query)
    serializer = serializer_class(data=params)
    serializer.is_valid(raise_exception=True)

    assert query_filters(serializer_class, params) == dict(serializer.validated_data)


@pytest.mark.parametrize(("serializer_class", "query"), [(TodoListFilterSerializer, "status=nope"),
                                                         (PostListFilterSerializer, "author=you")])  # fmt: skip
def test_an_invalid_filter_is_still_refused(serializer_class, query):
    with pytest.raises(ValidationError):
        query_filters(serializer_class, QueryDict(query))
