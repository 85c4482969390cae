"""The language of each request, and the back office's language switcher.

Flask-AppBuilder's BabelManager selects the locale from the session only, and writes the default
language into the session on a visitor's first request, so Accept-Language, a user's saved
language and their customer's never count. `init_locale` replaces that selector with
`select_locale`, which gathers the request's inputs and lets
app.domain.languages.negotiated_language decide. Flask-Babel calls it at most once per request
(it keeps the answer in `g` until `refresh()`), so the queries below run once per page.

FAB's switcher is a GET link (`/lang/<code>`) that changes the session; ours is a POST form to the
same address, protected by CSRF like every form, which also saves the choice for a member of
staff. The GET route stays registered by FAB, answering 405.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from flask import abort, current_app, g, has_request_context, redirect, request, session
from flask_appbuilder import BaseView, expose
from flask_babel import get_babel, get_locale, get_translations, refresh
from flask_login import current_user

from app.domain.accounts import contact_of, is_staff
from app.domain.languages import negotiated_language, save_staff_language, staff_language
from app.extensions import db

# The session's explicit choice: FAB's key, so its own templates and views still read it.
CHOSEN_LANGUAGE = "locale"
# FAB's REST API lets a client ask for a language per call (`?_l_=fr`).
API_LANGUAGE_ARGUMENT = "_l_"


def init_locale(app, appbuilder) -> None:
    """Use `select_locale` for every request, and the POST switcher instead of FAB's GET link;
    templates translate through `page_translations`."""
    get_babel(app).locale_selector = select_locale
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: page_translations().ugettext(s),
        ngettext=lambda s, p, n: page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: page_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    appbuilder.add_view_no_menu(LanguageSwitchView)
    locale_view = appbuilder.bm.locale_view
    app.view_functions[f"{locale_view.endpoint}.{locale_view.default_view}"] = _no_get_switch


def page_translations():
    """Flask-Babel's translations for the page's locale, found once per page and locale.

    Flask-Babel's own template functions look them up again for each text (several lookups in
    `g` and the locale's name), which is a tenth of a catalogue page's rendering. A mail
    rendered in the recipient's language (`force_locale`) has a locale of its own, so it finds
    its own translations.
    """
    locale = get_locale()
    if locale is None or not g:
        return get_translations()
    found = g.get("_page_translations")
    if found is None or found[0] is not locale:
        found = g._page_translations = (locale, get_translations())
    return found[1]


def select_locale() -> str | None:
    """The request's language, by app.domain.languages.negotiated_language (None outside one)."""
    if not has_request_context():
        return None
    available = current_app.config["LANGUAGES"]
    explicit = request.args.get(API_LANGUAGE_ARGUMENT)
    if explicit not in available:
        explicit = session.get(CHOSEN_LANGUAGE)
    # Asked only when the steps before found nothing (a query each, at most once a request).
    saved_languages = functools.cache(_saved_languages)
    return negotiated_language(
        explicit=explicit,
        saved=lambda: saved_languages()[0],
        customer=lambda: saved_languages()[1],
        accepted=request.accept_languages,
        default=_shop_language,
        available=available,
    )


def remember_choice(language: str) -> None:
    """The switchers' common part: this session speaks `language`, from this response on."""
    session[CHOSEN_LANGUAGE] = language
    refresh()


def _saved_languages() -> tuple[str | None, str | None]:
    """(the user's saved language, their customer's): a portal contact's own and their current
    company's; a member of staff's preference and no customer; nothing for a visitor."""
    user = g.get("user") or current_user
    if user is None or not user.is_authenticated:
        return None, None
    if "contact" in g and g.contact is not None:
        # A portal page: the contact and the establishment chosen in the header.
        return g.contact.language, g.customer.language if g.customer is not None else None
    if is_staff(user):
        # (Its roles are loaded already, for the permission checks.)
        return staff_language(db.session, user), None
    contact = contact_of(db.session, user)
    if contact is not None:
        from app.portal import CHOSEN_CUSTOMER

        customers = contact.customers
        customer = next(
            (c for c in customers if c.id == session.get(CHOSEN_CUSTOMER)),
            customers[0] if customers else None,
        )
        return contact.language, customer.language if customer is not None else None
    return None, None


def _shop_language() -> str:
    from app.mails import default_language

    return default_language(db.session)


def _no_get_switch(locale: str):
    """FAB's `/lang/<code>` link: a GET changes nothing; the switcher is a POST form."""
    abort(405)


class LanguageSwitchView(BaseView):
    """The back office's language menu (templates/appbuilder/navbar_right.html) posts here.

    Open to everyone like FAB's own switcher — the login page has it too — and protected by the
    CSRF token of the form. A member of staff's choice is saved for their next sessions.
    """

    route_base = "/lang"
    default_view = "choose"

    @expose("/<string:locale>", methods=["POST"])
    def choose(self, locale: str):
        if locale not in current_app.config["LANGUAGES"]:
            abort(404)
        remember_choice(locale)
        user = g.get("user")
        if user is not None and user.is_authenticated and is_staff(user):
            save_staff_language(db.session, user, locale)
            db.session.commit()
        return redirect(_same_site_path(request.form.get("next")) or self.get_redirect())


def _same_site_path(target: str | None) -> str | None:
    """The page the switcher was used on, if it is a path of this site (never another site)."""
    if target:
        parts = urlsplit(target)
        # Browsers read "/\\host" as "//host": a backslash is refused with the rest.
        if not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target:
            return target
    return None
