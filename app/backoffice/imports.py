"""The imports screen: upload a file, see how its columns are understood and its first rows,
confirm, follow the run, read what it changed or why it was refused; templates and exports.

Who may import a kind is the kind's business (`ImportKind.permissions`, permissions of the
generated screens, so model.yaml stays the one place saying who may change articles or
customers); the screen checks them on every page of a run. The list of runs shows the kinds the
user may import. The run's record (`import_run`) has its generated list and show screens,
read-only (`ImportRunAdminView`), whose list links here.
"""

from __future__ import annotations

import contextlib
import os
import tempfile

import sqlalchemy as sa
from flask import (
    abort,
    after_this_request,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    request,
    send_file,
    url_for,
)
from flask_appbuilder import BaseView
from flask_appbuilder.views import expose
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField

from app.backoffice.views import BackOfficeModelView
from app.domain.imports.exporting import export_kind, write_template
from app.domain.imports.files import CSV, FORMATS, XLSX, FileRefused, recognise, write_table
from app.domain.imports.kinds import ImportKind, all_kinds, kind_named
from app.domain.imports.running import preview
from app.extensions import db
from app.generated.models import ImportRun
from app.jobs import import_progress, imports

MIME = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv",
}
RUNS_LISTED = 50


class ImportRunAdminView(BackOfficeModelView):
    """The generated list of runs: read only (runs are written by the imports screen), and
    exported as a log of who imported what."""

    base_permissions = ["can_list", "can_show", "can_export"]
    list_template = "backoffice/import_run_list.html"


class UploadForm(FlaskForm):
    kind = SelectField(_l("What the file holds"))
    file = FileField(
        _l("File (.xlsx or .csv)"), validators=[FileRequired(_l("Choose a file to import."))]
    )
    dry_run = BooleanField(_l("Check only, change nothing"))


class ConfirmForm(FlaskForm):
    """Only the CSRF token: confirming or cancelling a previewed run."""


def may(kind: ImportKind, permissions=None) -> bool:
    """Whether the user holds every permission importing (or exporting) `kind` needs."""
    sm = current_app.appbuilder.sm
    return all(sm.has_access(p, view) for p, view in (permissions or kind.permissions))


def importable_kinds() -> list[ImportKind]:
    return [kind for kind in all_kinds() if may(kind)]


def exportable_kinds() -> list[ImportKind]:
    return [kind for kind in all_kinds() if may(kind, kind.export_permissions)]


