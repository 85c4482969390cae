"""The portal's forms. Flask-WTF: every one carries a CSRF token; every label is translated."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.backoffice.inputs import PHONE, country_input, language_input
from app.domain.passwords import password_problem

EMAIL = [
    DataRequired(),
    Email(message=_l("Enter an email address such as name@company.com.")),
    Length(max=254),
]
REQUIRED_NAME = [DataRequired(), Length(max=80)]
ROLE_CHOICES = [("administrator", _l("Administrator")), ("buyer", _l("Buyer"))]


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=EMAIL)
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    next = HiddenField()


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email"), validators=EMAIL)


class StrongPassword:
    """The password rules of app.domain.passwords, with the message listing what is missing."""

    def __init__(self, email_field: str | None = None):
        self.email_field = email_field

    def __call__(self, form, field):
        email = ""
        if self.email_field:
            email = form[self.email_field].data or ""
        elif getattr(form, "account_email", None):
            email = form.account_email
        problem = password_problem(field.data or "", email)
        if problem:
            raise ValidationError(problem)


class SetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), StrongPassword()])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )

    def __init__(self, *args, account_email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.account_email = account_email


class _ApplicantForm(FlaskForm):
    company_name = StringField(_l("Company name"), validators=[DataRequired(), Length(max=200)])
    country = country_input(_l("Country"), required=True)
    first_name = StringField(_l("First name"), validators=REQUIRED_NAME)
    last_name = StringField(_l("Last name"), validators=REQUIRED_NAME)
    email = EmailField(_l("Email"), validators=EMAIL)
    phone = StringField(_l("Phone"), validators=[Optional(), PHONE])
    language = language_input(_l("Language"), required=True)


class RegistrationForm(_ApplicantForm):
    vat_number = StringField(_l("VAT number"), validators=[DataRequired(), Length(max=32)])
    chamber_of_commerce = StringField(
        _l("Chamber of commerce number"), validators=[Optional(), Length(max=40)]
    )
    department = StringField(_l("Department"), validators=[Optional(), Length(max=100)])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), StrongPassword(email_field="email")]
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )


class AccessRequestForm(_ApplicantForm):
    vat_number = StringField(_l("VAT number"), validators=[Optional(), Length(max=32)])
    message = TextAreaField(_l("Message"), validators=[Optional(), Length(max=2000)])


class CompanyUserForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=REQUIRED_NAME)
    last_name = StringField(_l("Last name"), validators=REQUIRED_NAME)
    email = EmailField(_l("Email"), validators=EMAIL)
    company_role = SelectField(_l("Role"), choices=ROLE_CHOICES, validators=[DataRequired()])
    may_order = BooleanField(_l("May order"), default=True)
    may_see_prices = BooleanField(_l("May see prices"), default=True)
    may_manage_addresses = BooleanField(_l("May manage addresses"))
    order_limit = DecimalField(
        _l("Order amount limit"),
        places=2,
        validators=[Optional(), NumberRange(min=0)],
        description=_l("Orders above this amount, before VAT, are refused. Empty means no limit."),
    )


class CompanyUserEditForm(CompanyUserForm):
    """Name and email belong to the person: an administrator changes the role and permissions."""

    first_name = None
    last_name = None
    email = None


ADDRESS_KINDS = [
    ("both", _l("Shipping and billing")),
    ("shipping", _l("Shipping")),
    ("billing", _l("Billing")),
]


class AddressForm(FlaskForm):
    kind = SelectField(_l("Use"), choices=ADDRESS_KINDS, validators=[DataRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    line1 = StringField(_l("Street and number"), validators=[DataRequired(), Length(max=200)])
    line2 = StringField(_l("Address line 2"), validators=[Optional(), Length(max=200)])
    postcode = StringField(_l("Postcode"), validators=[DataRequired(), Length(max=20)])
    city = StringField(_l("City"), validators=[DataRequired(), Length(max=100)])
    country = country_input(_l("Country"), required=True)
    phone = StringField(_l("Phone"), validators=[Optional(), PHONE])
    default_shipping = BooleanField(_l("Default shipping address"))
    default_billing = BooleanField(_l("Default billing address"))


class SwitchForm(FlaskForm):
    customer_id = HiddenField(validators=[DataRequired()])


class ConfirmForm(FlaskForm):
    """A button that changes something: a POST with its CSRF token and nothing else."""


class LanguageForm(FlaskForm):
    language = StringField(validators=[DataRequired()])


# ------------------------------------------------------------------ ordering

QUANTITY = [
    InputRequired(message=_l("Enter a quantity.")),
    NumberRange(min=1, max=99999, message=_l("Enter a quantity from 1 to 99,999.")),
]
LINE_REFERENCE = [Optional(), Length(max=60)]


class AddToCartForm(FlaskForm):
    """One article into the cart, with the way the customer splits its orders (line reference,
    library budget, library relation). The budget and relation choices are the customer's own,
    filled in by the view."""

    article_id = HiddenField(validators=[DataRequired()])
    quantity = IntegerField(_l("Quantity"), default=1, validators=QUANTITY)
    line_reference = StringField(_l("Line reference"), validators=LINE_REFERENCE)
    budget_code = SelectField(_l("Budget"), choices=[], validators=[Optional()])
    library_relation_code = SelectField(_l("Library"), choices=[], validators=[Optional()])
    personalisation = StringField(_l("Personalisation"), validators=[Optional(), Length(max=500)])
    next = HiddenField()


class CartLineForm(FlaskForm):
    quantity = IntegerField(_l("Quantity"), validators=QUANTITY)
    line_reference = StringField(_l("Line reference"), validators=LINE_REFERENCE)


class TemplateForm(FlaskForm):
    name = StringField(_l("Template name"), validators=[DataRequired(), Length(max=120)])


class CheckoutForm(FlaskForm):
    """The choices of a checkout. `checkout_key` is made when the form is shown, so the same
    form sent twice (a double click, a retried request) places one order."""

    shipping_address = SelectField(_l("Shipping address"), coerce=int, validators=[DataRequired()])
    billing_address = SelectField(_l("Billing address"), coerce=int, validators=[DataRequired()])
    delivery_date = SelectField(_l("Requested delivery date"), validators=[DataRequired()])
    reference = StringField(_l("Order reference"), validators=[Optional(), Length(max=60)])
    cost_centre = StringField(_l("Cost centre"), validators=[Optional(), Length(max=60)])
    payment_method = SelectField(_l("Payment method"), validators=[DataRequired()])
    note = TextAreaField(_l("Note for the seller"), validators=[Optional(), Length(max=2000)])
    checkout_key = HiddenField(validators=[DataRequired(), Length(min=16, max=64)])


class SupportRequestForm(FlaskForm):
    subject = StringField(
        _l("Subject"),
        validators=[
            DataRequired(message=_l("Say in a few words what your request is about.")),
            Length(max=200),
        ],
    )
    message = TextAreaField(
        _l("Message"),
        validators=[
            DataRequired(message=_l("Write your question or request.")),
            Length(max=10000),
        ],
    )
