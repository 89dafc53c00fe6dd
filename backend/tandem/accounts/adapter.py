"""allauth's account adapter, with one canonical form for email addresses."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.stages import LoginStage
from django import forms

from .addresses import EmailNotValidError, canonical_email, canonical_email_or_as_given


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        """Every address allauth stores or looks up by a form (signup, adding
        an email, password reset) is canonical first, so duplicates are found."""
        email = super().clean_email(email)
        try:
            return canonical_email(email)
        except EmailNotValidError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None

    def authenticate(self, request: Any, **credentials: Any) -> Any:
        # Login looks the address up (and counts failed attempts) by its canonical form.
        if isinstance(credentials.get("email"), str):
            credentials["email"] = canonical_email_or_as_given(credentials["email"])
        return super().authenticate(request, **credentials)

    def get_login_stages(self) -> list[str]:
        return ["tandem.accounts.adapter.CanonicalLoginEmailStage", *super().get_login_stages()]


class CanonicalLoginEmailStage(LoginStage):
    """allauth keeps the address as typed at login for its later stages (is it
    verified? where to send the link?): they see the canonical form, as stored."""

    key = "tandem_canonical_email"

    def handle(self) -> tuple[None, bool]:
        if self.login.email:
            self.login.email = canonical_email_or_as_given(self.login.email)
        return None, True
