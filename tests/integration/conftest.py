"""Fixtures of the integration tests beyond tests/conftest.py's."""

from tests.integration.outbox_helpers import (  # noqa: F401 (fixtures)
    outbox_settings,
    refusing_smtp,
    smtp,
    with_redis,
)
