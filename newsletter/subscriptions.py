"""What happens when someone asks for the newsletter."""

from newsletter import emails, ratelimit
from newsletter.models import Subscriber
from newsletter.tasks import send_subscription_email


def request_subscription(email: str, consent_page: str, base_url: str) -> None:
    """Record the request and email the address, whatever its state.

    New, pending and unsubscribed addresses get a confirmation link; a confirmed one
    is told it already is subscribed. The caller answers the same in every case, so
    the form never reveals whether an address is known; and one address gets at most
    one email per 10 minutes, however often it is submitted.
    """
    if not ratelimit.allow_email(email):
        return
    subscriber = Subscriber.objects.record_request(email, consent_page)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        kind = emails.ALREADY_SUBSCRIBED
    else:
        kind = emails.CONFIRM
    send_subscription_email.enqueue(subscriber.pk, kind, base_url)
