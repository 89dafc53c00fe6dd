from __future__ import annotations

from typing import Any

import pytest

from tandem.accounts.models import User
from tandem.posts.models import Post


@pytest.fixture
def make_post(db):
    def make(author: User, title: str = "Hello", body: str = "First post.", **fields: Any) -> Post:
        return Post.objects.create(author=author, title=title, body=body, **fields)

    return make
