"""The contact's own pages: home, My company, the company's users and addresses, the
establishment switch.

Every record is looked up through the customer the contact is working for (g.customer): an id
of another company's user or address is a 404, whatever the role.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from app import mails
from app.domain.accounts import AccountRefusal
from app.domain.company_users import (
    PERMISSIONS,
    add_company_user,
    change_company_user,
    company_user,
    company_users,
    manages_addresses,
    manages_users,
    remove_company_user,
    sees_all_orders,
)
from app.domain.customers import address_problems
from app.extensions import db
from app.generated.models import Address, LibraryBudget, LibraryRelation
from app.portal import CHOSEN_CUSTOMER, bp, contact_required, manager_required, safe_next
from app.portal.forms import (
    AddressForm,
    CompanyUserEditForm,
    CompanyUserForm,
    ConfirmForm,
    SwitchForm,
)


@bp.app_template_global()
def portal_rights() -> dict:
    contact = g.get("contact")
    if contact is None:
        return {}
    return {
        "manages_users": manages_users(contact),
        "manages_addresses": manages_addresses(contact),
        "sees_all_orders": sees_all_orders(contact),
    }


@bp.route("/")
@contact_required
def home():
    return render_template("portal/home.html", switch_form=SwitchForm())


@bp.route("/switch", methods=["POST"])
@contact_required
def switch_customer():
    """Work for another of the contact's establishments; only theirs can be chosen."""
    form = SwitchForm()
    if not form.validate_on_submit():
        abort(400)
    wanted = next((c for c in g.customers if str(c.id) == form.customer_id.data), None)
    if wanted is None:
        abort(404)
    session[CHOSEN_CUSTOMER] = wanted.id
    flash(_("You are now working for %(company)s.", company=wanted.name), "info")
    return redirect(safe_next(request.form.get("next")))


@bp.route("/company")
@contact_required
def company():
    customer = g.customer
    budgets = db.session.scalars(
        sa.select(LibraryBudget)
        .where(LibraryBudget.customer_id == customer.id)
        .order_by(LibraryBudget.code)
    ).all()
    relations = db.session.scalars(
        sa.select(LibraryRelation)
        .where(LibraryRelation.customer_id == customer.id)
        .order_by(LibraryRelation.code)
    ).all()
    addresses = db.session.scalars(
        sa.select(Address).where(Address.customer_id == customer.id).order_by(Address.name)
    ).all()
    return render_template(
        "portal/company.html",
        customer=customer,
        budgets=budgets,
        relations=relations,
        addresses=addresses,
        users=company_users(db.session, customer),
        remove_form=ConfirmForm(),
    )


# ------------------------------------------------------------------ company users


def _permissions(form) -> dict:
    return {name: form[name].data for name in PERMISSIONS}


@bp.route("/company/users/new", methods=["GET", "POST"])
@manager_required(manages_users)
def add_user():
    form = CompanyUserForm()
    if form.validate_on_submit():
        try:
            contact, _needs_activation = add_company_user(
                db.session,
                g.contact,
                g.customer,
                form.email.data,
                form.first_name.data,
                form.last_name.data,
                form.company_role.data,
                _permissions(form),
                form.order_limit.data,
            )
        except AccountRefusal as refusal:
            db.session.rollback()
            form.email.errors = [*form.email.errors, str(refusal)]
        else:
            mails.new_access(db.session, contact, g.customer)
            db.session.commit()
            flash(
                _(
                    "%(email)s is now a user of %(company)s.",
                    email=contact.email,
                    company=g.customer.name,
                ),
                "success",
            )
            return redirect(url_for("portal.company"))
    return render_template("portal/user_form.html", form=form, person=None)


@bp.route("/company/users/<int:contact_id>/edit", methods=["GET", "POST"])
@manager_required(manages_users)
def edit_user(contact_id: int):
    person = company_user(db.session, g.customer, contact_id) or abort(404)
    form = CompanyUserEditForm(obj=person)
    if form.validate_on_submit():
        try:
            change_company_user(
                db.session,
                g.contact,
                g.customer,
                person,
                form.company_role.data,
                _permissions(form),
                form.order_limit.data,
            )
        except AccountRefusal as refusal:
            db.session.rollback()
            form.company_role.errors = [*form.company_role.errors, str(refusal)]
        else:
            db.session.commit()
            flash(_("The changes to %(name)s are saved.", name=_name(person)), "success")
            return redirect(url_for("portal.company"))
    return render_template("portal/user_form.html", form=form, person=person)


@bp.route("/company/users/<int:contact_id>/remove", methods=["POST"])
@manager_required(manages_users)
def remove_user(contact_id: int):
    person = company_user(db.session, g.customer, contact_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        remove_company_user(db.session, g.contact, g.customer, person)
    except AccountRefusal as refusal:
        db.session.rollback()
        flash(str(refusal), "danger")
    else:
        db.session.commit()
        flash(
            _(
                "%(name)s no longer has access to %(company)s.",
                name=_name(person),
                company=g.customer.name,
            ),
            "success",
        )
    return redirect(url_for("portal.company"))


# ------------------------------------------------------------------ addresses


def _company_address(address_id: int) -> Address:
    address = db.session.scalars(
        sa.select(Address).where(Address.id == address_id, Address.customer_id == g.customer.id)
    ).first()
    return address or abort(404)


@bp.route("/company/addresses/new", methods=["GET", "POST"])
@manager_required(manages_addresses)
def add_address():
    form = AddressForm()
    if request.method == "GET":
        form.country.data = g.customer.country
    if _valid_address(form):
        address = Address(customer=g.customer)
        form.populate_obj(address)
        _blank_to_none(address)
        db.session.add(address)
        db.session.commit()
        flash(_("The address is saved."), "success")
        return redirect(url_for("portal.company"))
    return render_template("portal/address_form.html", form=form, address=None)


@bp.route("/company/addresses/<int:address_id>/edit", methods=["GET", "POST"])
@manager_required(manages_addresses)
def edit_address(address_id: int):
    address = _company_address(address_id)
    form = AddressForm(obj=address)
    if _valid_address(form):
        form.populate_obj(address)
        _blank_to_none(address)
        db.session.commit()
        flash(_("The address is saved."), "success")
        return redirect(url_for("portal.company"))
    return render_template("portal/address_form.html", form=form, address=address)


def _valid_address(form) -> bool:
    """Every problem at once: the fields' own, and the address rules of the domain."""
    if request.method != "POST":
        return False
    valid = form.validate_on_submit()
    return _address_ok(form) and valid


def _address_ok(form) -> bool:
    problems = address_problems(lambda name: form[name].data)
    for name, messages in problems.items():
        form[name].errors = [*form[name].errors, *messages]
    return not problems


def _blank_to_none(address: Address) -> None:
    for name in ("line2", "phone"):
        if not (getattr(address, name) or "").strip():
            setattr(address, name, None)


def _name(contact) -> str:
    return f"{contact.first_name} {contact.last_name}".strip()
