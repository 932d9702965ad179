"""Reading printouts back in tests: the text a PDF viewer would extract, page by page."""

from __future__ import annotations

import pypdfium2


def pdf_pages(data: bytes) -> list[str]:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))
