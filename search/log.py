"""The search log behind Wagtail's promotions report ("Query", "QueryDailyHits").

A query is counted only when it found something (what editors can promote), when it
holds no address or phone number, and within a rate per client (occe_site/ratelimit.py),
so that no one fills the table with unique strings. `searchpromotions_garbage_collect`
(SCHEDULED_JOBS, every night) deletes daily counts older than WAGTAILSEARCH_HITS_MAX_AGE
days, then the queries left without counts or promotions.
"""

import re

from wagtail.contrib.search_promotions.models import Query

from occe_site.clients import client_key
from occe_site.ratelimit import hit
from search.request import MAX_QUERY_LENGTH

LOGGED_PER_CLIENT = 30  # queries counted per client and per hour, at most
WINDOW = 3600

_PERSONAL_DATA = re.compile(r"@|\d[\d .-]{7,}\d")


def log_query(request, results) -> bool:
    """Count the query of this first page of results, if it may be counted; True if it was."""
    query = results.search.query
    if not query or not results.total or results.page_obj.number != 1 or _PERSONAL_DATA.search(query):
        return False
    if not hit("search-log", client_key(request) or "", limit=LOGGED_PER_CLIENT, window=WINDOW):
        return False
    Query.get(query[:MAX_QUERY_LENGTH]).add_hit()
    return True
