"""The order desk: the order screen's list (new orders first) and page, with the status
buttons, the delivery-terms form and the internal note.

The rules are `app.domain.order_status`'s; this screen only asks them. Acting on an order needs
the permission to edit orders (model.yaml: the administrator and the order desk); a sales
representative sees their customers' orders and what the desk did, and cannot act. Every action
reaches only the orders the user may see: Flask-AppBuilder's own routes apply the row filter,
these fetch the order again through it (404 otherwise).
"""

from __future__ import annotations

import datetime
import functools

import sqlalchemy as sa
from flask import abort, flash, g, redirect, url_for
from flask_appbuilder.views import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, HiddenField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.backoffice.access import requires
from app.backoffice.order_documents import OrderDocuments
from app.backoffice.views import BackOfficeModelView, ScreenInterface
from app.domain.order_status import (
    NEW,
    NOTE_LENGTH,
    OrderDeskRefusal,
    allowed_transitions,
    budget_charges,
    change_status,
    edit_delivery_terms,
    may_edit_delivery_terms,
    set_internal_note,
    status_label,
)
from app.domain.translations import in_sentence
from app.extensions import db
from app.generated.models import SalesOrder

# The list's default order: new orders (placed, held for approval) first, then the newest.
NEW_FIRST = "new_first"
# Fields the generic edit form does not offer: an order's customer decides whose budgets a
# cancellation refills.
EDIT_LOCKED = ("customer",)
VIEW_NAME = "SalesOrderView"

# What the buttons say, by the status they lead to.
ACTIONS = {
    "placed": _l("Release the hold"),
    "confirmed": _l("Confirm"),
    "in_preparation": _l("Start preparing"),
    "shipped": _l("Mark as shipped"),
    "delivered": _l("Mark as delivered"),
    "cancelled": _l("Cancel the order"),
}


class StatusForm(FlaskForm):
    status = HiddenField(validators=[DataRequired()])


class DeliveryTermsForm(FlaskForm):
    shipping_fee = DecimalField(
        _l("Shipping fee"),
        places=2,
        validators=[
            InputRequired(message=_l("Enter an amount of 0 or more, such as 12.50.")),
            NumberRange(min=0, message=_l("Enter an amount of 0 or more, such as 12.50.")),
        ],
    )
    requested_delivery_date = DateField(
        _l("Requested delivery date"),
        validators=[InputRequired(message=_l("Choose a date."))],
    )


class InternalNoteForm(FlaskForm):
    internal_note = TextAreaField(
        _l("Internal note"),
        validators=[Optional(), Length(max=NOTE_LENGTH)],
        description=_l("Seen by staff only."),
    )


class OrderDeskInterface(ScreenInterface):
    """The order screen's data interface: knows the desk's default order, new orders first."""

    def apply_order_by(self, query, order_column, order_direction, *args, **kwargs):
        if order_column != NEW_FIRST:
            return super().apply_order_by(query, order_column, order_direction, *args, **kwargs)
        model = self.obj
        return query.order_by(
            sa.case((model.status.in_(NEW), 0), else_=1),
            model.placed_at.desc(),
            model.id.desc(),
        )


def _shop_language() -> str:
    from app.mails import default_language

    return default_language(db.session)


def desk_action(method):
    """An action on one order: the edit permission (403), an order the user may see (404), then
    the rule; a refusal is flashed and changes nothing."""

    @functools.wraps(method)
    @requires("edit", VIEW_NAME)
    def wrapped(self, pk):
        order = self.visible_order(pk)
        try:
            done = method(self, order)
        except OrderDeskRefusal as refusal:
            db.session.rollback()
            for message in refusal.messages:
                flash(message, "danger")
        else:
            if done is not None:
                db.session.commit()
                flash(done, "success")
        return redirect(url_for(f"{self.endpoint}.show", pk=pk))

    return wrapped


