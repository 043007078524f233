"""Check an uploaded receipt really is an image or a PDF, and not too big.

WHY not trust the file name or the browser's content type: both are chosen by the uploader. An
image is opened and verified with Pillow; a PDF must start with the PDF header and end with
its end-of-file marker. Anything else (a script renamed to .jpg, say) is refused.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
# Bigger than any phone camera's photo. A file's header can claim any size (30000x30000
# pixels in a few kilobytes), so the claim is checked before anything is decoded.
MAX_RECEIPT_PIXELS = 60_000_000
ALLOWED_EXTENSIONS = {"jpg", "jpeg", "png", "webp", "pdf"}


def validate_receipt(upload: UploadedFile) -> None:
    """Raise ValidationError unless the upload is a genuine image or PDF within the size limit."""
    limit = settings.AMBASSADORS_RECEIPT_MAX_BYTES
    if (upload.size or 0) > limit:
        raise ValidationError(f"The receipt must be smaller than {filesizeformat(limit)}.")
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError("The receipt must be a photo (JPG, PNG or WEBP) or a PDF.")
    if extension != "pdf":
        _refuse_oversized_image(upload)
    valid = _is_pdf(upload) if extension == "pdf" else _is_image(upload)
    upload.seek(0)
    if not valid:
        raise ValidationError(
            "The receipt could not be read as a photo or PDF. Take a new photo or save it as a PDF."
        )


def _refuse_oversized_image(upload: UploadedFile) -> None:
    """Read only the header's claimed size; refuse what no real receipt photo would be."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        width, height = MAX_RECEIPT_PIXELS, 2  # Pillow itself refused to open it
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return  # not an image at all: _is_image says so
    finally:
        upload.seek(0)
    if width * height > MAX_RECEIPT_PIXELS:
        raise ValidationError(
            "The photo has too many pixels to be a receipt. Take a new photo, or send a "
            "smaller copy or a PDF."
        )


def _is_image(upload: UploadedFile) -> bool:
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
            return image.format in IMAGE_FORMATS
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False


def _is_pdf(upload: UploadedFile) -> bool:
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max((upload.size or 0) - 1024, 0))
    tail = upload.read()
    return head.startswith(b"%PDF-") and b"%%EOF" in tail
