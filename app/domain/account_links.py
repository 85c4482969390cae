"""The links mailed to set a password: signed, expiring, and good for one use.

A link carries the account's id and a fingerprint of its current password hash, signed with the
application's secret. Setting a password changes the hash, so every link made before stops
working: used links, and older links of the same account, need no table to be refused. Each
purpose signs with its own salt, so a reset link cannot serve as an invitation and back.
"""

from __future__ import annotations

import enum
import hashlib

from flask_appbuilder.security.sqla.models import User
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session


class Purpose(enum.StrEnum):
    ACTIVATION = "activation"  # an invitation or an approved access request: a first password
    RESET = "reset"  # a forgotten password


class LinkProblem(enum.Enum):
    INVALID = "invalid"  # altered, truncated, or signed with another secret
    EXPIRED = "expired"
    USED = "used"  # the password was set since the link was made


class LinkRefused(Exception):
    def __init__(self, problem: LinkProblem):
        super().__init__(problem.value)
        self.problem = problem


def _serializer(secret_key: str, purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=f"portal-account-link-{purpose}")


def _fingerprint(user: User) -> str:
    return hashlib.sha256(f"{user.id}:{user.password or ''}".encode()).hexdigest()[:24]


def account_link_token(secret_key: str, user: User, purpose: Purpose) -> str:
    """The token to put in the link mailed to `user`."""
    return _serializer(secret_key, purpose).dumps({"u": user.id, "f": _fingerprint(user)})


def user_for_link(
    session: Session, secret_key: str, token: str, purpose: Purpose, max_age: int
) -> User:
    """The account a link was made for; LinkRefused says why a link is no good."""
    try:
        payload = _serializer(secret_key, purpose).loads(token, max_age=max_age)
    except SignatureExpired:
        raise LinkRefused(LinkProblem.EXPIRED) from None
    except BadSignature:
        raise LinkRefused(LinkProblem.INVALID) from None
    if not isinstance(payload, dict):
        raise LinkRefused(LinkProblem.INVALID)
    user = session.get(User, payload.get("u"))
    if user is None:
        raise LinkRefused(LinkProblem.INVALID)
    if payload.get("f") != _fingerprint(user):
        raise LinkRefused(LinkProblem.USED)
    return user
