"""Properties of the pure helpers: overlap detection and upload inspection."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from volunteers.errors import DocumentRejected
from volunteers.models import PriorMission
from volunteers.selectors import overlapping_prior_mission_ids
from volunteers.uploads import DOCUMENT_TYPES, inspect_upload

from .factories import image_bytes, pdf_bytes

spans = st.tuples(st.integers(0, 400), st.integers(0, 120))


@given(st.lists(spans, max_size=8))
def test_overlapping_ids_are_exactly_the_missions_sharing_a_day(raw):
    base = date(2015, 1, 1)
    missions = [
        PriorMission(
            pk=index + 1,
            start_on=base + timedelta(days=offset),
            end_on=base + timedelta(days=offset + length),
        )
        for index, (offset, length) in enumerate(raw)
    ]
    expected = {
        a.pk
        for a in missions
        for b in missions
        if a.pk != b.pk and a.start_on <= b.end_on and b.start_on <= a.end_on
    }
    assert overlapping_prior_mission_ids(missions) == expected


prefixes = st.sampled_from([b"", b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"MZ"])
names = st.sampled_from(["cv.pdf", "cv.PDF", "a.jpg", "a.jpeg", "b.png", "x.exe", "cv", ".pdf"])


@settings(max_examples=200, deadline=None)
@given(prefix=prefixes, body=st.binary(max_size=300), name=names)
def test_inspection_accepts_or_refuses_but_never_crashes(prefix, body, name):
    upload = SimpleUploadedFile(name, prefix + body)
    try:
        detected, kept_name = inspect_upload(upload)
    except DocumentRejected as error:
        assert str(error.message)
    else:
        assert (prefix + body).startswith(detected.magic)
        assert kept_name == name
        assert detected in DOCUMENT_TYPES


@given(name=st.text(min_size=1, max_size=60))
def test_kept_name_never_has_a_folder(name):
    upload = SimpleUploadedFile("x.pdf", pdf_bytes())
    upload.name = f"../../{name}/evil\\..\\cv.pdf"
    _detected, kept = inspect_upload(upload)
    assert "/" not in kept and "\\" not in kept
    assert kept.isprintable()


def test_real_images_pass_pillow_verification():
    for image_format, name in (("PNG", "a.png"), ("JPEG", "a.jpg")):
        detected, _ = inspect_upload(SimpleUploadedFile(name, image_bytes(image_format)))
        assert detected.pillow_format == image_format
