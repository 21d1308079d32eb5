"""Public views: subscribe, confirm, unsubscribe.

CSRF. The signup form sits in the footer of every page. A `{% csrf_token %}` there
would set a CSRF cookie on every page view (and Vary: Cookie), which makes every
page uncacheable by a shared cache. So the two anonymous POST endpoints below are
csrf_exempt, with protections that fit what they do:

- subscribe: CSRF guards actions taken with the victim's session; subscribing uses
  no session and grants nothing. A forged submission can only ask for a confirmation
  email to some address, which anyone can do directly: the double opt-in means no
  one is subscribed without clicking the emailed link. Add a honeypot, rate limits
  per client and per address, and an Origin / Sec-Fetch-Site check that refuses
  posts a browser says come from another site.
- unsubscribe: RFC 8058 one-click requests come from mail clients with no cookie and
  no token; the signed link itself, only in the subscriber's mailbox, is the proof.
- confirm and resubscribe: the same, the signed link is the proof; another site cannot know it.

Link scanners. Mail gateways (common in schools and companies) open every link of an
email, with GET or HEAD: the links of our emails lead to a page whose button POSTs, and
GET and HEAD never change anything.
"""

from functools import wraps

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from newsletter import ratelimit, subscriptions, tokens
from newsletter.forms import ConsentForm, SubscribeForm
from newsletter.models import Subscriber
from occe_site.crosssite import is_cross_site

CROSS_SITE_MESSAGE = (
    "Cette demande semble venir d’un autre site. Pour vous inscrire, utilisez le formulaire ci-dessous."
)
RATE_LIMITED_MESSAGE = (
    "Trop de demandes ont été envoyées depuis votre connexion. Réessayez dans une dizaine de minutes."
)


def _private(view):
    """For answers that must not be cached or indexed, or leak a link's token onwards."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex"
        return response

    return wrapper


def _form_page(request, form, *, status=200, notice=""):
    return TemplateResponse(
        request,
        "newsletter/subscribe.html",
        {"newsletter_form": form, "newsletter_in_page": True, "notice": notice},
        status=status,
    )


@csrf_exempt  # see the module docstring
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        return _form_page(request, SubscribeForm(initial={"page": request.path}))
    return _subscribe_post(request)


@_private
def _subscribe_post(request):
    form = SubscribeForm(request.POST)
    if is_cross_site(request):
        return _form_page(request, form, status=403, notice=CROSS_SITE_MESSAGE)
    if not ratelimit.allow_client(request):
        return _rate_limited(_form_page(request, form, status=429, notice=RATE_LIMITED_MESSAGE))
    if form.is_bot:
        return redirect("newsletter:thanks")
    if not form.is_valid():
        return _form_page(request, form, status=400)
    subscriptions.request_subscription(
        form.cleaned_data["email"],
        consent_page=form.cleaned_data["page"],
        base_url=request.build_absolute_uri("/"),
    )
    return redirect("newsletter:thanks")


def _rate_limited(response):
    response.headers["Retry-After"] = str(ratelimit.WINDOW)
    return response


@require_safe
def thanks(request):
    return TemplateResponse(request, "newsletter/thanks.html")


def _link_invalid(request):
    return TemplateResponse(
        request,
        "newsletter/link_invalid.html",
        {
            "newsletter_form": SubscribeForm(initial={"page": reverse("newsletter:subscribe")}),
            "newsletter_in_page": True,
        },
        status=400,
    )


@csrf_exempt  # see the module docstring
@require_http_methods(["GET", "HEAD", "POST"])
@_private
def confirm(request, token):
    subscriber = tokens.subscriber_to_confirm(token)
    if subscriber is None:
        return _link_invalid(request)
    if request.method != "POST":
        return TemplateResponse(request, "newsletter/confirm.html")
    subscriber.confirm()
    return TemplateResponse(request, "newsletter/confirmed.html")


def _unsubscribed_page(request, token, form=None):
    return TemplateResponse(
        request,
        "newsletter/unsubscribed.html",
        {
            "form": form or ConsentForm(),
            "resubscribe_url": reverse("newsletter:resubscribe", args=[token]),
            "newsletter_in_page": True,
        },
    )


@csrf_exempt  # see the module docstring
@require_http_methods(["GET", "HEAD", "POST"])
@_private
def unsubscribe(request, token):
    key = tokens.unsubscribe_key(token)
    if key is None:
        return _link_invalid(request)
    # Idempotent: an address already unsubscribed, or erased, gets the same answer.
    subscriber = Subscriber.objects.filter(key=key).first()
    if request.method != "POST":
        if subscriber is not None and subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            return _unsubscribed_page(request, token)  # where asking again is offered
        return TemplateResponse(request, "newsletter/unsubscribe.html")
    if subscriber is not None:
        subscriber.unsubscribe()
    return _unsubscribed_page(request, token)


@csrf_exempt  # see the module docstring
@require_http_methods(["GET", "HEAD", "POST"])
@_private
def resubscribe(request, token):
    """An unsubscribed address asks again, from the unsubscribe link of one of our emails: the
    only way to lift an unsubscription, which the signup form respects. A confirmation email
    follows, as for any signup."""
    key = tokens.unsubscribe_key(token)
    subscriber = Subscriber.objects.filter(key=key).first() if key else None
    if subscriber is None:
        return _link_invalid(request)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "resubscribe_url": request.path, "newsletter_in_page": True}
    if request.method != "POST":
        return TemplateResponse(request, "newsletter/resubscribe.html", context)
    if not ratelimit.allow_client(request):
        context["notice"] = RATE_LIMITED_MESSAGE
        return _rate_limited(TemplateResponse(request, "newsletter/resubscribe.html", context, status=429))
    if not form.is_valid():
        return TemplateResponse(request, "newsletter/resubscribe.html", context, status=400)
    subscriptions.request_subscription(
        subscriber.email,
        consent_page=request.path.removesuffix(f"{token}/"),  # the page, not the link's token
        base_url=request.build_absolute_uri("/"),
        lift_opt_out=True,
    )
    return redirect("newsletter:thanks")