class OrderDeskView(OrderDocuments, BackOfficeModelView):
    """The generated order screen, as the order desk works with it (model.yaml's base_view)."""

    show_template = "backoffice/order_show.html"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        datamodel = cls.__dict__.get("datamodel")
        if type(datamodel) is ScreenInterface:
            cls.datamodel = OrderDeskInterface(datamodel.obj)

    def __init__(self, *args, **kwargs):
        self.base_order = (NEW_FIRST, "asc")
        if self.edit_fieldsets:
            self.edit_fieldsets = [
                (label, {**spec, "fields": [f for f in spec["fields"] if f not in EDIT_LOCKED]})
                for label, spec in self.edit_fieldsets
            ]
        super().__init__(*args, **kwargs)

    def visible_order(self, pk) -> SalesOrder:
        order = self.datamodel.get(pk, self._base_filters)
        if order is None:
            abort(404)
        return order

    def render_template(self, template, **kwargs):
        if template == self.show_template and "pk" in kwargs:
            kwargs["desk"] = self._desk(kwargs["pk"])
        return super().render_template(template, **kwargs)

    def _desk(self, pk) -> dict:
        """What the order's page shows beyond its fields: lines, buttons and forms."""
        order = self.visible_order(pk)
        may_act = self.appbuilder.sm.has_access("can_edit", VIEW_NAME)
        terms = DeliveryTermsForm(
            formdata=None,
            shipping_fee=order.shipping_fee,
            requested_delivery_date=order.requested_delivery_date,
        )
        return {
            "order": order,
            "status": status_label(order.status),
            "lines": sorted(order.lines, key=lambda line: line.id),
            "budget_charges": budget_charges(order),
            "may_act": may_act,
            "transitions": [(s, ACTIONS[s]) for s in allowed_transitions(order.status)],
            "status_form": StatusForm(formdata=None),
            "terms_form": terms if may_edit_delivery_terms(order.status) else None,
            "note_form": InternalNoteForm(formdata=None, internal_note=order.internal_note),
        }

    @expose("/desk/status/<int:pk>", methods=["POST"])
    @desk_action
    def desk_status(self, order):
        form = StatusForm()
        if not form.validate_on_submit():
            raise OrderDeskRefusal(_("The form has expired: reload the page and try again."))
        change_status(
            db.session, order, form.status.data, author=g.user, shop_language=_shop_language()
        )
        return _(
            "Order %(number)s is now %(status)s.",
            number=order.number,
            status=in_sentence(status_label(order.status)),
        )

    @expose("/desk/terms/<int:pk>", methods=["POST"])
    @desk_action
    def desk_terms(self, order):
        form = DeliveryTermsForm()
        if not form.validate_on_submit():
            raise OrderDeskRefusal(_form_errors(form))
        edit_delivery_terms(
            db.session,
            order,
            form.shipping_fee.data,
            form.requested_delivery_date.data,
            author=g.user,
            today=datetime.date.today(),
            shop_language=_shop_language(),
        )
        return _(
            "The shipping fee and delivery date of order %(number)s are saved; its totals are "
            "worked out again.",
            number=order.number,
        )

    @expose("/desk/note/<int:pk>", methods=["POST"])
    @desk_action
    def desk_note(self, order):
        form = InternalNoteForm()
        if not form.validate_on_submit():
            raise OrderDeskRefusal(_form_errors(form))
        set_internal_note(
            db.session,
            order,
            form.internal_note.data,
            author=g.user,
            shop_language=_shop_language(),
        )
        return _("Internal note saved.")


def _form_errors(form) -> list[str]:
    """Each error of a form as "Field: message"; a missing or stale CSRF token says so."""
    messages = []
    for name, errors in form.errors.items():
        if name == "csrf_token":
            messages.append(_("The form has expired: reload the page and try again."))
            continue
        label = form[name].label.text
        messages.extend(f"{label}: {error}" for error in errors)
    return messages or [_("The form has expired: reload the page and try again.")]
