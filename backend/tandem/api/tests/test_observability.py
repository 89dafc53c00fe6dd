"""Request ids and structured logs, as an operator reading them would see."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client
from pythonjsonlogger.json import JsonFormatter

from tandem.observability import RequestIdFilter, SafeRequestFilter


@pytest.fixture
def json_log_lines():
    """Captures every log record as the production JSON formatter writes it."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"))
    handler.addFilter(RequestIdFilter())
    handler.addFilter(SafeRequestFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    loggers = [logging.getLogger(name) for name in ("django", "django.request", "tandem.api")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)  # as in production, where 4xx are logged as warnings
    yield lines
    root.removeHandler(handler)
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_every_response_carries_a_request_id():
    first = Client().get("/api/health/")["X-Request-ID"]
    second = Client().get("/api/health/")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_a_sane_upstream_request_id_is_kept_and_a_forged_one_replaced():
    assert (
        Client().get("/api/health/", headers={"X-Request-ID": "proxy-id-1234"})["X-Request-ID"]
        == "proxy-id-1234"
    )
    forged = Client().get("/api/health/", headers={"X-Request-ID": 'x"}\n{"level": "CRITICAL'})
    assert forged["X-Request-ID"] != 'x"}\n{"level": "CRITICAL'
    assert len(forged["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_log_lines_are_json_with_the_request_id_of_their_request(json_log_lines, signed_in):
    response = signed_in.get("/api/todos/999999/")  # a 404 is logged as a warning by Django

    assert response.status_code == 404
    records = [json.loads(line) for line in json_log_lines]
    ours = [record for record in records if record.get("request_id") == response["X-Request-ID"]]
    assert ours, records
    assert all({"asctime", "levelname", "name", "message"} <= set(record) for record in ours)


@pytest.mark.django_db
def test_passwords_never_reach_the_logs(json_log_lines, user):
    from conftest import ApiClient

    secret = "my-Very-secret-attempt-42"
    ApiClient().send("POST", "/api/auth/browser/v1/auth/login", {"email": user.email, "password": secret})
    ApiClient().send("POST", "/api/todos/", "{not json " + secret)  # a 401 with the secret in a bad body

    assert json_log_lines, "nothing was logged: the test would prove nothing"
    assert not [line for line in json_log_lines if secret in line]
