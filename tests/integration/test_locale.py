"""Which language the portal and the back office speak (app/locale.py), through the test client.

The rule itself is tested step by step in tests/unit/test_language_negotiation.py; here, that
each input reaches it: the browser's Accept-Language, a contact's language, their customer's,
the switchers (saved, CSRF-protected POSTs), and a member of staff's saved language.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app.domain.languages import staff_language
from app.extensions import db
from app.generated.models import Contact, UserPreference
from tests.conftest import Auth, csrf_token
from tests.portal import make_contact, make_customer, portal_login, read, shop_settings, text

HTML_LANG = re.compile(r'<html lang="([a-z_A-Z]+)"')
# The back office's "Customers" menu in each language (the shipped catalogues).
CUSTOMERS_MENU = {"en": "Customers", "fr": "Clients", "de": "Kunden", "nl": "Klanten"}


def page_language(response) -> str:
    return HTML_LANG.search(text(response)).group(1)


def user_id(app, username: str) -> int:
    return read(app, lambda: app.appbuilder.sm.find_user(username=username).id)


def saved_staff_language(app, username: str) -> str | None:
    def question():
        return staff_language(db.session, app.appbuilder.sm.find_user(username=username))

    return read(app, question)


def test_an_anonymous_visitor_reads_the_login_page_in_the_browsers_language(app, client):
    shop_settings(app, default_language="en")
    response = client.get("/portal/login", headers={"Accept-Language": "fr-BE,fr;q=0.9,en;q=0.5"})
    assert page_language(response) == "fr"
    # Nothing is pinned in the session: another browser language the next time counts.
    with client.session_transaction() as session:
        assert "locale" not in session
    response = client.get("/portal/login", headers={"Accept-Language": "de"})
    assert page_language(response) == "de"


def test_without_a_browser_language_the_shops_default_applies(app, client):
    shop_settings(app, default_language="es")
    assert page_language(client.get("/portal/login")) == "es"


def test_a_contact_reads_their_own_language_whatever_the_browser(app, client):
    customer = make_customer(app, language="fr")
    make_contact(app, customer, "ada@library.example", language="nl")
    portal_login(client, "ada@library.example")
    response = client.get("/portal/company", headers={"Accept-Language": "de"})
    assert page_language(response) == "nl"


def test_a_contact_without_a_language_reads_their_customers(app, client):
    customer = make_customer(app, language="de")
    make_contact(app, customer, "ada@library.example", language=None)
    portal_login(client, "ada@library.example")
    response = client.get("/portal/company", headers={"Accept-Language": "fr"})
    assert page_language(response) == "de"


def test_the_portal_switcher_overrides_and_saves_the_contacts_language(app, client):
    customer = make_customer(app, language="de")
    contact = make_contact(app, customer, "ada@library.example", language="nl")
    portal_login(client, "ada@library.example")
    token = csrf_token(client, "/portal/company")
    response = client.post(
        "/portal/language",
        data={"language": "fr", "next": "/portal/company", "csrf_token": token},
        follow_redirects=True,
    )
    assert page_language(response) == "fr"
    assert read(app, lambda: db.session.get(Contact, contact.id).language) == "fr"


def test_a_language_chosen_on_the_login_page_holds_after_logging_in(app, client):
    customer = make_customer(app, language="de")
    contact = make_contact(app, customer, "ada@library.example", language="nl")
    token = csrf_token(client, "/portal/login")
    client.post("/portal/language", data={"language": "es", "csrf_token": token})
    portal_login(client, "ada@library.example")
    assert page_language(client.get("/portal/company")) == "es"
    # Nobody was logged in to save it for: the contact's own language stays.
    assert read(app, lambda: db.session.get(Contact, contact.id).language) == "nl"


def test_the_back_office_switcher_saves_the_staff_members_language(app, client):
    auth = Auth(client)
    auth.login("admin")
    token = csrf_token(client, "/customerview/list/")
    response = client.post("/lang/fr", data={"csrf_token": token, "next": "/customerview/list/"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/customerview/list/")
    assert saved_staff_language(app, "admin") == "fr"
    assert CUSTOMERS_MENU["fr"] in text(client.get("/customerview/list/"))


def test_a_get_or_a_post_without_csrf_token_changes_no_language(app, client):
    auth = Auth(client)
    auth.login("admin")
    assert client.get("/lang/de").status_code == 405
    assert client.post("/lang/de").status_code == 400  # no CSRF token
    assert saved_staff_language(app, "admin") is None
    with client.session_transaction() as session:
        assert "locale" not in session
    assert CUSTOMERS_MENU["en"] in text(client.get("/customerview/list/"))


def test_a_language_the_portal_does_not_offer_is_refused(app, client):
    Auth(client).login("admin")
    token = csrf_token(client, "/customerview/list/")
    assert client.post("/lang/it", data={"csrf_token": token}).status_code == 404
    assert saved_staff_language(app, "admin") is None


def test_a_staff_members_saved_language_applies_at_their_next_login(app):
    with app.app_context():
        user = app.appbuilder.sm.find_user(username="admin")
        db.session.add(UserPreference(user=user, language="de"))
        db.session.commit()
    client = app.test_client()
    Auth(client).login("admin")
    page = client.get("/customerview/list/", headers={"Accept-Language": "fr"})
    assert CUSTOMERS_MENU["de"] in text(page)


def test_switching_again_updates_the_one_saved_preference(app, client):
    Auth(client).login("admin")
    for language in ("nl", "de"):
        token = csrf_token(client, "/customerview/list/")
        client.post(f"/lang/{language}", data={"csrf_token": token})
    assert saved_staff_language(app, "admin") == "de"
    assert read(app, lambda: db.session.scalar(sa.select(sa.func.count(UserPreference.id)))) == 1


def test_the_apis_language_argument_still_picks_the_language_of_one_call(app):
    from flask_babel import get_locale

    with app.test_request_context("/api/v1/customer/?_l_=nl", headers={"Accept-Language": "fr"}):
        assert str(get_locale()) == "nl"
    with app.test_request_context("/api/v1/customer/?_l_=xx", headers={"Accept-Language": "fr"}):
        assert str(get_locale()) == "fr"


def test_article_and_family_names_follow_the_contacts_language_or_fall_back(app):
    """A name entered in French shows to a French contact; a Dutch contact, with no Dutch name
    entered, reads the default language's. The weight is written the language's way too."""
    from app.generated.models import Article, ArticleTranslation, Family, FamilyTranslation
    from tests.shop import BUYER, OTHER_BUYER, make_shop

    shop = make_shop(app)
    article_id = shop.articles["NOV-001"]
    with app.app_context():
        article = db.session.get(Article, article_id)
        article.translations["fr"] = ArticleTranslation(language="fr", name="Le Long Hiver")
        family = db.session.get(Family, article.family_id)
        family.translations["fr"] = FamilyTranslation(language="fr", name="Romans")
        for email, language in ((BUYER, "fr"), (OTHER_BUYER, "nl")):
            contact = db.session.scalars(sa.select(Contact).where(Contact.email == email)).one()
            contact.language = language
        db.session.commit()

    french, dutch = app.test_client(), app.test_client()
    portal_login(french, BUYER)
    portal_login(dutch, OTHER_BUYER)
    in_french = text(french.get(f"/portal/article/{article_id}"))
    in_dutch = text(dutch.get(f"/portal/article/{article_id}"))
    assert "Le Long Hiver" in in_french and "Romans" in in_french
    assert "0,4\u202fkg" in in_french
    assert "The Long Winter" in in_dutch and "Novels" in in_dutch
    assert "Le Long Hiver" not in in_dutch and "Romans" not in in_dutch
    assert "0,4 kg" in in_dutch


def test_on_the_back_office_login_page_the_switcher_changes_only_the_session(app, client):
    token = csrf_token(client, "/login/")
    response = client.post("/lang/nl", data={"csrf_token": token, "next": "/login/"})
    assert response.headers["Location"].endswith("/login/")
    with client.session_transaction() as session:
        assert session["locale"] == "nl"
    assert read(app, lambda: db.session.scalar(sa.select(sa.func.count(UserPreference.id)))) == 0


def test_the_language_is_negotiated_once_per_request_until_a_switcher_refreshes_it(app):
    from flask import session
    from flask_babel import get_locale

    from app.locale import remember_choice

    with app.test_request_context("/portal/login", headers={"Accept-Language": "fr"}):
        assert str(get_locale()) == "fr"
        session["locale"] = "de"
        assert str(get_locale()) == "fr"  # Flask-Babel keeps the request's answer
        remember_choice("de")
        assert str(get_locale()) == "de"


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/", "//evil.example/", "/\\evil.example/"]
)
def test_the_switcher_never_sends_to_another_site(app, client, elsewhere):
    token = csrf_token(client, "/login/")
    response = client.post("/lang/fr", data={"csrf_token": token, "next": elsewhere})
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
