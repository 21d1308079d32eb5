"""The site as it runs in production, on this machine, for `make load` and `make audit`.

A PostgreSQL database with the demo content (and generated pages if asked), the production
settings (static files compressed and hashed by collectstatic, served by whitenoise; media served
by Django with SERVE_MEDIA=true), served by gunicorn on 127.0.0.1.
"""

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(BASE_DIR))
from deploy import topology  # noqa: E402 (the project's root, added above)


def production_env(database: str, var_dir: Path, **extra) -> dict:
    """The production settings on this machine (deploy/topology.py), Django serving the media."""
    return topology.production_env(
        database_url=f"postgres://postgres@127.0.0.1:5432/{database}",
        redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/10"),
        varnish_port=0,
        var_dir=var_dir / "var",
        SECRET_KEY=secrets.token_urlsafe(60),
        MEDIA_ROOT=str(var_dir / "media"),
        LOG_LEVEL="WARNING",
        CACHE_KEY_PREFIX=f"occe-{database}",
        VARNISH_URLS="",  # no Varnish in front: nothing to purge
        **extra,
    )


def run(*args, env, **kwargs):
    return subprocess.run(list(args), cwd=BASE_DIR, env=env, check=True, **kwargs)


def prepare_database(env: dict, database: str, generated_pages: int = 0) -> None:
    """A new database: migrated, the demo content, `generated_pages` more, static files collected.

    The demo loader and the generator live in the devtools app, which production does not
    install: they run under the dev settings (deploy/topology.py)."""
    tooling = topology.tooling_env(env)
    run("dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database, env=env)
    run("createdb", "-h", "127.0.0.1", "-U", "postgres", database, env=env)
    run(PYTHON, "manage.py", "migrate", "--noinput", "-v0", env=env)
    run(PYTHON, "manage.py", "load_demo_content", env=tooling)
    if generated_pages:
        run(PYTHON, "manage.py", "generate_content", "--pages", str(generated_pages), "--seed", "1", "--quiet",
            env=tooling)  # fmt: skip
    topology.clear_cache(env)
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=env)


@contextlib.contextmanager
def gunicorn(env: dict, port: int, workers: int, log_path: Path, access_log: bool = False):
    """gunicorn serving the site on 127.0.0.1:`port` for the duration of the block."""
    command = [str(Path(PYTHON).parent / "gunicorn"), "occe_site.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--log-level", "warning"]  # fmt: skip
    if access_log:
        command += ["--access-logfile", "-"]
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for(f"http://127.0.0.1:{port}/")
            yield f"http://127.0.0.1:{port}"
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


def fetch(url, timeout=60):
    with urllib.request.urlopen(url, timeout=timeout):  # noqa: S310 (the local server)
        pass


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fetch(url, timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} ne répond pas")
