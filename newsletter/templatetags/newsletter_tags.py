from django import template

from newsletter.forms import SubscribeForm

register = template.Library()


@register.simple_tag(takes_context=True)
def newsletter_signup_form(context):
    """A blank signup form for the footer; no database query, no CSRF cookie."""
    request = context.get("request")
    return SubscribeForm(auto_id="footer-newsletter-%s", initial={"page": request.path if request else ""})
