"""Django's session stores, telling the auth records (tandem.accounts.authrecords)
when a session ends or changes: logout, allauth's session end, key cycling at
login, refresh-token rotation all pass through `delete` or `save` here."""

from __future__ import annotations

from tandem.accounts import authrecords


class ForgetsAuthRecordMixin:
    session_key: str | None

    def save(self, must_create: bool = False) -> None:
        super().save(must_create)  # type: ignore[misc]
        authrecords.refresh_session(self.session_key)

    def delete(self, session_key: str | None = None) -> None:
        key = session_key or self.session_key
        super().delete(session_key)  # type: ignore[misc]
        authrecords.forget_session(key)
