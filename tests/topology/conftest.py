"""The production topology, started for real: a throwaway PostgreSQL cluster of its own,
Redis (database 11, a key prefix of its own), two gunicorn, the task workers, two schedulers
(one must stand by) and Varnish, all on ports 18320-18339 (deploy/topology.py)."""

import glob
import os
import secrets
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

import pytest

from deploy.topology import BASE_DIR, Topology, manage, prepare, production_env, wait_for

XKEY = "/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so"
POSTGRES_PORT = 18310
VARNISH_PORT = 18320
APP_PORTS = (18322, 18323)
ADMIN_PASSWORD = "topologie-" + secrets.token_hex(8)
ADMIN_DEVICE = """
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
admin = get_user_model().objects.get(username="admin")
device, _ = TOTPDevice.objects.get_or_create(user=admin, name="topologie", defaults={"confirmed": True})
print(device.key)
"""


def missing_tools():
    if not shutil.which("varnishd") and not Path("/usr/sbin/varnishd").exists():
        return "varnishd absent (apt-get install varnish varnish-modules)"
    if not glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so"):
        return "le module xkey de Varnish est absent (apt-get install varnish-modules)"
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        return "PostgreSQL (initdb) absent"
    if subprocess.run(["redis-cli", "-n", "11", "ping"], capture_output=True, check=False).returncode:
        return "Redis ne répond pas sur 127.0.0.1:6379"
    return None


class Cluster:
    """A PostgreSQL cluster in a temporary directory, run as the `postgres` user when root."""

    def __init__(self, port):
        self.port = port
        self.bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
        self.dir = Path(tempfile.mkdtemp(prefix="occe-topology-pg-"))
        self.data = self.dir / "data"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")

    def run(self, tool, *args):
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.dir)

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")

    def stop(self):
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self):
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def cluster():
    cluster = Cluster(POSTGRES_PORT)
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture(scope="session")
def topology(cluster):
    # Under var/, not pytest's private temporary directory: Varnish's worker process runs as
    # its own user and must reach its working directory and the 503 page. Kept after the run,
    # for its logs.
    var_dir = BASE_DIR / "var" / "topology"
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    database_url = f"postgres://postgres@127.0.0.1:{POSTGRES_PORT}/occe_deploy_topology"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(POSTGRES_PORT), "-U", "postgres",
                    "occe_deploy_topology"], check=True)  # fmt: skip
    env = production_env(
        database_url=database_url,
        redis_url="redis://127.0.0.1:6379/11",
        varnish_port=VARNISH_PORT,
        var_dir=var_dir,
        CACHE_KEY_PREFIX=f"occe-topology-{secrets.token_hex(4)}",
        DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
        # Scheduled pages are published every 5 s here (every minute in production).
        PUBLISH_SCHEDULED_EVERY="5",
        LOG_LEVEL="INFO",
    )
    prepare(env)
    # The admin is a superuser, who signs in with a second factor (accounts/): its
    # authenticator's key, for the tests to compute the codes.
    output = manage(env, "shell", "-c", ADMIN_DEVICE, capture_output=True, text=True).stdout
    admin_totp_key = output.strip().splitlines()[-1]  # after whatever the start-up logged
    topology = Topology(env, varnish_port=VARNISH_PORT, app_ports=APP_PORTS, log_dir=var_dir / "logs")
    try:
        topology.start()
        topology.start_scheduler("scheduler-2")  # started by mistake: must stand by
        topology.cluster = cluster
        topology.admin_totp_key = admin_totp_key
        topology.database_url = database_url
        yield topology
    finally:
        topology.stop_all()


def shell(topology, code):
    """Run Python in the site's production settings (what the admin's actions run)."""
    return manage(topology.env, "shell", "-c", code, capture_output=True, text=True).stdout.strip()


def sql(topology, query):
    url = urllib.parse.urlsplit(topology.database_url)
    result = subprocess.run(["psql", "-h", url.hostname, "-p", str(url.port), "-U", "postgres", url.path[1:],
                             "-Atc", query], check=True, capture_output=True, text=True)  # fmt: skip
    return result.stdout.strip()


__all__ = ["ADMIN_PASSWORD", "BASE_DIR", "shell", "sql", "wait_for"]
