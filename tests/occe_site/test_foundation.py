import os
import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.models import Page

BASE_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args, settings, extra_env=None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["DJANGO_SETTINGS_MODULE"] = f"occe_site.settings.{settings}"
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_home_page_is_french_with_a_skip_link(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert '<a class="skip-link" href="#contenu">Aller au contenu principal</a>' in html
    assert '<main id="contenu"' in html
    assert 'action="/recherche/"' in html


def test_default_site_is_named_occe_and_rooted_at_the_home_page(home_page):
    assert home_page.get_site().site_name == "OCCE"
    assert type(home_page).__name__ == "HomePage"


def test_admin_login_page_is_in_french(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>S'identifier" in html
    assert "Nom d’utilisateur" in html


@pytest.mark.parametrize("settings_module", ["dev", "test"])
def test_system_checks_are_clean(settings_module):
    result = run_manage("check", settings=settings_module)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_pass_checks_with_the_required_environment():
    result = run_manage(
        "check",
        settings="production",
        extra_env={
            "SECRET_KEY": "x" * 20 + "-a-real-random-production-key",
            "ALLOWED_HOSTS": "occe.coop",
            "REDIS_URL": "redis://127.0.0.1:6379/11",
            "WAGTAILADMIN_BASE_URL": "https://www.occe.coop",
        },
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("base_url", [None, "", "www.occe.coop", "https://", "https://www.occe.coop/admin/"])
def test_production_settings_refuse_to_start_without_the_public_address(base_url):
    extra = {
        "SECRET_KEY": "x" * 20 + "-a-real-random-production-key",
        "ALLOWED_HOSTS": "occe.coop",
        "REDIS_URL": "redis://127.0.0.1:6379/11",
    }
    if base_url is not None:
        extra["WAGTAILADMIN_BASE_URL"] = base_url
    result = run_manage("check", settings="production", extra_env=extra, drop=("WAGTAILADMIN_BASE_URL",))
    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL manquante ou invalide" in result.stderr


def test_production_settings_refuse_to_start_without_redis():
    result = run_manage(
        "check",
        settings="production",
        extra_env={"SECRET_KEY": "x" * 20 + "-a-real-random-production-key", "ALLOWED_HOSTS": "occe.coop"},
        drop=("REDIS_URL",),
    )
    assert result.returncode != 0
    assert "REDIS_URL manquante" in result.stderr


@pytest.mark.parametrize("secret_key", [None, "", "django-insecure-abcdefghijklmnopqrstuvwxyz0123456789"])
def test_production_settings_refuse_a_missing_or_known_secret_key(secret_key):
    extra = {} if secret_key is None else {"SECRET_KEY": secret_key}
    result = run_manage("check", settings="production", extra_env=extra, drop=("SECRET_KEY",))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def add_page(parent, title):
    return parent.add_child(instance=Page(title=title))


@pytest.mark.django_db
def test_search_ignores_accents_and_case(home_page):
    add_page(home_page, "Une école qui coopère")
    add_page(home_page, "Le jardin partagé")
    titles = [p.title for p in Page.objects.live().search("ECOLE")]
    assert titles == ["Une école qui coopère"]


def test_postgres_search_uses_french_stemming(postgres_only, home_page):
    add_page(home_page, "La coopérative scolaire")
    add_page(home_page, "Les écoles rurales")
    add_page(home_page, "Un conseil d'élèves")
    assert [p.title for p in Page.objects.live().search("coopératives")] == ["La coopérative scolaire"]
    assert [p.title for p in Page.objects.live().search("ecole")] == ["Les écoles rurales"]
