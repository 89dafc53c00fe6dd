"""Development email: print every message and keep a copy in a local outbox.

The outbox is a folder of JSON files, one per message (newest last by name),
holding what a person would read: sender, recipients, subject, body and the
links found in it. The dev-only page /dev/outbox lists them; the browser
tests read them to follow the real emailed links.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend
from django.core.mail.message import EmailMessage

_LINK = re.compile(r"https?://[^\s<>\"')]+")


def outbox_dir() -> Path | None:
    configured = getattr(settings, "EMAIL_OUTBOX_DIR", "")
    return Path(configured) if configured else None


def message_record(message: EmailMessage) -> dict[str, Any]:
    body = message.body or ""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html = str(content)
    links = list(dict.fromkeys(_LINK.findall(body)))
    return {
        "id": uuid.uuid4().hex,
        "sent_at": time.time(),
        "from": message.from_email,
        "to": list(message.to),
        "subject": message.subject,
        "body": body,
        "html": html,
        "links": links,
    }


def write_to_outbox(message: EmailMessage, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    record = message_record(message)
    # Sortable by name: nanoseconds first, then the id against collisions.
    path = folder / f"{time.time_ns():020d}-{record['id']}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, indent=2))
    tmp.replace(path)  # readers never see a half-written file
    return path


def read_outbox(folder: Path, limit: int = 50) -> list[dict[str, Any]]:
    """The newest `limit` messages, newest first."""
    if not folder.is_dir():
        return []
    records = []
    for path in sorted(folder.glob("*.json"), reverse=True)[:limit]:
        try:
            records.append(json.loads(path.read_text()))
        except (OSError, ValueError):
            continue
    return records


class ConsoleOutboxEmailBackend(ConsoleEmailBackend):
    """Django's console backend, plus a copy of each message in the outbox folder."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        folder = outbox_dir()
        if folder is not None:
            for message in email_messages or []:
                write_to_outbox(message, folder)
        return sent
