"""Arbitrary input against the contact form: never a 500, nothing kept or sent from an invalid
message, and what is shown back is escaped."""

import pytest
from django.core import mail
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contact.models import ContactSubmission

from .conftest import submit_url

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MARKER = "<b>marqueur</b>"

texts = st.one_of(
    st.text(max_size=300),
    st.text(max_size=50).map(lambda text: text + MARKER),
    st.sampled_from(["a@b.fr\r\nBcc: victime@example.org", "\x00", "https://spam.example/ " * 3, "é" * 6000]),
)
fields = st.fixed_dictionaries(
    {"nom": texts, "courriel": texts, "message": texts},
    optional={
        "sujet": st.one_of(st.sampled_from(["Adhésion", "Presse", ""]), texts),
        "website": st.text(max_size=20),
        "junk": st.text(max_size=50),
    },
)


@FUZZ
@given(data=fields)
@override_settings(CONTACT_RATE_LIMIT_PER_CLIENT=100_000)
def test_invalid_messages_keep_nothing_and_never_fail(client, contact_page, data):
    ContactSubmission.objects.all().delete()
    mail.outbox.clear()
    response = client.post(submit_url(contact_page), data)
    assert response.status_code in (200, 400)
    assert MARKER not in response.content.decode()
    if response.status_code == 400:  # the form again, with its errors: nothing kept, nothing sent
        assert not ContactSubmission.objects.exists()
        assert not mail.outbox


@FUZZ
@given(raw=st.binary(max_size=300))
@override_settings(CONTACT_RATE_LIMIT_PER_CLIENT=100_000)
def test_arbitrary_bytes_in_the_body_never_fail(client, contact_page, raw):
    response = client.generic(
        "POST", submit_url(contact_page), raw, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 400)
