"""The seller's mail texts (app/domain/mail_texts.py): which placeholders a mail offers, how they
are filled, and what a text may not hold."""

from __future__ import annotations

from types import SimpleNamespace

from app.domain.mail_texts import (
    EDITABLE_MAILS,
    PLACEHOLDERS,
    fill,
    mail_text_problems,
    unknown_placeholders,
)
from app.domain.order_mails import SUBJECTS as ORDER_SUBJECTS
from app.mails import SUBJECTS


def reading(**values):
    return lambda name: values.get(name)


def test_every_mail_the_portal_sends_may_be_reworded():
    order_mails = {"order_placed", "order_placed_staff"} | {f"order_{s}" for s in ORDER_SUBJECTS}
    assert set(SUBJECTS) | order_mails == set(EDITABLE_MAILS)


def test_every_placeholder_a_mail_offers_is_described():
    for mail in EDITABLE_MAILS.values():
        assert set(mail.placeholders) <= set(PLACEHOLDERS)


def test_a_text_with_the_mails_own_placeholders_is_accepted():
    problems = mail_text_problems(
        reading(
            mail="order_placed",
            subject="{shop}: order {order_number}",
            message="Dear {name},\n\nthank you for the order of {company}.",
        )
    )
    assert problems == {}


def test_an_unknown_placeholder_is_refused_by_name_next_to_its_field():
    problems = mail_text_problems(
        reading(mail="invitation", subject="Welcome {nmae}", message="For {order_number} {shop}")
    )
    assert problems["subject"] == [
        "Unknown placeholder {nmae}: this mail offers {shop}, {company}, {name}, {email}."
    ]
    # A placeholder of another mail is unknown to this one.
    assert problems["message"] == [
        "Unknown placeholder {order_number}: this mail offers {shop}, {company}, {name}, {email}."
    ]


def test_attribute_and_format_tricks_are_unknown_placeholders():
    allowed = EDITABLE_MAILS["invitation"].placeholders
    assert unknown_placeholders("{name.__class__} {name!r} {shop:>10} { shop }", allowed) == [
        "name.__class__",
        "name!r",
        "shop:>10",
        " shop ",
    ]


def test_an_unknown_mail_is_refused():
    problems = mail_text_problems(reading(mail="newsletter", subject="Hi", message="Hello"))
    assert list(problems) == ["mail"]
    assert "newsletter" in problems["mail"][0]


def test_placeholders_are_filled_from_the_mails_context_and_nothing_else_is_looked_up():
    order = SimpleNamespace(number="2026-000124")
    context = {"shop": "Papeterie", "company": "Lyon library", "name": "Ada", "order": order}
    text = fill(
        "{name}, {company}: {order_number} at {shop}. {email} {secret}", "order_placed", context
    )
    assert text == "Ada, Lyon library: 2026-000124 at Papeterie. {email} {secret}"
