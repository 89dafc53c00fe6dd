"""The negotiation shortcut answers exactly what DRF's full negotiation answers."""

from __future__ import annotations

import pytest
from django.http import Http404
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from tandem.api.negotiation import ContentNegotiation


def _outcome(negotiation, accept: str | None, query: str, renderers) -> tuple:
    extra = {} if accept is None else {"HTTP_ACCEPT": accept}
    request = Request(APIRequestFactory().get(f"/api/todos/{query}", **extra))
    try:
        renderer, media_type = negotiation.select_renderer(request, renderers)
    except NotAcceptable:
        return ("406",)
    except Http404:
        return ("404",)
    return (type(renderer), media_type)


@pytest.mark.parametrize(
    "accept", [None, "", "*/*", "application/json", " application/json ", "application/json; indent=4",
               "text/html", "application/xml", "text/*", "application/*"],
)  # fmt: skip
@pytest.mark.parametrize("query", ["", "?page_size=3", "?format=json", "?format=api"])
@pytest.mark.parametrize(
    "renderers", [[JSONRenderer()], [JSONRenderer(), BrowsableAPIRenderer()]], ids=["json", "both"]
)
def test_the_shortcut_agrees_with_drf(accept, query, renderers):
    assert _outcome(ContentNegotiation(), accept, query, renderers) == _outcome(
        DefaultContentNegotiation(), accept, query, renderers
    )


def test_an_unacceptable_type_is_still_a_406(api, db):
    response = api.get("/api/todos/", headers={"Accept": "text/html"})

    assert response.status_code == 406
    assert response.json()["errors"][0]["code"] == "not_acceptable"
