"""Where the contact form posts: /contact/<page id>/envoyer/.

The contact page itself is served by Wagtail, cacheable by a shared cache like every public
page: its form carries no CSRF token, which would set a cookie (httpcache/policy.py). So the
form posts here, a csrf_exempt view, as the newsletter's signup does (newsletter/views.py):
forging a post from another site would only send the site a message, which anyone can do
directly. What stands instead: the browser's word that the post comes from another site (403),
a limit of messages per client (429), a honeypot, a cap on the number of fields (400), and the
form's own checks (a message beside each wrong field, 400). Every answer is private (a POST).
"""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from contact.models import ContactPage
from occe_site import clients, ratelimit
from occe_site.crosssite import is_cross_site

RATE_LIMIT_WINDOW = 60 * 60  # seconds
# A contact form has a dozen fields: a post with many more is not a visitor's.
MAX_FIELDS = 100

CROSS_SITE_MESSAGE = "Ce message semble venir d’un autre site. Écrivez-nous avec le formulaire ci-dessous."
RATE_LIMITED_MESSAGE = (
    "Trop de messages ont été envoyés depuis votre connexion. Réessayez dans une heure, "
    "ou écrivez-nous directement par courriel."
)


@csrf_exempt  # see the module docstring
@require_POST
def submit(request, page_id):
    page = get_object_or_404(ContactPage.objects.live().public(), pk=page_id)
    if sum(len(values) for _name, values in request.POST.lists()) > MAX_FIELDS:
        return HttpResponseBadRequest(
            "Trop de champs dans le formulaire.", content_type="text/plain; charset=utf-8"
        )
    form = page.get_form(request.POST, page=page, user=request.user)
    if is_cross_site(request):
        return _form_again(request, page, form, status=403, notice=CROSS_SITE_MESSAGE)
    if not ratelimit.hit(
        "contact:client",
        clients.client_key(request) or "unknown",
        limit=settings.CONTACT_RATE_LIMIT_PER_CLIENT,
        window=RATE_LIMIT_WINDOW,
    ):
        response = _form_again(request, page, form, status=429, notice=RATE_LIMITED_MESSAGE)
        response["Retry-After"] = str(RATE_LIMIT_WINDOW)
        return response
    if form.is_bot:
        return page.render_landing_page(request)  # thanked; nothing kept, nothing sent
    return page.serve(request)


def _form_again(request, page, form, *, status, notice):
    context = page.get_context(request)
    context.update(form=form, notice=notice)
    return TemplateResponse(request, page.get_template(request), context, status=status)
