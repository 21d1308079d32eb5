"""The admin dashboard panel: subscribers per status and signups per week, as SVG."""

from django.utils import formats
from laces.components import Component

from newsletter.models import Subscriber

WEEKS = 26  # six months
CHART_WIDTH = 640
CHART_HEIGHT = 160
BAR_GAP = 4
LABEL_SPACE = 20  # below the bars, for the month names


def weekly_bars(weeks: list, width=CHART_WIDTH, height=CHART_HEIGHT) -> dict:
    """Geometry of a bar chart of (monday, count), computed here so the template
    only writes SVG elements: no script, no external library, no inline style."""
    peak = max((count for _, count in weeks), default=0) or 1
    slot = width / len(weeks)
    bars, months = [], []
    for index, (monday, count) in enumerate(weeks):
        bar_height = round(count / peak * (height - 10), 1)
        x = round(index * slot + BAR_GAP / 2, 1)
        bars.append(
            {
                "x": x,
                "y": round(height - bar_height, 1),
                "width": round(slot - BAR_GAP, 1),
                "height": bar_height,
                "count": count,
                "label": f"Semaine du {formats.date_format(monday, 'j F Y')}",
            }
        )
        if monday.day <= 7:  # the first Monday of a month names it
            # "N": the locale's abbreviations (« juil. », « sept. »); "M" gives Django's
            # three-letter names, which French leaves half in English ("Jul", "Sep").
            months.append({"x": x, "name": formats.date_format(monday, "N")})
    return {
        "bars": bars,
        "months": months,
        "peak": peak,
        "width": width,
        "height": height + LABEL_SPACE,
        "baseline": height,
        "label_y": height + LABEL_SPACE - 4,
    }


class SubscribersPanel(Component):
    order = 150
    template_name = "newsletter/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        counts = Subscriber.objects.counts_by_status()
        weeks = Subscriber.objects.weekly_signups(weeks=WEEKS)
        return {
            "statuses": [
                {"label": label, "count": counts[value]} for value, label in Subscriber.Status.choices
            ],
            "chart": weekly_bars(weeks),
            "total_signups": sum(count for _, count in weeks),
        }
