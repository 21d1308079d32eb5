import email
import email.policy
import re
import socket
import threading
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache

from newsletter.models import Subscriber

CONFIRM_LINK = re.compile(r"https?://[^\s]+/newsletter/confirmer/[^\s/]+/")
UNSUBSCRIBE_LINK = re.compile(r"https?://[^\s]+/newsletter/desinscription/[^\s/]+/")
PENDING, CONFIRMED, UNSUBSCRIBED = (
    Subscriber.Status.PENDING,
    Subscriber.Status.CONFIRMED,
    Subscriber.Status.UNSUBSCRIBED,
)


def confirm_path(message) -> str:
    """The path of the confirmation link in a message of django.core.mail.outbox."""
    return urlsplit(CONFIRM_LINK.search(message.body).group(0)).path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping every message it receives, parsed."""

    def __init__(self):
        self.messages = []
        self._received = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._received:
            self.messages.append(message)
            self._received.notify_all()
        return "250 Message accepted"

    def text(self, message) -> str:
        return message.get_body(("plain",)).get_content()

    def html(self, message) -> str:
        return message.get_body(("html",)).get_content()


class RefusingInbox(Inbox):
    """A server that answers every recipient with `reply` ("450 …" greylisting, "550 …" no
    such mailbox)."""

    def __init__(self, reply):
        super().__init__()
        self.reply = reply

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return self.reply


class SMTPServer:
    def __init__(self, port, inbox=None):
        self.port = port
        self.inbox = inbox or Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits live in the cache: each test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp_settings(settings):
    """Mail through the real SMTP backend to a port on 127.0.0.1, nothing listening yet."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    return settings


@pytest.fixture
def smtp_server(smtp_settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1, receiving what the site sends."""
    server = SMTPServer(smtp_settings.EMAIL_PORT)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def refusing_server(smtp_settings):
    """Start a mail server that answers every message with the given reply (4xx, 5xx)."""
    servers = []

    def start(reply):
        server = SMTPServer(smtp_settings.EMAIL_PORT, RefusingInbox(reply))
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def make_subscriber(db):
    def make(email="abonne@example.fr", status=Subscriber.Status.PENDING, **fields):
        return Subscriber.objects.create(email=email, status=status, consent_version="2025-01", **fields)

    return make


def signup_data(email="camille@example.fr", **extra):
    return {"email": email, "consent": "on", "website": "", "page": "/", **extra}
