"""Messages still travel from one request to the next; a request without any sets nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from tandem.api.middleware import MessageMiddleware


def _through_middleware(request, view):
    return SessionMiddleware(MessageMiddleware(view))(request)


def test_a_message_added_in_one_request_is_read_in_the_next(db):
    def adds(request):
        messages.success(request, "Saved.")
        return HttpResponse("ok")

    first = _through_middleware(RequestFactory().get("/admin/"), adds)
    cookie = first.cookies["messages"].value

    seen: list[str] = []

    def reads(request):
        seen.extend(str(m) for m in messages.get_messages(request))
        return HttpResponse("ok")

    second = RequestFactory().get("/admin/")
    second.COOKIES["messages"] = cookie
    _through_middleware(second, reads)

    assert seen == ["Saved."]


def test_a_request_that_uses_no_messages_builds_no_storage_and_sets_no_cookie(db):
    from django.utils.functional import empty

    request = RequestFactory().get("/api/todos/")
    response = _through_middleware(request, lambda request: HttpResponse("ok"))

    assert request._messages._wrapped is empty
    assert "messages" not in response.cookies
