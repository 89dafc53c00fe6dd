from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    label = "accounts"

    def ready(self) -> None:
        # allauth imports these lazily; with cryptography 50.x the first token
        # issuance in a fresh process then fails with "module has no attribute
        # 'serialization'" (a 500 on app login). Importing them up front avoids it.
        import cryptography.hazmat.primitives.serialization  # noqa: F401
        import jwt  # noqa: F401
        from allauth.account.signals import password_changed, password_reset, user_logged_in
        from django.db.models.signals import post_delete, post_save

        from . import signals
        from .webauthn import guard_credential_parsing

        guard_credential_parsing()

        user_logged_in.connect(signals.on_user_logged_in, dispatch_uid="tandem-session-seen")
        password_reset.connect(signals.on_password_reset, dispatch_uid="tandem-reset-ends-sessions")
        password_changed.connect(signals.on_password_changed, dispatch_uid="tandem-change-ends-others")
        # A changed or deleted user: their sessions' auth records go (tandem.accounts.authrecords).
        post_save.connect(
            signals.on_user_saved, sender=self.get_model("User"), dispatch_uid="tandem-authrec-save"
        )
        post_delete.connect(
            signals.on_user_deleted, sender=self.get_model("User"), dispatch_uid="tandem-authrec-del"
        )
