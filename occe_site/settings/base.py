"""Settings shared by every environment.

This module is safe for production on its own: DEBUG is off, the secret key
comes only from the environment, and nothing here trusts a default host.
`dev` and `test` relax it; `production` adds the hardening that needs HTTPS.
"""

from pathlib import Path

from .env import env_bool, env_database, env_int, env_list, env_networks, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
# Key rotation: put the old key here (comma-separated) and a new one in SECRET_KEY;
# signed links and sessions made with the old key keep working until you drop it.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The reverse proxies in front of gunicorn (Varnish, nginx: addresses or networks) whose
# X-Forwarded-For is believed. Empty: gunicorn faces clients, REMOTE_ADDR is the client.
# One resolver reads it for the whole site (occe_site/clients.py).
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

INSTALLED_APPS = [
    "content",
    "search",
    "newsletter",
    "contact",
    "accounts",
    "httpcache",
    "operations",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "occe_site.middleware.SecurityHeadersMiddleware",
    "occe_site.middleware.ContentSecurityPolicyMiddleware",
    # Above the session and CSRF middleware, to see the cookies and the Vary they add.
    "httpcache.policy.CachePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(), then the second factor enforced (accounts/).
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    # After authentication: staff in the admin keep the larger limits.
    "occe_site.middleware.RequestLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "occe_site.middleware.DatabaseUnavailableMiddleware",
    # The request's Wagtail Site from the shared cache, not one query per page (content/site_cache.py).
    "content.site_cache.CachedSiteMiddleware",
    # django-axes wants to be last: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",  # checks lockouts; ModelBackend below checks passwords
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "occe_site.urls"
WSGI_APPLICATION = "occe_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file under var/ for a zero-setup local run.
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French everywhere a person reads. One language, so no LocaleMiddleware: it would add
# Vary: Accept-Language to every page, one shared-cache copy per browser language.
LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static and media files. Whitenoise serves static files from the app server;
# production switches to compressed, hashed names (see production.py).
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded images are served by Django when DEBUG is on (occe_site/urls.py). In production,
# behind a web server (nginx, a CDN), serve MEDIA_ROOT's images/ and original_images/ from
# there (never documents/: see README) and leave this off; on a single gunicorn host (and for
# the Lighthouse audit) SERVE_MEDIA=true lets Django serve them.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email: SMTP as soon as EMAIL_HOST is set, in every settings module.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "OCCE <ne-pas-repondre@occe.coop>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# Cache: Redis when REDIS_URL is set; otherwise a file cache shared by every
# worker process of one machine, so that an editor's save invalidates the
# menu for all of them.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "occe_site.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "occe"),
        }
    }
else:
    # Sized for the rate-limit counters and the menus: at Django's default of 300 entries, a
    # full cache drops a third of its files at random, counters included. Renditions (one
    # entry per image size shown) get their own cache, so that they never push the rest out.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "renditions"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }

# HTTP cache policy (httpcache/policy.py): how long browsers and shared caches (Varnish, a CDN)
# keep an anonymous page. The shared cache is purged on publish, so its life can be long.
CACHE_MAX_AGE = env_int("CACHE_MAX_AGE", 60)
CACHE_SHARED_MAX_AGE = env_int("CACHE_SHARED_MAX_AGE", 24 * 60 * 60)
# The header carrying the surrogate keys: `xkey` for Varnish's xkey module; `Surrogate-Key`
# for Fastly, `Cache-Tag` for Cloudflare (README).
CACHE_KEYS_HEADER = env_str("CACHE_KEYS_HEADER", "xkey")
# Never kept by a shared cache, whoever asks.
CACHE_PRIVATE_PATHS = ("/admin/", "/documents/", "/newsletter/", "/sante/")
# Rendered fragments (header, footer, cards…) kept in this cache until a key they show is
# purged (httpcache/fragments.py); empty: none kept.
FRAGMENT_CACHE = env_str("FRAGMENT_CACHE", "default")
FRAGMENT_CACHE_TIMEOUT = CACHE_SHARED_MAX_AGE
# The Varnish servers to purge on publish (httpcache/purge.py), comma-separated:
# http://127.0.0.1:6081. None: no purge (development).
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {"BACKEND": "httpcache.backends.VarnishBackend", "LOCATION": location}
    for number, location in enumerate(env_list("VARNISH_URLS"), start=1)
}

