"""The complaints analysis as an A4 PDF for publication, printed from the same HTML by WeasyPrint
(page numbers and the organisation's name in the footer; the SVG charts included)."""

from __future__ import annotations


class PdfUnavailable(Exception):
    """Raised when WeasyPrint cannot run here (it needs the Pango libraries)."""


def to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: a missing system library (Pango)
        raise PdfUnavailable(f"PDF output needs WeasyPrint and Pango: {error}") from None
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
