"""Production settings, security headers, hosts and request limits."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "occe_site.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "www.occe.coop",
    "REDIS_URL": "redis://127.0.0.1:6379/11",
    "WAGTAILADMIN_BASE_URL": "https://www.occe.coop",
}


def run_python(code, **extra_env):
    env = {**os.environ, **PRODUCTION_ENV, **extra_env}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# Everything production loads: the settings, every installed app's models and admin hooks,
# the URLs (and so every view), the WSGI application, the management commands.
PRODUCTION_IMPORTS = """
import sys
import django
django.setup()
from django.conf import settings
from django.core.management import get_commands
from django.urls import get_resolver
from occe_site.wsgi import application
get_resolver().url_patterns
commands = get_commands()
print("devtools" in settings.INSTALLED_APPS, "load_demo_content" in commands,
      sorted(name for name in sys.modules if name.split(".")[0] == "devtools"))
"""


def test_production_neither_installs_nor_imports_the_development_tooling():
    result = run_python(PRODUCTION_IMPORTS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "[]"]


def test_check_deploy_passes_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={**os.environ, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_force_https_and_secure_cookies():
    result = run_python(
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps(["
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE,"
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, s.DEBUG, s.ALLOWED_HOSTS]))"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        True,
        31_536_000,
        True,
        True,
        True,
        True,
        True,
        False,
        ["www.occe.coop"],
    ]


def test_secret_key_fallbacks_come_from_the_environment():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY_FALLBACKS)",
        SECRET_KEY_FALLBACKS="ancienne-cle-1,ancienne-cle-2",
    )
    assert result.stdout.strip() == "['ancienne-cle-1', 'ancienne-cle-2']"


@pytest.mark.django_db
@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True
)
def test_http_is_redirected_to_https_and_https_carries_hsts(client, home_page):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"
    secure = client.get("/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_a_foreign_host_gets_400(client, home_page):
    assert client.get("/", HTTP_HOST="pirate.example").status_code == 400


@pytest.mark.django_db
def test_public_pages_carry_a_strict_policy_and_security_headers(client, home_page):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_the_admin_has_its_own_policy(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy


@pytest.mark.django_db
def test_templates_hold_no_inline_script_or_style():
    for template in (BASE_DIR / "templates").rglob("*.html"):
        text = template.read_text()
        assert " style=" not in text, template
        for chunk in text.split("<script")[1:]:
            head = chunk.split(">", 1)[0]
            assert "src=" in head or 'type="application/ld+json"' in head, template


@pytest.mark.django_db
def test_more_than_a_thousand_parameters_get_400(client, home_page):
    many = "&".join(f"p{n}=1" for n in range(1001))
    assert client.get(f"/recherche/?{many}").status_code == 400
    enough = "&".join(f"p{n}=1" for n in range(1000))
    assert client.get(f"/recherche/?{enough}").status_code == 200


@pytest.mark.django_db
def test_a_ten_megabyte_body_gets_400(client, home_page):
    body = b"x" * (10 * 1024 * 1024)
    response = client.generic("POST", "/recherche/", body, content_type="application/octet-stream")
    assert response.status_code == 400


@pytest.mark.django_db
def test_anonymous_requests_to_the_admin_get_the_public_limits(client):
    many = "&".join(f"p{n}=1" for n in range(1001))
    assert client.get(f"/admin/login/?{many}").status_code == 400
    body = b"x" * (2 * 1024 * 1024)
    response = client.generic("POST", "/admin/login/", body, content_type="application/octet-stream")
    assert response.status_code == 400
    assert response.content.decode() == "Requête trop volumineuse."


@pytest.mark.django_db
def test_staff_in_the_admin_keep_the_larger_limits(admin_client):
    many = "&".join(f"p{n}=1" for n in range(1001))
    assert admin_client.get(f"/admin/pages/search/?q=x&{many}").status_code == 200
    body = b"x" * (2 * 1024 * 1024)
    response = admin_client.generic(
        "POST", "/admin/pages/search/", body, content_type="application/octet-stream"
    )
    assert response.content.decode() != "Requête trop volumineuse."
    # On the public site, staff are visitors like any other.
    assert admin_client.get(f"/recherche/?{many}").status_code == 400


def test_an_empty_database_url_means_the_default_sqlite_file(tmp_path):
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])",
        DATABASE_URL="",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", str(tmp_path / "db.sqlite3")]


@pytest.mark.parametrize(
    "url",
    ["postgres//utilisateur:motdepasse-secret@hote/base", "postgres://u:motdepasse-secret@hote:port/base"],
)
def test_a_malformed_database_url_is_refused_by_name_without_its_password(url):
    result = run_python("import django; django.setup()", DATABASE_URL=url)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL" in result.stderr
    assert "KeyError" not in result.stderr
    assert "motdepasse-secret" not in result.stderr


def test_without_redis_the_file_cache_is_sized_and_renditions_have_their_own(tmp_path):
    result = run_python(
        "import json, django; django.setup(); from django.conf import settings; print(json.dumps(settings.CACHES))",
        DJANGO_SETTINGS_MODULE="occe_site.settings.base",
        REDIS_URL="",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    caches = json.loads(result.stdout)
    assert caches["default"]["OPTIONS"]["MAX_ENTRIES"] >= 10_000
    assert caches["renditions"]["LOCATION"] != caches["default"]["LOCATION"]
    assert caches["renditions"]["OPTIONS"]["MAX_ENTRIES"] >= 10_000
