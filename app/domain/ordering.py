"""What every ordering rule raises when it says no."""

from __future__ import annotations


class OrderingRefusal(Exception):
    """An order, cart change or checkout refused, with the messages to show the person.

    Messages are already translated sentences; the portal shows them as they are.
    """

    def __init__(self, messages: str | list[str]):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(str(m) for m in self.messages))
