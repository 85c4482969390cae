"""Documents the portal and the back office hand out as files: the order confirmation PDF.

They are presentation, like a template: they lay out what app/domain decided (an order as it
was placed, its totals, who may see it) and compute nothing of their own.
"""

from __future__ import annotations

import re

from flask import Response

_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def pdf_download(body: bytes, filename: str) -> Response:
    """`body` as a PDF file to save, kept out of shared caches (it holds a customer's data)."""
    safe = _UNSAFE_IN_FILENAME.sub("-", filename).strip("-") or "document.pdf"
    return Response(
        body,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{safe}"',
            "Cache-Control": "private, no-store",
        },
    )
