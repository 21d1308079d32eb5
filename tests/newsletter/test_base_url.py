"""The links of a newsletter email are built on WAGTAILADMIN_BASE_URL, whatever Host header
the request that asked for it carried (issue 14, point 10)."""

import pytest
from django.core import mail

from tests.newsletter.conftest import CONFIRM_LINK, UNSUBSCRIBE_LINK, signup_data

pytestmark = pytest.mark.django_db


def test_a_confirmation_email_links_to_the_configured_address(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAILADMIN_BASE_URL = "https://www.occe.coop"
    response = client.post("/newsletter/", signup_data(), HTTP_HOST="evil.example")
    assert response.status_code == 302
    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert "evil.example" not in message.body + html + message.extra_headers["List-Unsubscribe"]
    assert (
        CONFIRM_LINK.search(message.body).group(0).startswith("https://www.occe.coop/newsletter/confirmer/")
    )
    assert UNSUBSCRIBE_LINK.search(message.body).group(0).startswith("https://www.occe.coop/newsletter/")
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://www.occe.coop/newsletter/")