# --- Security -----------------------------------------------------------------------------
# Headers on every response; production.py adds what needs HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Wagtail's preview shows the page in a frame of the admin, on the same origin.
X_FRAME_OPTIONS = "SAMEORIGIN"
ADMIN_URL_PREFIXES = ("/admin/",)

# Content-Security-Policy (django-csp): the public site runs only its own scripts and
# styles, from its own origin; nothing inline, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# The Wagtail admin's editor still needs inline styles and scripts.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# Visitors' requests (public pages, and the admin's login) take no uploads and few parameters
# (occe_site.middleware.RequestLimitsMiddleware); logged-in staff in the admin keep Django's
# limits below, raised for the page editor's many fields.
PUBLIC_MAX_PARAMETERS = 1000
PUBLIC_MAX_BODY_SIZE = 1024 * 1024

# Admin login protection (django-axes), counted over the last hour (AXES_COOLOFF_TIME) by the
# client address that occe_site/clients.py resolves (an IPv6 client by its /64). A limit reached
# locks what it counts for the rest of the hour:
LOGIN_FAILURE_LIMITS = [
    (["username", "ip_address"], 5),  # one account from one address
    (["ip_address"], 20),  # one address trying many accounts (password spraying)
    (["username"], 50),  # one account tried from many addresses
]
# Unlock with `manage.py axes_reset_username <name>` or `manage.py axes_reset` (README).
AXES_LOCKOUT_PARAMETERS = [parameters for parameters, _ in LOGIN_FAILURE_LIMITS]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMITS[0][1]  # the one its lockout page speaks of
AXES_HANDLER = "occe_site.lockout.LoginLockoutHandler"  # one limit per line above
AXES_CLIENT_IP_CALLABLE = "occe_site.clients.client_key"
AXES_COOLOFF_TIME = 1  # hour
# A failure while locked out does not extend the lockout: one guess an hour cannot keep an
# account locked for ever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Wagtail's password reset form (occe_site/urls.py): requests per client and per email address
# in an hour; each one may send an email.
PASSWORD_RESET_LIMIT_PER_CLIENT = 5
PASSWORD_RESET_LIMIT_PER_EMAIL = 3
PASSWORD_RESET_WINDOW = 60 * 60

# Staff sign-in (accounts/): Wagtail's login form with its French labels, and the name
# authenticator applications show beside the codes. Who must use a second factor is
# accounts.rules; wrong codes count as failed sign-ins for django-axes above.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.LoginForm"
OTP_TOTP_ISSUER = "OCCE"

