"""Password rules and account links, without a database."""

from __future__ import annotations

import pytest
from flask_appbuilder.security.sqla.models import User
from itsdangerous import URLSafeTimedSerializer

from app.domain.account_links import (
    LinkProblem,
    LinkRefused,
    Purpose,
    account_link_token,
    user_for_link,
)
from app.domain.passwords import missing_in_password

SECRET = "a-secret-key-long-enough-for-the-tests-0123456789"


@pytest.mark.parametrize(
    "password, missing",
    [
        ("Long-enough-1", []),
        ("short1A", ["length"]),
        ("alllowercase1", ["upper"]),
        ("ALLUPPERCASE1", ["lower"]),
        ("No-digits-here", ["digit"]),
        ("", ["length", "lower", "upper", "digit"]),
    ],
)
def test_password_rules_name_each_missing_part(password, missing):
    assert missing_in_password(password) == missing


def test_a_password_containing_the_email_name_is_refused():
    assert missing_in_password("Marie.Curie-2026", "marie.curie@lab.example") == ["not_email"]
    assert missing_in_password("Radium-2026-x", "mc@lab.example") == []  # too short a name


class _Session:
    def __init__(self, *users):
        self.users = {u.id: u for u in users}

    def get(self, _model, pk):
        return self.users.get(pk)


def _user(password: str | None = None) -> User:
    return User(id=7, username="a@b.example", email="a@b.example", password=password)


def _problem(token, session, purpose=Purpose.ACTIVATION, max_age=3600) -> LinkProblem:
    with pytest.raises(LinkRefused) as refused:
        user_for_link(session, SECRET, token, purpose, max_age)
    return refused.value.problem


def test_a_link_opens_the_account_it_was_made_for():
    user = _user()
    token = account_link_token(SECRET, user, Purpose.ACTIVATION)
    assert user_for_link(_Session(user), SECRET, token, Purpose.ACTIVATION, 3600) is user


def test_a_link_stops_working_once_the_password_is_set():
    user = _user()
    token = account_link_token(SECRET, user, Purpose.ACTIVATION)
    user.password = "scrypt:new-hash"
    assert _problem(token, _Session(user)) is LinkProblem.USED


def test_a_reset_link_is_no_invitation_and_a_foreign_signature_is_no_link():
    user = _user("scrypt:hash")
    reset = account_link_token(SECRET, user, Purpose.RESET)
    assert _problem(reset, _Session(user), Purpose.ACTIVATION) is LinkProblem.INVALID
    forged = URLSafeTimedSerializer("another-secret", salt="portal-account-link-reset").dumps(
        {"u": 7, "f": "x"}
    )
    assert _problem(forged, _Session(user), Purpose.RESET) is LinkProblem.INVALID
    assert _problem("garbage", _Session(user)) is LinkProblem.INVALID


def test_an_old_link_has_expired():
    user = _user()
    token = account_link_token(SECRET, user, Purpose.ACTIVATION)
    assert _problem(token, _Session(user), max_age=-1) is LinkProblem.EXPIRED


def test_a_link_for_a_deleted_account_is_invalid():
    token = account_link_token(SECRET, _user(), Purpose.ACTIVATION)
    assert _problem(token, _Session()) is LinkProblem.INVALID
