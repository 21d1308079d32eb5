"""Pagination shared by the section indexes and the search.

A page number comes from the query string and is never trusted: anything
that is not a positive whole number gives the first page, and a number past
the end gives the last page (shown, not redirected, so that the visitor's
address keeps working as the listing shrinks).
"""

from django.core.paginator import Paginator

WINDOW = 2  # numbered links shown on each side of the current page


def parse_page_number(raw) -> int:
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def clamp_page_number(number: int, num_pages: int) -> int:
    return min(max(number, 1), max(num_pages, 1))


def page_window(page_obj, window: int = WINDOW) -> list[int]:
    """The numbers around the current page: 3 4 [5] 6 7.

    Django's elided range without its ellipses (the first and last pages have links of their
    own), which shows every page of a short listing and never hides a single one.
    """
    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=window, on_ends=0)
    return [number for number in numbers if number != paginator.ELLIPSIS]


def paginate(request, object_list, per_page: int):
    paginator = Paginator(object_list, per_page)
    number = clamp_page_number(parse_page_number(request.GET.get("page", 1)), paginator.num_pages)
    page_obj = paginator.page(number)
    page_obj.window = page_window(page_obj)
    return page_obj
