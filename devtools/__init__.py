"""Development-only tooling: the demo site, the large-site generator, the local admin account.

Installed by the dev and test settings only (occe_site/settings/local.py); production neither
lists nor imports it, and the production install (pyproject.toml) leaves it out.
"""