# Background tasks (django-tasks, brought by Wagtail 8).
TASKS = {
    # Wagtail's own tasks (search index, reference index) stay immediate, so that
    # publishing a page updates the search at once, with no worker to run.
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # Newsletter emails: sent at once here, in dev and in tests; production.py queues
    # them in the database for `manage.py db_worker --backend newsletter`, which
    # retries them when the mail server is down.
    "newsletter": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # Purges of the shared cache after a publish (httpcache/purge.py): a queue in production
    # too, run by `manage.py db_worker --backend purge`, so that an editor never waits for
    # Varnish; a worker of its own, so that a slow mail server never delays a purge.
    "purge": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

# /sante/ fails when a task has waited longer than this for a worker (seconds).
HEALTH_MAX_TASK_AGE = env_int("HEALTH_MAX_TASK_AGE", 300)

# The periodic jobs, run by one `manage.py run_scheduler` (operations/scheduler.py): every
# `every` seconds, `offset` seconds after each multiple of it (UTC).
MINUTE, HOUR, DAY = 60, 60 * 60, 24 * 60 * 60
SCHEDULED_JOBS = [
    # Pages, menus and footers whose publication is scheduled go live (and are purged) on time.
    {"command": "publish_scheduled", "every": env_int("PUBLISH_SCHEDULED_EVERY", MINUTE)},
    {"command": "clearsessions", "every": DAY, "offset": 2 * HOUR},
    {"command": "searchpromotions_garbage_collect", "every": DAY, "offset": 2 * HOUR + 5 * MINUTE},
    {"command": "purge_pending_subscribers", "every": DAY, "offset": 2 * HOUR + 10 * MINUTE},
    {
        "command": "prune_db_task_results",
        "args": ("--backend", "newsletter", "--min-age-days", "30"),
        "every": DAY,
        "offset": 2 * HOUR + 15 * MINUTE,
    },
    {
        "command": "prune_db_task_results",
        "args": ("--backend", "purge", "--min-age-days", "1"),
        "every": DAY,
        "offset": 2 * HOUR + 20 * MINUTE,
    },
    {"command": "purge_contact_submissions", "every": DAY, "offset": 2 * HOUR + 25 * MINUTE},
    # The search table's safety net (search/): rebuilt from the pages every night.
    {"command": "rebuild_search_documents", "every": DAY, "offset": 2 * HOUR + 30 * MINUTE},
]

# Newsletter (newsletter/)
NEWSLETTER_PRIVACY_URL = env_str("NEWSLETTER_PRIVACY_URL", "/confidentialite/")
# Subscription attempts allowed from one client (occe_site/clients.py) per 10 minutes.
NEWSLETTER_RATE_LIMIT_PER_CLIENT = env_int("NEWSLETTER_RATE_LIMIT_PER_CLIENT", 10)
# Emails one address may be sent by signup requests, besides one per 10 minutes at most.
NEWSLETTER_EMAILS_PER_ADDRESS_PER_DAY = env_int("NEWSLETTER_EMAILS_PER_ADDRESS_PER_DAY", 3)
NEWSLETTER_EMAILS_PER_ADDRESS_PER_WEEK = env_int("NEWSLETTER_EMAILS_PER_ADDRESS_PER_WEEK", 5)

# Contact form (contact/)
# Messages are deleted this many days after they were sent (`purge_contact_submissions`, daily).
CONTACT_SUBMISSION_RETENTION_DAYS = env_int("CONTACT_SUBMISSION_RETENTION_DAYS", 365)
# Messages allowed from one client (occe_site/clients.py) per hour.
CONTACT_RATE_LIMIT_PER_CLIENT = env_int("CONTACT_RATE_LIMIT_PER_CLIENT", 5)

# Wagtail
WAGTAIL_SITE_NAME = "OCCE"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_I18N_ENABLED = False
# Addresses in plain ASCII: /actualites/semaine-de-l-ess/, easy to read aloud and to type.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # On PostgreSQL: a French text-search configuration that also drops
        # accents, created by search/migrations/0001 (ignored on SQLite).
        "SEARCH_CONFIG": "occe_french",
    }
}
# The longest a search statement may run, in seconds (search/timeout.py); past it the results
# page asks the visitor to simplify the query.
SEARCH_STATEMENT_TIMEOUT = float(env_str("SEARCH_STATEMENT_TIMEOUT", "2"))
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "odt",
    "ods",
    "odp",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "rtf",
    "txt",
    "csv",
    "zip",
    "jpg",
    "jpeg",
    "png",
    "webp",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents always go through Wagtail's view, which checks their collection's privacy; never a
# redirect to the file's own URL (a cloud storage's, or /media/), which anyone could reuse.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Images: common raster formats only (no SVG, which can carry scripts), a size and a
# pixel cap (a decompression bomb is refused before it is decoded).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents other than PDF and plain text are served as attachments, never rendered.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Nothing fetched from another host by the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# The page editor posts many fields; the public site never needs that many.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"timestamped": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "timestamped"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per background task and per page action is noise in a console.
        "django_tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        # What the scheduler runs and the purges it sends: one line each, worth keeping.
        "operations": {"level": env_str("SCHEDULER_LOG_LEVEL", "INFO")},
        "httpcache": {"level": env_str("PURGE_LOG_LEVEL", "INFO")},
    },
}
