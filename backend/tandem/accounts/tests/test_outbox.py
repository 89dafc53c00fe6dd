"""The development outbox: every email printed and kept as JSON; a DEBUG-only listing."""

from __future__ import annotations

import json

import pytest
from conftest import ApiClient
from django.core import mail

from tandem.accounts.email import read_outbox


@pytest.fixture
def outbox(settings, tmp_path):
    settings.EMAIL_BACKEND = "tandem.accounts.email.ConsoleOutboxEmailBackend"
    settings.EMAIL_OUTBOX_DIR = str(tmp_path / "outbox")
    return tmp_path / "outbox"


@pytest.mark.django_db
def test_each_email_is_printed_and_kept_with_its_links(outbox, capsys):
    ApiClient().send(
        "POST", "/api/auth/browser/v1/auth/signup", {"email": "new@example.com", "password": "x-long-pass-99"}
    )

    files = list(outbox.glob("*.json"))
    assert len(files) == 1
    record = json.loads(files[0].read_text())
    assert record["to"] == ["new@example.com"]
    assert record["subject"] == "[Tandem] Please Confirm Your Email Address"
    assert any("/account/verify-email/" in link for link in record["links"])
    assert "Please Confirm Your Email Address" in capsys.readouterr().out


@pytest.mark.django_db
def test_without_an_outbox_folder_nothing_is_written(settings, tmp_path):
    settings.EMAIL_BACKEND = "tandem.accounts.email.ConsoleOutboxEmailBackend"
    settings.EMAIL_OUTBOX_DIR = ""
    mail.send_mail("Hi", "Body", None, ["a@example.com"])
    assert list(tmp_path.iterdir()) == []


def test_the_listing_is_newest_first(outbox):
    for number in range(3):
        mail.send_mail(f"Message {number}", "http://127.0.0.1:8000/x", None, ["a@example.com"])

    assert [record["subject"] for record in read_outbox(outbox)] == ["Message 2", "Message 1", "Message 0"]


@pytest.mark.django_db
def test_the_dev_page_lists_recent_emails_in_debug(outbox, settings):
    settings.DEBUG = True
    mail.send_mail("Hello", "Open http://127.0.0.1:8000/account/verify-email/abc", None, ["a@example.com"])

    response = ApiClient().get("/api/dev/outbox/")

    assert response.status_code == 200
    [record] = response.json()["results"]
    assert record["subject"] == "Hello"
    assert record["links"] == ["http://127.0.0.1:8000/account/verify-email/abc"]


@pytest.mark.django_db
def test_the_dev_page_does_not_exist_when_debug_is_off(outbox, settings):
    settings.DEBUG = False
    mail.send_mail("Hello", "secret link", None, ["a@example.com"])

    response = ApiClient().get("/api/dev/outbox/")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"
    assert b"secret" not in response.content
