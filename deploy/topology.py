#!/usr/bin/env python
"""The production topology on one machine: Varnish in front of two gunicorn instances, the task
workers and the scheduler, on PostgreSQL and Redis. Used by `make prod`, by the topology tests
(tests/topology/) and by `make bench-http`.

    python deploy/topology.py [--varnish-port 8080] [--app-ports 8001,8002]

runs `make prod`: it prepares the database (migrations, static files, demo content, an admin
account), starts everything, prints where to look and stops it all on Ctrl-C. Settings come
from the environment: DATABASE_URL (PostgreSQL), REDIS_URL, and the rest as in the README.
"""

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VCL = BASE_DIR / "deploy" / "varnish" / "default.vcl"
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def production_env(*, database_url, redis_url, varnish_port, var_dir: Path, **extra) -> dict:
    """The environment of every process of the site: production settings behind Varnish."""
    varnish = f"http://127.0.0.1:{varnish_port}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "occe_site.settings.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secret_key(var_dir),
        "ALLOWED_HOSTS": os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost"),
        "CSRF_TRUSTED_ORIGINS": os.environ.get("CSRF_TRUSTED_ORIGINS", varnish),
        "WAGTAILADMIN_BASE_URL": os.environ.get("WAGTAILADMIN_BASE_URL", varnish),
        # Plain HTTP on this machine; a real server terminates TLS in front of Varnish.
        "SECURE_SSL_REDIRECT": os.environ.get("SECURE_SSL_REDIRECT", "false"),
        "SECURE_HSTS_SECONDS": os.environ.get("SECURE_HSTS_SECONDS", "0"),
        "SERVE_MEDIA": "true",  # MEDIA_ROOT: one directory shared by both app servers
        "VAR_DIR": str(var_dir),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(var_dir / "media")),
        "VARNISH_URLS": varnish,
        # gunicorn sits behind Varnish, which appends the client's address to X-Forwarded-For.
        "TRUSTED_PROXIES": "127.0.0.1/32",
        **extra,
    }


def secret_key(var_dir: Path) -> str:
    path = var_dir / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(60))
        path.chmod(0o600)
    return path.read_text().strip()


def manage(env, *args, **kwargs):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, **kwargs)


def ensure_database(database_url):
    """Create the PostgreSQL database of `database_url` if it does not exist yet."""
    import psycopg  # the project's own dependency, imported here to keep this script light

    url = urllib.parse.urlsplit(database_url)
    name = url.path.lstrip("/")
    with psycopg.connect(
        urllib.parse.urlunsplit(url._replace(path="/postgres")), autocommit=True
    ) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
            print(f"Base {name} créée.", flush=True)


def tooling_env(env):
    """The demo loader, the generator and `ensure_superuser` live in the devtools app, which
    production does not install: they run under the dev settings (debug off), on the same
    database and media."""
    return {**env, "DJANGO_SETTINGS_MODULE": "occe_site.settings.dev", "DEBUG": "false"}


def clear_cache(env):
    """Forget what the shared cache holds (navigation, Wagtail's site paths): the dev settings
    used by the tooling keep their cache in the process, so they could not invalidate it."""
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")


