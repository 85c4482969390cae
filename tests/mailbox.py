"""A real SMTP server on loopback (aiosmtpd) that keeps every message it receives, parsed.

`smtp_server` runs for a module; `mailbox` empties it before each test.
"""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller


class Mailbox:
    """aiosmtpd handler: every message received, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def subjects(self) -> list[str]:
        with self.lock:
            return [str(m["Subject"]) for m in self.messages]

    def to(self, address: str) -> list[email.message.EmailMessage]:
        """The messages addressed to `address`, oldest first."""
        with self.lock:
            return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def text_of(self, message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    def html_of(self, message) -> str:
        return message.get_body(preferencelist=("html",)).get_content()

    def link_in(self, message, path: str) -> str:
        """The first address in the mail's text whose path starts with `path`."""
        match = re.search(r"https?://\S*" + re.escape(path) + r"\S*", self.text_of(message))
        assert match, f"no {path} link in: {self.text_of(message)}"
        return match.group(0)


class _Controller(Controller):
    """aiosmtpd's Controller, serving on a socket bound beforehand to a port the system chose.

    Choosing a free port, closing it and then letting the Controller bind it would race with every
    other process doing the same (the other pytest-xdist worker among them); a socket kept bound
    from the start cannot be taken. aiosmtpd then checks that it started by connecting to it.
    """

    def __init__(self, handler, sock: socket.socket):
        self._sock = sock
        super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1])

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self._sock)


@contextmanager
def closed_port():
    """A loopback port where nothing listens, kept so (bound, not listening) until the block ends:
    connecting to it is refused, and no other process can start listening there meanwhile."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@contextmanager
def serving(mailbox: Mailbox):
    """An SMTP server on a loopback port of its own handing every message to `mailbox`, whose
    `port` it sets, until the block ends."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    controller = _Controller(mailbox, sock)
    controller.start()
    mailbox.port = controller.port
    try:
        yield mailbox
    finally:
        controller.stop()
        sock.close()


@pytest.fixture(scope="module")
def smtp_server():
    with serving(Mailbox()) as mailbox:
        yield mailbox


@pytest.fixture
def mailbox(smtp_server):
    with smtp_server.lock:
        smtp_server.messages.clear()
        smtp_server.envelopes.clear()
    return smtp_server
