from django.http import JsonResponse
from django.views.decorators.http import require_safe

from operations.health import CHECKS, run_checks


@require_safe
def health(request):
    """/sante/: JSON, 200 when every check passes, 503 otherwise; never cached.

    `?checks=database,cache` runs only those: Varnish's probe asks for what an app server needs
    to answer (deploy/varnish/), so that a late task queue is reported without taking the app
    servers out of the pool. Unknown names are ignored; none left means all.
    """
    asked = [name for name in request.GET.get("checks", "").split(",") if name in CHECKS]
    results = run_checks(asked or CHECKS)
    healthy = all(result["ok"] for result in results.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "erreur", "checks": results}, status=200 if healthy else 503
    )
    response["Cache-Control"] = "private, no-store"
    return response
