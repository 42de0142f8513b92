"""PDF reports: rendered from a template, text extractable, and no outside fetches."""

import io

import pypdf
from django.test import RequestFactory

from commonground.core.pdf import html_to_pdf, pdf_response, render_pdf


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_a_template_renders_to_a_pdf_whose_text_can_be_read() -> None:
    request = RequestFactory().get("/")
    pdf = render_pdf("core/pdf/base.html", {}, request)
    assert pdf.startswith(b"%PDF-")
    html = "<h1>Adroddiad blynyddol</h1><table><tr><td>Ŵyr</td><td>12</td></tr></table>"
    text = pdf_text(html_to_pdf(html))
    assert "Adroddiad blynyddol" in text
    assert "Ŵyr" in text


def test_no_address_other_than_a_static_file_is_fetched(tmp_path) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("h1::after { content: 'LEAKED'; }")
    html = (
        f'<link rel="stylesheet" href="file://{secret}">'
        '<img src="http://169.254.169.254/latest/meta-data/"><h1>Report</h1>'
    )
    text = pdf_text(html_to_pdf(html))
    assert "Report" in text
    assert "LEAKED" not in text


def test_the_download_is_named_and_typed() -> None:
    response = pdf_response(b"%PDF-1.7", "report.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="report.pdf"' in response["Content-Disposition"]
