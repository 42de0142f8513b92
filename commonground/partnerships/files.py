"""Checks on uploaded meeting papers: the type and the size, with messages for people."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_PAPER_BYTES = 20 * 1024 * 1024

# Extension to the content types browsers send for it.
ALLOWED_TYPES: dict[str, set[str]] = {
    ".pdf": {"application/pdf"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".odt": {"application/vnd.oasis.opendocument.text"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    ".csv": {"text/csv", "application/csv", "application/vnd.ms-excel", "text/plain"},
    ".txt": {"text/plain"},
}
# Files of these types start with these bytes; the others are plain text.
_SIGNATURES = {
    ".pdf": b"%PDF-",
    ".docx": b"PK\x03\x04",
    ".odt": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
}


def validate_paper(file: UploadedFile) -> None:
    """Raise ``ValidationError`` unless ``file`` is an allowed type of at most 20 MB."""
    suffix = PurePath(file.name or "").suffix.lower()
    if suffix not in ALLOWED_TYPES:
        raise ValidationError(
            _("The paper must be a PDF, DOCX, ODT, XLSX, CSV or TXT file."), code="file_type"
        )
    if file.size is None or file.size == 0:
        raise ValidationError(_("The selected file is empty."), code="empty")
    if file.size > MAX_PAPER_BYTES:
        raise ValidationError(_("The paper must be smaller than 20 MB."), code="file_size")
    content_type = (getattr(file, "content_type", None) or "").split(";")[0].strip()
    if content_type not in {"", "application/octet-stream", *ALLOWED_TYPES[suffix]}:
        raise ValidationError(
            _("The file’s contents do not match its name. Check it is a real %(type)s file.")
            % {"type": suffix[1:].upper()},
            code="file_type",
        )
    signature = _SIGNATURES.get(suffix)
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if signature is not None and not head.startswith(signature):
        raise ValidationError(
            _("The file’s contents do not match its name. Check it is a real %(type)s file.")
            % {"type": suffix[1:].upper()},
            code="file_type",
        )
    if signature is None and b"\x00" in head:
        raise ValidationError(
            _("The file’s contents do not match its name. Check it is a real %(type)s file.")
            % {"type": suffix[1:].upper()},
            code="file_type",
        )
