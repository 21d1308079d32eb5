"""Writes site.vcl (the app servers, the purgers' ACL) and 503.html for deploy/varnish/default.vcl."""

import ipaddress
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template import loader

LOCALHOST = ("127.0.0.1", "::1")

SITE_VCL = """\
# Written by `manage.py write_varnish_config`; included by deploy/varnish/default.vcl.

# What the app servers need to answer: the database and the cache (the task queue's delay
# is reported by /sante/ too, but must not take them out of the pool).
probe health {{
    .request =
        "GET /sante/?checks=database,cache HTTP/1.1"
        "Host: {host}"
        "X-Forwarded-Proto: https"
        "User-Agent: Varnish health probe"
        "Connection: close";
    .interval = {interval}s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}}

{backends}

# The app servers, in turn.
sub vcl_init {{
    new app = directors.round_robin();
{additions}
}}

# Who may PURGE: this machine, and the networks given with --purger.
acl purgers {{
{acl}
}}

sub error_page {{
    synthetic(std.fileread("{error_page}"));
}}
"""

BACKEND = """\
backend app{number} {{
    .host = "{host}";
    .port = "{port}";
    .probe = health;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
}}"""


class Command(BaseCommand):
    help = (
        "Writes site.vcl and 503.html into --output, for deploy/varnish/default.vcl: "
        "the app servers (--backend host:port, repeated), the networks allowed to purge "
        "besides this machine (--purger), the Host header of the health probe (--host)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Directory to write site.vcl and 503.html into")
        parser.add_argument("--backend", action="append", required=True, help="host:port of an app server")
        parser.add_argument(
            "--purger", action="append", default=[], help="Address or network allowed to purge"
        )
        parser.add_argument(
            "--host", default="", help="Host header of the probe (default: first ALLOWED_HOSTS)"
        )
        parser.add_argument("--probe-interval", type=float, default=2.0)

    def handle(self, *args, **options):
        output = Path(options["output"]).resolve()
        output.mkdir(parents=True, exist_ok=True)
        host = options["host"] or next(iter(settings.ALLOWED_HOSTS), "localhost")
        backends = [self.parse_backend(value) for value in options["backend"]]
        purgers = [*LOCALHOST, *(self.parse_network(value) for value in options["purger"])]

        error_page = output / "503.html"
        # No request: no context processor, no query (the same page Django serves when the
        # database is down, occe_site.middleware).
        error_page.write_text(loader.get_template("503.html").render())
        (output / "site.vcl").write_text(
            SITE_VCL.format(
                host=host,
                interval=options["probe_interval"],
                backends="\n\n".join(
                    BACKEND.format(number=number, host=backend_host, port=port)
                    for number, (backend_host, port) in enumerate(backends, start=1)
                ),
                additions="\n".join(
                    f"    app.add_backend(app{number});" for number in range(1, len(backends) + 1)
                ),
                acl="\n".join(self.acl_entry(purger) for purger in purgers),
                error_page=error_page,
            )
        )
        self.stdout.write(
            f"{output / 'site.vcl'} : {len(backends)} serveurs, purge depuis {', '.join(purgers)}"
        )

    def parse_backend(self, value):
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit():
            raise CommandError(f"--backend attend hôte:port, pas {value!r}")
        return host.strip("[]"), port

    def parse_network(self, value):
        try:
            return str(ipaddress.ip_network(value, strict=False))
        except ValueError as error:
            raise CommandError(f"--purger attend une adresse ou un réseau, pas {value!r}") from error

    def acl_entry(self, network):
        address, _, prefix = network.partition("/")
        return f'    "{address}"/{prefix};' if prefix else f'    "{address}";'
