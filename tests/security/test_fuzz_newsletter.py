"""Arbitrary input against the newsletter: never a 500, nothing stored from an invalid
submission, and what is shown back is escaped."""

from urllib.parse import quote

import pytest
from django.core import mail
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MARKER = "<b>marqueur</b>"

emails = st.one_of(
    st.text(max_size=300),
    st.emails().map(lambda address: address + MARKER),
    st.sampled_from(["a@b.fr\r\nBcc: victime@example.org", "x" * 250 + "@ex.fr", "\x00@ex.fr", "é@ü.fr\n"]),
)
fields = st.fixed_dictionaries(
    {"email": emails},
    optional={
        "consent": st.sampled_from(["on", "", "1", "off", MARKER]),
        "page": st.text(max_size=400),
        "website": st.text(max_size=20),
        "junk": st.text(max_size=50),
    },
)


@FUZZ
@given(data=fields)
@override_settings(NEWSLETTER_RATE_LIMIT_PER_CLIENT=100_000)
def test_invalid_submissions_store_nothing_and_never_fail(client, data):
    Subscriber.objects.all().delete()
    mail.outbox.clear()
    response = client.post("/newsletter/", data)
    assert response.status_code in (302, 400, 429)
    assert MARKER not in response.content.decode()
    if response.status_code == 400:  # the form again, with its errors: nothing kept, nothing sent
        assert not Subscriber.objects.exists()
        assert not mail.outbox


@FUZZ
@given(raw=st.binary(max_size=300))
@override_settings(NEWSLETTER_RATE_LIMIT_PER_CLIENT=100_000)
def test_arbitrary_bytes_in_the_body_never_fail(client, raw):
    response = client.generic("POST", "/newsletter/", raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (302, 400, 429)


@FUZZ
@given(token=st.text(min_size=1, max_size=400))
@pytest.mark.parametrize("kind", ["confirmer", "desinscription", "reinscription"])
def test_any_link_token_gives_a_clear_page(client, kind, token):
    url = f"/newsletter/{kind}/{quote(token + MARKER, safe='')}/"
    for response in (client.get(url), client.post(url)):
        assert response.status_code in (200, 400, 404, 410)
        assert MARKER not in response.content.decode()
    assert not Subscriber.objects.exists()
