"""One canonical form for an email address, so one mailbox is one account.

email-validator does what the standards say: Unicode NFC normalisation of
the whole address, IDNA (UTS #46) processing of the domain (so a Punycode
spelling and a Unicode one are the same domain), and refusal of characters
that are unsafe or easily confused in an address. On top of that Tandem
lower-cases the whole address, as it always has (allauth compares addresses
case-insensitively anyway).
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

__all__ = ["EmailNotValidError", "canonical_email", "canonical_email_or_as_given"]


def canonical_email(address: str) -> str:
    """The canonical form of `address`; raises EmailNotValidError if it is none."""
    # Syntax only: whether the domain accepts mail is the verification email's job.
    return validate_email(address.strip(), check_deliverability=False).normalized.lower()


def canonical_email_or_as_given(address: str) -> str:
    """For lookups (login): the canonical form, or the input lower-cased when
    it is no valid address (it then matches no account, like any unknown one)."""
    try:
        return canonical_email(address)
    except EmailNotValidError:
        return address.lower()
