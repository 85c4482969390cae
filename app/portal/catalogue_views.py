"""The catalogue as one customer sees it: catalogues and families, search, article pages,
selections in list mode, and adding to the cart.

Every article shown comes through app.domain.visibility and every price through
app.domain.pricing; this module only asks and lays out.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.domain import visibility
from app.domain.cart import add_to_cart
from app.domain.ordering import OrderingRefusal
from app.domain.pricing import price_articles, prices_hidden
from app.domain.quantities import quantity_rule
from app.domain.stock import stock_for
from app.extensions import db
from app.portal import bp, contact_required
from app.portal.forms import AddToCartForm
from app.portal.offers import offers_for
from app.portal.shopping import (
    back_to,
    current_shopper,
    flash_form_errors,
    flash_refusal,
    prepare_add_form,
    split_choices,
    translated_text,
)

MODES = ("photo", "text")
PAGE_SIZE = 48


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


def _offer(articles, shopper) -> dict:
    """Prices, stock and quantity rules of the articles on a page, in a few queries, and their
    offers as the page prints them."""
    rules = {a.id: quantity_rule(shopper, a) for a in articles}
    hidden = prices_hidden(shopper, g.contact)
    quotes = {}
    if not hidden and articles:
        # Priced at the smallest quantity the customer may order, as a card shows it.
        wanted = [(a.id, max(1, rules[a.id].minimum)) for a in articles]
        priced = price_articles(db.session, shopper, wanted)
        quotes = {article_id: priced[(article_id, qty)] for article_id, qty in wanted}
    stock = stock_for(db.session, shopper, [a.id for a in articles])
    pre_order = {a.id for a in articles if visibility.is_pre_order(a, shopper.today)}
    return {
        "quotes": quotes,
        "prices_hidden": hidden,
        "offers": offers_for(
            articles, quotes=quotes, stock=stock, rules=rules, pre_order=pre_order
        ),
    }


@bp.route("/catalogue/")
@contact_required
def catalogue():
    shopper = current_shopper()
    catalogues = visibility.visible_catalogues(db.session, shopper)
    catalogue_id = _int_arg("catalogue")
    chosen = next((c for c in catalogues if c.id == catalogue_id), None)
    if catalogue_id is not None and chosen is None:
        abort(404)
    families = visibility.catalogue_families(db.session, shopper, chosen.id) if chosen else []
    family_id = _int_arg("family")
    search = request.args.get("q", "").strip()[:100] or None
    sort = request.args.get("sort") if request.args.get("sort") in visibility.SORTS else "name"
    mode = request.args.get("mode")
    if mode not in MODES:
        mode = chosen.display_mode if chosen is not None else "photo"
    page = visibility.catalogue_page(
        db.session,
        shopper,
        catalogue_id=chosen.id if chosen else None,
        family_id=family_id,
        search=search,
        sort=sort,
        page=_int_arg("page") or 1,
        per_page=PAGE_SIZE,
    )
    return render_template(
        "portal/catalogue.html",
        catalogues=catalogues,
        chosen=chosen,
        families=families,
        family_id=family_id,
        search=search or "",
        sort=sort,
        mode=mode,
        result=page,
        splits=split_choices(g.customer.id),
        language=shopper.language,
        **_offer(page.articles, shopper),
    )


@bp.route("/article/<int:article_id>")
@contact_required
def article(article_id: int):
    shopper = current_shopper()
    item = visibility.article_for(db.session, shopper, article_id)
    if item is None:
        abort(404)
    variants = [v for v in item.variants if v.status == "active"]
    related = list(item.related_articles)
    visible = visibility.visible_article_ids(
        db.session, shopper, [a.id for a in (*variants, *related)]
    )
    variants = [v for v in variants if v.id in visible]
    related = [r for r in related if r.id in visible]
    return render_template(
        "portal/article.html",
        item=item,
        variants=variants,
        related=related,
        splits=split_choices(g.customer.id),
        problem=visibility.purchase_problem(shopper, item, session=db.session),
        language=shopper.language,
        **_offer([item, *variants, *related], shopper),
    )


@bp.route("/selections/")
@contact_required
def selections():
    shopper = current_shopper()
    return render_template(
        "portal/selections.html",
        selections=visibility.visible_selections(db.session, shopper),
        language=shopper.language,
    )


@bp.route("/selections/<int:selection_id>")
@contact_required
def selection(selection_id: int):
    shopper = current_shopper()
    chosen = next(
        (s for s in visibility.visible_selections(db.session, shopper) if s.id == selection_id),
        None,
    )
    if chosen is None:
        abort(404)
    search = request.args.get("q", "").strip()[:100] or None
    sort = request.args.get("sort") if request.args.get("sort") in visibility.SORTS else "name"
    page = visibility.selection_page(
        db.session,
        shopper,
        chosen.id,
        search=search,
        sort=sort,
        page=_int_arg("page") or 1,
        per_page=100,
    )
    return render_template(
        "portal/selection.html",
        selection=chosen,
        search=search or "",
        sort=sort,
        result=page,
        splits=split_choices(g.customer.id),
        language=shopper.language,
        **_offer(page.articles, shopper),
    )


@bp.route("/cart/add", methods=["POST"])
@contact_required
def add_to_cart_view():
    form = AddToCartForm()
    prepare_add_form(form)
    fallback = url_for("portal.catalogue")
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(back_to(fallback))
    if not g.contact.may_order:
        flash(_("Your account may look at the catalogue but not order."), "danger")
        return redirect(back_to(fallback))
    try:
        line = add_to_cart(
            db.session,
            current_shopper(),
            int(form.article_id.data) if form.article_id.data.isdigit() else 0,
            form.quantity.data,
            line_reference=form.line_reference.data or None,
            budget_code=form.budget_code.data or None,
            library_relation_code=form.library_relation_code.data or None,
            personalisation=form.personalisation.data or None,
        )
    except OrderingRefusal as refusal:
        flash_refusal(refusal)
    else:
        # Named before the commit expires the line: reloading it after would join its
        # customer, contact and article with all of theirs (14 ms) for one name.
        name = translated_text(line.article)
        db.session.commit()
        g.pop("cart_count", None)  # read with the form's choices, before this line
        flash(_("%(article)s is in your cart.", article=name), "success")
    return redirect(back_to(fallback))
