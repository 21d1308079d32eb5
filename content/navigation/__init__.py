"""The header menus, the footer and the site identity, as plain data cached per site.

Three modules, each importing only the one before it, so that models and blocks can use the
first without a cycle:

- `converters`: block values (a link, a promotion, a social account…) to plain data. The
  blocks' own preview templates use it; it knows no model.
- `building`: the whole navigation of a site from its menu, footer, partners and settings
  (a fixed number of queries whatever the menus hold).
- `cache`: the navigation read from Django's cache, built on a miss, and forgotten when an
  editor saves what it shows (content/signal_handlers.py).
"""