def prepare(env, *, demo=True):
    """Migrations, static files, the demo content and an admin account (each idempotent)."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    if demo:
        manage(tooling_env(env), "load_demo_content")
    manage(tooling_env(env), "ensure_superuser")
    clear_cache(env)


class Topology:
    """The processes of the site, each logging to a file of `log_dir`."""

    def __init__(self, env, *, varnish_port, app_ports, log_dir: Path, gunicorn_workers=2, purgers=()):
        self.env = env
        self.varnish_port = varnish_port
        self.app_ports = list(app_ports)
        self.log_dir = log_dir
        self.gunicorn_workers = gunicorn_workers
        self.purgers = list(purgers)
        self.processes: dict[str, subprocess.Popen] = {}
        log_dir.mkdir(parents=True, exist_ok=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.varnish_port}"

    def app_url(self, index=0):
        return f"http://127.0.0.1:{self.app_ports[index]}"

    def spawn(self, name, command, env=None):
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        self.processes[name] = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self.processes[name]

    def start(self):
        for index in range(len(self.app_ports)):
            self.start_gunicorn(index)
        for index in range(len(self.app_ports)):
            wait_for(f"{self.app_url(index)}/sante/?checks=database")
        self.start_workers()
        self.start_scheduler()
        varnish = self.start_varnish()
        try:
            wait_for(f"{self.url}/", timeout=30)
        except RuntimeError:
            if varnish.poll() is not None:
                raise RuntimeError(f"Varnish s'est arrêté : voir {self.log_dir / 'varnish.log'}") from None
            raise
        return self

    def start_gunicorn(self, index):
        port = self.app_ports[index]
        return self.spawn(f"gunicorn-{port}", [
            str(BIN / "gunicorn"), "occe_site.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(self.gunicorn_workers), "--access-logfile", "-", "--log-level", "warning",
            "--graceful-timeout", "10",
        ])  # fmt: skip

    def start_workers(self):
        # One worker per queue: a mail server that hangs never delays a purge.
        self.spawn("worker-newsletter", [PYTHON, "manage.py", "db_worker", "--backend", "newsletter",
                                         "--no-startup-delay"])  # fmt: skip
        self.spawn("worker-purge", [PYTHON, "manage.py", "db_worker", "--backend", "purge", "--interval", "0.1",
                                    "--no-startup-delay"])  # fmt: skip

    def start_scheduler(self, name="scheduler"):
        return self.spawn(name, [PYTHON, "manage.py", "run_scheduler"])

    def start_varnish(self):
        # varnishd compiles the VCL as its own unprivileged user, which cannot enter a checkout
        # in a private folder (`mktemp -d` makes one 0700): the VCL, the site's part and the
        # work directory go to a folder of their own in /tmp that every user can read.
        varnish_dir = Path(tempfile.gettempdir()) / f"occe-varnish-{self.varnish_port}"
        shutil.rmtree(varnish_dir, ignore_errors=True)
        varnish_dir.mkdir()
        varnish_dir.chmod(0o755)
        manage(self.env, "write_varnish_config", "--output", str(varnish_dir), "--probe-interval", "1",
               *(f"--backend=127.0.0.1:{port}" for port in self.app_ports),
               *(f"--purger={purger}" for purger in self.purgers), stdout=subprocess.DEVNULL)  # fmt: skip
        shutil.copy(VCL, varnish_dir / VCL.name)
        for path in varnish_dir.iterdir():
            path.chmod(0o644)
        return self.spawn("varnish", [
            varnishd(), "-F", "-n", str(varnish_dir / "work"), "-a", f"127.0.0.1:{self.varnish_port}",
            "-T", f"127.0.0.1:{self.varnish_port + 1}", "-f", str(varnish_dir / VCL.name),
            "-p", f"vcl_path={varnish_dir}:/etc/varnish:/usr/share/varnish/vcl", "-s", "malloc,256m",
        ])  # fmt: skip

    def stop(self, name):
        process = self.processes.get(name)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop_all(self):
        for name in reversed(list(self.processes)):
            self.stop(name)

    def exited(self):
        return {
            name: process.returncode for name, process in self.processes.items() if process.poll() is not None
        }


def varnishd():
    path = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(path).exists():
        raise FileNotFoundError("varnishd introuvable : apt-get install varnish varnish-modules")
    return path


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (a server of this machine)
                return
        except (OSError, urllib.error.HTTPError) as error:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} ne répond pas : {error}") from error
            time.sleep(0.3)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--varnish-port", type=int, default=int(os.environ.get("VARNISH_PORT", 8080)))
    parser.add_argument("--app-ports", default=os.environ.get("APP_PORTS", "8001,8002"))
    parser.add_argument("--var-dir", default=str(BASE_DIR / "var" / "prod"))
    args = parser.parse_args()
    var_dir = Path(args.var_dir).resolve()
    env = production_env(
        database_url=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/occe_prod"),
        redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        varnish_port=args.varnish_port,
        var_dir=var_dir,
    )
    print("== Base de données, fichiers statiques, contenu de démonstration", flush=True)
    ensure_database(env["DATABASE_URL"])
    prepare(env)
    topology = Topology(env, varnish_port=args.varnish_port, app_ports=[int(p) for p in args.app_ports.split(",")],
                        log_dir=var_dir / "logs")  # fmt: skip
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        topology.start()
        ports = ", ".join(str(port) for port in topology.app_ports)
        print(
            f"""
Le site, par Varnish :        {topology.url}/
L'administration :            {topology.url}/admin/
La santé (JSON) :             {topology.url}/sante/
Serveurs d'application :      gunicorn sur 127.0.0.1:{ports}
Tâches de fond, planificateur : db_worker (newsletter, purge), run_scheduler
Journaux :                    {topology.log_dir}/
Ctrl-C arrête tout.""",
            flush=True,
        )
        while not topology.exited():
            time.sleep(1)
        print(f"Un processus s'est arrêté : {topology.exited()} (voir {topology.log_dir}/)", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("\nArrêt…", flush=True)
    finally:
        topology.stop_all()


if __name__ == "__main__":
    main()
