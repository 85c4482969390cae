"""The customers' portal: a blueprint at /portal/, hand-written over app/domain/.

Who is asking is decided once per request (`load_portal_user`): the logged-in contact, the
establishments they may work for now, and the one they chose. A suspension or a withdrawn
access therefore takes effect on the next click, not at the next login.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, g, redirect, request, session, url_for
from flask_login import current_user, logout_user

from app.domain.accounts import portal_access
from app.domain.settings import portal_settings
from app.extensions import db

bp = Blueprint("portal", __name__, url_prefix="/portal", template_folder="../templates")

CHOSEN_CUSTOMER = "portal_customer_id"

SKINS = {
    # skin: (main colour, accent colour)
    "classic": ("#1f6feb", "#f59e0b"),
    "forest": ("#2f7d4f", "#d9a441"),
    "bordeaux": ("#7c2638", "#c9a227"),
    "graphite": ("#3b4252", "#88c0d0"),
}


@bp.before_request
def load_portal_user() -> None:
    g.contact = g.customer = None
    g.customers = []
    if not current_user.is_authenticated:
        return
    access = portal_access(db.session, current_user)
    if not access.allowed:
        # A member of staff browsing the portal is left logged in to the back office.
        if access.contact is not None:
            logout_user()
            session.pop(CHOSEN_CUSTOMER, None)
            flash(access.refusal, "danger")
        return
    g.contact, g.customers = access.contact, access.customers
    chosen = session.get(CHOSEN_CUSTOMER)
    g.customer = next((c for c in access.customers if c.id == chosen), access.customers[0])
    # Written only when it changes: a session written is a cookie signed and sent again.
    if chosen != g.customer.id:
        session[CHOSEN_CUSTOMER] = g.customer.id


@bp.app_context_processor
def portal_look() -> dict:
    """The seller's branding (logo, skin) for every portal page and mail."""

    def look():
        settings = portal_settings(db.session)
        skin = settings.skin if settings else "classic"
        main, accent = SKINS.get(skin, SKINS["classic"])
        if settings and skin == "custom":
            main = settings.primary_colour or main
            accent = settings.accent_colour or accent
        return {
            "shop_name": settings.shop_name if settings else "",
            "logo": settings.logo if settings else None,
            "main_colour": main,
            "accent_colour": accent,
            "self_registration": bool(settings and settings.self_registration),
            "access_request_button": bool(settings and settings.access_request_button),
        }

    return {"portal_look": look}


def contact_required(view):
    """The page is for a logged-in contact with access to an active customer."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("contact") is None:
            return redirect(url_for("portal.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def manager_required(check):
    """The page is for contacts passing `check` (manages users, manages addresses); anyone else
    gets 403, whatever the URL they typed."""

    def decorator(view):
        @functools.wraps(view)
        @contact_required
        def wrapped(*args, **kwargs):
            if not check(g.contact):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def safe_next(target: str | None) -> str:
    """Where to go after login: only a path of this portal, never another site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and parts.path.startswith("/portal/"):
            return target
    return url_for("portal.home")


from app.portal import (  # noqa: E402, F401  (routes on bp)
    access_views,
    cart_views,
    catalogue_views,
    company_views,
    order_views,
    relations_views,
    shopping,
)