class ImportsView(BaseView):
    route_base = "/imports"
    default_view = "index"

    def _signed_in(self):
        if not current_user.is_authenticated:
            return redirect(
                url_for(self.appbuilder.sm.auth_view.endpoint + ".login", next=request.url)
            )
        return None

    def _run_or_404(self, pk: int) -> tuple[ImportRun, ImportKind]:
        run = db.session.get(ImportRun, pk)
        kind = kind_named(run.kind) if run is not None else None
        if run is None or kind is None:
            abort(404)
        if not may(kind):
            abort(403)
        if run.user_id != current_user.id and not kind.sees_every_row(current_user):
            # Another sales representative's customer file holds customers this one may not see.
            abort(404)
        return run, kind

    @expose("/", methods=["GET", "POST"])
    def index(self):
        if (login := self._signed_in()) is not None:
            return login
        kinds = importable_kinds()
        exports = exportable_kinds()
        if not kinds and not exports:
            abort(403)
        form = UploadForm()
        form.kind.choices = [(kind.name, str(kind.label)) for kind in kinds]
        if request.method == "POST":
            if not kinds:
                abort(403)
            if form.validate_on_submit():
                kind = kind_named(form.kind.data)
                upload = form.file.data
                try:
                    run = imports.new_run(
                        db.session,
                        kind,
                        upload.stream,
                        upload.filename or "file",
                        user_id=current_user.id,
                        language=str(get_locale() or "en"),
                        dry_run=form.dry_run.data,
                    )
                except FileRefused as refusal:
                    db.session.rollback()
                    form.file.errors = [*form.file.errors, str(refusal)]
                else:
                    db.session.commit()
                    return redirect(url_for(".preview_run", pk=run.id))
        everyone_s = [kind.name for kind in kinds if kind.sees_every_row(current_user)]
        own = [kind.name for kind in kinds if kind.name not in everyone_s]
        names = everyone_s + own
        runs = (
            db.session.scalars(
                sa.select(ImportRun)
                .where(
                    sa.or_(
                        ImportRun.kind.in_(everyone_s),
                        sa.and_(ImportRun.kind.in_(own), ImportRun.user_id == current_user.id),
                    ),
                    ImportRun.status != imports.DRAFT,
                )
                .order_by(ImportRun.created_at.desc(), ImportRun.id.desc())
                .limit(RUNS_LISTED)
            ).all()
            if names
            else []
        )
        return self.render_template(
            "backoffice/imports.html",
            title=_("Imports and exports"),
            form=form,
            kinds=kinds,
            exports=exports,
            runs=runs,
            labels={kind.name: kind.label for kind in all_kinds()},
            statuses=dict(ImportRun.STATUS_CHOICES),
        ), (400 if form.errors else 200)

    @expose("/<int:pk>/preview")
    def preview_run(self, pk: int):
        if (login := self._signed_in()) is not None:
            return login
        run, kind = self._run_or_404(pk)
        if run.status != imports.DRAFT:
            return redirect(url_for(".show_run", pk=pk))
        path = imports.run_file_path(run)
        try:
            shown = preview(path, recognise(path), kind)
        except FileRefused as refusal:
            flash(str(refusal), "danger")
            return redirect(url_for(".index"))
        return self.render_template(
            "backoffice/import_preview.html",
            title=_("Check the columns before importing"),
            run=run,
            kind=kind,
            shown=shown,
            form=ConfirmForm(),
        )

    def _posted_draft(self, pk: int):
        """The run a confirm or cancel form was posted for (its CSRF token checked), or the
        login page's redirect for a visitor."""
        if (login := self._signed_in()) is not None:
            return login
        run, _kind = self._run_or_404(pk)
        if not ConfirmForm().validate_on_submit():
            abort(400)
        return run

    @expose("/<int:pk>/confirm", methods=["POST"])
    def confirm_run(self, pk: int):
        run = self._posted_draft(pk)
        if not isinstance(run, ImportRun):
            return run  # the login page
        if run.status == imports.DRAFT:
            imports.confirm(db.session, run)
            db.session.commit()  # and the job is handed over
        return redirect(url_for(".show_run", pk=pk))

    @expose("/<int:pk>/cancel", methods=["POST"])
    def cancel_run(self, pk: int):
        run = self._posted_draft(pk)
        if not isinstance(run, ImportRun):
            return run  # the login page
        if run.status == imports.DRAFT:
            path = imports.run_file_path(run)
            db.session.delete(run)
            db.session.commit()
            if os.path.exists(path):
                os.unlink(path)
            flash(_("The import was cancelled; nothing changed."), "info")
        return redirect(url_for(".index"))

    @expose("/<int:pk>")
    def show_run(self, pk: int):
        if (login := self._signed_in()) is not None:
            return login
        run, kind = self._run_or_404(pk)
        if run.status == imports.DRAFT:
            return redirect(url_for(".preview_run", pk=pk))
        return self.render_template(
            "backoffice/import_run.html",
            title=_("Import of %(file)s", file=run.file_name),
            run=run,
            kind=kind,
            statuses=dict(ImportRun.STATUS_CHOICES),
            finished=run.status in imports.FINISHED,
            progress=import_progress.progress_of(run.id),
            interrupted=imports.INTERRUPTED,
        )

    @expose("/<int:pk>/progress.json")
    def run_progress(self, pk: int):
        if (login := self._signed_in()) is not None:
            return login
        run, _kind = self._run_or_404(pk)
        return jsonify(
            status=run.status,
            finished=run.status in imports.FINISHED,
            progress=import_progress.progress_of(run.id),
        )

    @expose("/<int:pk>/errors.<fmt>")
    def run_errors(self, pk: int, fmt: str):
        if (login := self._signed_in()) is not None:
            return login
        run, _kind = self._run_or_404(pk)
        path = imports.error_file_path(run)
        if fmt not in FORMATS or not os.path.exists(path):
            abort(404)
        name = f"{os.path.splitext(run.file_name)[0]}-errors.{fmt}"
        if fmt == CSV:
            return send_file(path, mimetype=MIME[CSV], as_attachment=True, download_name=name)
        from app.domain.imports.files import TableFile, read_rows

        rows = read_rows(path, TableFile(CSV, "utf-8-sig", ","))
        _number, header = next(rows)
        return self._sent_table(
            name,
            XLSX,
            lambda target: write_table(
                target, XLSX, header, ([int(c[0]), *c[1:]] for _n, c in rows)
            ),
        )

    @expose("/template/<kind_name>.<fmt>")
    def template(self, kind_name: str, fmt: str):
        if (login := self._signed_in()) is not None:
            return login
        kind = kind_named(kind_name)
        if kind is None or fmt not in FORMATS:
            abort(404)
        if not may(kind):
            abort(403)
        return self._sent_table(
            f"{kind.name}-template.{fmt}", fmt, lambda t: write_template(kind, t, fmt)
        )

    @expose("/export/<kind_name>.<fmt>")
    def export(self, kind_name: str, fmt: str):
        if (login := self._signed_in()) is not None:
            return login
        kind = kind_named(kind_name)
        if kind is None or fmt not in FORMATS:
            abort(404)
        if not may(kind, kind.export_permissions):
            abort(403)

        def write(target):
            with db.engine.connect() as connection:
                export_kind(connection, kind, target, fmt, user=g.user)

        return self._sent_table(f"{kind.name}.{fmt}", fmt, write)

    def _sent_table(self, name: str, fmt: str, write):
        """Write to a temporary file (xlsx needs a seekable file), send it, then remove it."""
        handle, path = tempfile.mkstemp(suffix=f".{fmt}")
        os.close(handle)
        write(path)

        @after_this_request
        def remove(response):
            with contextlib.suppress(OSError):
                os.unlink(path)
            return response

        return send_file(path, mimetype=MIME[fmt], as_attachment=True, download_name=name)
