"""One mailbox, one account: addresses are stored in one canonical form
(email-validator: Unicode NFC, IDNA-checked domain, lower case), so the same
address written composed, decomposed, in Punycode or another case is the same."""

from __future__ import annotations

import unicodedata

import pytest
from allauth.account.models import EmailAddress
from conftest import PASSWORD, ApiClient

from tandem.accounts.models import User

from .helpers import AUTH, verification_key

COMPOSED = unicodedata.normalize("NFC", "u@bücher.example")
DECOMPOSED = unicodedata.normalize("NFD", "u@bücher.example")
SPELLINGS = [
    DECOMPOSED,
    "U@BÜCHER.example",
    "u@xn--bcher-kva.example",
    unicodedata.normalize("NFD", "U@Bücher.Example"),
]


def sign_up(email: str):
    return ApiClient().send("POST", f"{AUTH}/auth/signup", {"email": email, "password": PASSWORD})


def test_composed_and_decomposed_forms_differ_as_text():
    assert COMPOSED != DECOMPOSED


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", SPELLINGS, ids=["decomposed", "upper-case", "punycode", "both"])
def test_signing_up_again_in_another_spelling_makes_no_second_account(spelling: str):
    assert sign_up(COMPOSED).status_code == 401

    response = sign_up(spelling)

    # The same answer as any duplicate (no enumeration), and still one account.
    assert response.status_code == 401
    assert list(User.objects.values_list("email", flat=True)) == [COMPOSED]
    assert list(EmailAddress.objects.values_list("email", flat=True)) == [COMPOSED]


@pytest.mark.django_db
def test_a_decomposed_signup_is_stored_composed():
    assert sign_up(DECOMPOSED).status_code == 401

    assert User.objects.get().email == COMPOSED
    assert verification_key(COMPOSED)


@pytest.mark.parametrize("spelling", SPELLINGS, ids=["decomposed", "upper-case", "punycode", "both"])
def test_login_in_any_spelling_finds_the_account(make_user, spelling: str):
    make_user(email=COMPOSED)

    response = ApiClient().send("POST", f"{AUTH}/auth/login", {"email": spelling, "password": PASSWORD})

    assert response.status_code == 200, response.content


def test_adding_another_users_address_in_another_spelling_adds_no_duplicate(make_user, make_signed_in):
    make_user(email=COMPOSED)
    client, bob = make_signed_in("bob@example.com")

    client.send("POST", f"{AUTH}/account/email", {"email": DECOMPOSED})

    # Whatever allauth answers for a taken address, the decomposed spelling is never stored.
    assert set(EmailAddress.objects.values_list("email", flat=True)) <= {COMPOSED, "bob@example.com"}
    assert not EmailAddress.objects.filter(user=bob, email=COMPOSED, verified=True).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["u@exa mple.com", "u@-bad-.example", "u@bücher..example"])
def test_an_address_that_is_no_address_is_refused_at_signup(email: str):
    response = sign_up(email)

    assert response.status_code == 400
    assert response.json()["errors"][0]["param"] == "email"
    assert not User.objects.exists()


def test_the_user_manager_stores_the_same_canonical_form(db):
    user = User.objects.create_user(email=DECOMPOSED.upper(), password=PASSWORD)

    assert user.email == COMPOSED
