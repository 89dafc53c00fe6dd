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
