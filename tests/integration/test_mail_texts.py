"""The seller's own mail texts: written on an administrator-only screen, checked for unknown
placeholders, and sent instead of the shipped wording to the recipients of that language only,
with the template's links, buttons and order details kept and the text escaped in HTML."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from app import mails
from app.extensions import db
from app.generated.models import Contact, Customer, MailText, OutboxEntry
from tests.conftest import csrf_token
from tests.integration.test_checkout import place
from tests.portal import make_contact, make_customer, save, shop_settings
from tests.unit.test_cart_rules import OrderingWorld

FRENCH_INVITATION = {
    "mail": "invitation",
    "language": "fr",
    "subject": "Bienvenue chez {shop}, {name}",
    "message": "Bonjour {name},\n\n{shop} ouvre son portail à {company}.\nÀ très vite !",
}


def _invite(app, contact_id: int, customer_id: int) -> None:
    with app.test_request_context():
        contact = db.session.get(Contact, contact_id)
        mails.new_access(db.session, contact, db.session.get(Customer, customer_id))
        db.session.commit()


def test_a_french_text_goes_to_a_french_contact_and_not_to_a_german_one(app, sent_mail):
    shop_settings(app, shop_name="Papeterie Test")
    save(app, MailText(**FRENCH_INVITATION))
    lyon = make_customer(app, "LYO", name="Médiathèque de Lyon", language="fr")
    koeln = make_customer(app, "KOE", name="Stadtbibliothek Köln", language="de")
    ada = make_contact(app, lyon, "ada@lyon.example", password=None, first_name="Ada")
    karl = make_contact(app, koeln, "karl@koeln.example", password=None, first_name="Karl")
    _invite(app, ada.id, lyon.id)
    _invite(app, karl.id, koeln.id)

    [french] = sent_mail.to("ada@lyon.example")
    assert french["Subject"] == "Bienvenue chez Papeterie Test, Ada"
    text = sent_mail.text_of(french).replace("\r\n", "\n")
    assert "Bonjour Ada,\n\nPapeterie Test ouvre son portail à Médiathèque de Lyon." in text
    assert "Hello Ada" not in text
    # The template's link and login line stay.
    assert "/portal/activate/" in text and "ada@lyon.example" in text
    html = sent_mail.html_of(french)
    assert '<p style="white-space:pre-line;">Bonjour Ada,</p>' in html
    assert "/portal/activate/" in html

    [german] = sent_mail.to("karl@koeln.example")
    assert "Bienvenue" not in german["Subject"]
    assert "Papeterie Test" in german["Subject"]
    assert "Bonjour" not in sent_mail.text_of(german)
    assert "/portal/activate/" in sent_mail.text_of(german)


def test_the_sellers_text_is_escaped_in_the_html_part(app, sent_mail):
    shop_settings(app, shop_name="Papeterie Test")
    save(
        app,
        MailText(
            mail="access_added",
            language="fr",
            subject="Accès pour {company}",
            message='<b>Bienvenue</b> <a href="https://evil.example">ici</a> & {company}',
        ),
    )
    shop = make_customer(app, "DUP", name="Dupont & <Fils>", language="fr")
    contact = make_contact(app, shop, "marie@dupont.example", language="fr")
    _invite(app, contact.id, shop.id)

    [mail] = sent_mail.to("marie@dupont.example")
    assert mail["Subject"] == "Accès pour Dupont & <Fils>"
    html = sent_mail.html_of(mail)
    assert (
        "&lt;b&gt;Bienvenue&lt;/b&gt; &lt;a href=&#34;https://evil.example&#34;&gt;ici&lt;/a&gt;"
        " &amp; Dupont &amp; &lt;Fils&gt;" in html
    )
    assert "<b>Bienvenue</b>" not in html and 'href="https://evil.example"' not in html
    assert "/portal/login" in html  # the template's button stays
    # The plain-text part is text: nothing to escape.
    assert '<b>Bienvenue</b> <a href="https://evil.example">ici</a> & Dupont & <Fils>' in (
        sent_mail.text_of(mail)
    )


def _order_mails(session) -> dict[str, tuple[str, str, str]]:
    """The order mails written to the outbox, by address: subject, text, html."""
    mails_by_address = {}
    for entry in session.scalars(sa.select(OutboxEntry)):
        (to,), subject, text, html = entry.arguments["args"]
        mails_by_address[to] = (subject, text, html)
    return mails_by_address


def _order_texts(session) -> None:
    session.add_all(
        [
            MailText(
                mail="order_placed",
                language="fr",
                subject="{shop} a bien reçu la commande {order_number}",
                message="Chère {name},\n\nmerci pour la commande {order_number} de {company}.",
            ),
            MailText(
                mail="order_placed_staff",
                language="fr",
                subject="Commande {order_number} de {company}",
                message="{contact_name} a commandé.",
            ),
        ]
    )


def test_an_order_mail_in_french_uses_the_sellers_text_and_keeps_the_lines(session):
    with current_app.test_request_context():
        world = OrderingWorld(session, contact_language="fr")
        _order_texts(session)
        world.add(world.article("12.00", name="Notebook", sku="NB-1"), 2)
        order = place(world)
        sent = _order_mails(session)
    subject, text, html = sent["ada@library.example"]
    assert subject == f"Papeterie Test a bien reçu la commande {order.number}"
    assert text.startswith(f"Chère Ada,\n\nmerci pour la commande {order.number} de Lyon library.")
    assert "2 × Notebook (NB-1)" in text  # the order's lines stay
    assert f"/portal/orders/{order.number}" in html  # and so does its button
    # The staff copy is in the shop's language (English): no French text of the seller's.
    staff_subject, staff_text, _html = sent["staff@seller.example"]
    assert staff_subject == f"New order {order.number} from Lyon library"
    assert "a commandé" not in staff_text
    session.rollback()


def test_an_order_mail_in_german_keeps_the_shipped_text(session):
    with current_app.test_request_context():
        world = OrderingWorld(session, contact_language="de")
        _order_texts(session)
        world.add(world.article("12.00", name="Notebook"), 1)
        order = place(world)
        subject, text, _html = _order_mails(session)["ada@library.example"]
    assert "reçu" not in subject and order.number in subject
    assert "Chère" not in text and order.number in text
    session.rollback()


def _add_form(client) -> dict[str, str]:
    return {**FRENCH_INVITATION, "csrf_token": csrf_token(client, "/mailtextview/add")}


def test_an_administrator_writes_a_text_and_an_unknown_placeholder_is_refused(app, client, auth):
    auth.login("admin")
    page = client.get("/mailtextview/add").get_data(as_text=True)
    # The help names each mail's placeholders.
    assert "Order placed (to the buyer): {shop}, {company}, {name}, {order_number}" in page
    data = {**_add_form(client), "message": "Bonjour {nom}, bienvenue chez {shop}."}
    response = client.post("/mailtextview/add", data=data)
    assert response.status_code == 200
    assert "Unknown placeholder {nom}: this mail offers {shop}, {company}, {name}, {email}." in (
        response.get_data(as_text=True)
    )
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(MailText)) == 0

    response = client.post("/mailtextview/add", data=_add_form(client))
    assert response.status_code == 302
    with app.app_context():
        [saved] = db.session.scalars(sa.select(MailText)).all()
        assert (saved.mail, saved.language, saved.subject) == (
            "invitation",
            "fr",
            "Bienvenue chez {shop}, {name}",
        )
    # One text per mail and language.
    response = client.post("/mailtextview/add", data=_add_form(client))
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(MailText)) == 1


def test_only_administrators_reach_the_mail_texts(app, client, auth):
    saved = save(app, MailText(**FRENCH_INVITATION))
    for username in ("rep1", "catalogue", "desk"):
        auth.login(username)
        for url in ("/mailtextview/list/", "/mailtextview/add", f"/mailtextview/edit/{saved.id}"):
            response = client.get(url)
            assert response.status_code in (302, 403), (username, url)
            assert "Bienvenue chez" not in response.get_data(as_text=True)
        auth.logout()
    auth.login("admin")
    assert "Bienvenue chez {shop}, {name}" in client.get("/mailtextview/list/").get_data(
        as_text=True
    )
