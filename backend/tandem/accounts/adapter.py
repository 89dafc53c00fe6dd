"""allauth's adapters: one canonical form for email addresses, and the
headless user payload's dataclass built once."""

from __future__ import annotations

from typing import Any, ClassVar

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.stages import LoginStage
from allauth.headless.adapter import DefaultHeadlessAdapter
from django import forms
from django.contrib.auth import get_user_model
from django.core.signals import setting_changed
from django.dispatch import receiver

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


class HeadlessAdapter(DefaultHeadlessAdapter):
    """allauth headless's adapter, with the user payload's dataclass made once.

    allauth builds that dataclass (`dataclasses.make_dataclass`) on every
    call, i.e. on every response that carries the user (the session
    endpoint most of all), though it depends only on the user model and
    allauth's settings; building it was about a sixth of that endpoint's CPU.
    """

    _user_dataclasses: ClassVar[dict[Any, type]] = {}

    def get_user_dataclass(self) -> type:
        key = (get_user_model(), account_settings.USER_MODEL_USERNAME_FIELD)
        dataclass = self._user_dataclasses.get(key)
        if dataclass is None:
            dataclass = self._user_dataclasses[key] = super().get_user_dataclass()
        return dataclass


@receiver(setting_changed)
def _forget_user_dataclasses(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith(("ACCOUNT_", "AUTH_USER_MODEL", "HEADLESS_")):
        HeadlessAdapter._user_dataclasses.clear()
