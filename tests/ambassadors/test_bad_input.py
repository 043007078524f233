"""Ambassadors' bad input: a receipt whose header claims 30000x30000 pixels, and notes of a
megabyte, get a clear message in a moment and save nothing."""

import struct
import time
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ambassadors.models import Claim, OutreachLog
from ambassadors.notes_check import personal_detail_kinds
from tests.ambassadors.test_claims import claim_data
from tests.ambassadors.test_outreach import log_data

pytestmark = pytest.mark.django_db


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A few bytes of PNG whose header claims a huge picture (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def test_a_receipt_claiming_30000_by_30000_pixels_is_refused_clearly(ambassador_client):
    upload = SimpleUploadedFile("receipt.png", png_claiming(30000, 30000), "image/png")

    response = ambassador_client.post(reverse("ambassadors:claim_create"), claim_data(upload))

    assert response.status_code in (200, 400)
    assert "The photo has too many pixels to be a receipt" in response.content.decode()
    assert Claim.objects.count() == 0


def _seconds_to_check(notes: str) -> float:
    started = time.perf_counter()
    personal_detail_kinds(notes)
    return time.perf_counter() - started


@pytest.mark.parametrize("unit", ["a", "word.", "x@", "0 "])
def test_the_notes_check_takes_time_in_proportion_to_the_notes(unit):
    """Ten times the text takes about ten times as long (the old e-mail pattern took a
    hundred times as long: 40 KB took 8-10 seconds). Measured against itself, so a busy
    machine does not make it flaky."""
    small = _seconds_to_check(unit * (100_000 // len(unit)))
    large = _seconds_to_check(unit * (1_000_000 // len(unit)))
    assert large < 5.0
    assert large / max(small, 1e-3) < 30


def test_notes_over_the_limit_get_a_clear_message_and_save_nothing(ambassador_client):
    response = ambassador_client.post(
        reverse("ambassadors:log_create"), log_data(what_we_heard="Worried about the park. " * 400)
    )
    assert "at most 5000 characters" in response.content.decode()
    assert OutreachLog.objects.count() == 0
