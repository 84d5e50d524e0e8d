"""A real SMTP server for tests (aiosmtpd) on a free port, and the portal's SMTP settings
pointed at it: the mails of the notifications travel through Django's SMTP backend to it."""

import email
import email.policy
import socket
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Ontvangen:
    """One mail as the server received it."""

    mail_from: str
    rcpt_tos: list[str]
    bericht: email.message.EmailMessage

    @property
    def onderwerp(self) -> str:
        return str(self.bericht["Subject"])

    def deel(self, soort: str) -> str:
        """The text of the part of content type `soort` (text/plain or text/html)."""
        for deel in self.bericht.walk():
            if deel.get_content_type() == soort:
                return deel.get_content()
        raise AssertionError(f"no {soort} part")


@dataclass
class Postbus:
    """What the server received; `weigeren` makes it refuse every mail with a 451."""

    berichten: list[Ontvangen] = field(default_factory=list)
    weigeren: bool = False

    async def handle_DATA(self, server, session, envelope):
        if self.weigeren:
            return "451 Tijdelijk niet beschikbaar"
        bericht = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.berichten.append(Ontvangen(envelope.mail_from, list(envelope.rcpt_tos), bericht))
        return "250 OK"

    def aan(self, adres: str) -> list[Ontvangen]:
        return [b for b in self.berichten if adres in b.rcpt_tos]

    @property
    def ontvangers(self) -> list[str]:
        return sorted(adres for b in self.berichten for adres in b.rcpt_tos)


def vrije_poort() -> int:
    """A free local port for a server the tests start (SMTP, the Nu Html Checker)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server; the settings send every mail to it through the SMTP backend."""
    postbus = Postbus()
    poort = vrije_poort()
    controller = Controller(postbus, hostname="127.0.0.1", port=poort)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = poort
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.PORTAAL_URL = "https://regieportaal.example"
    yield postbus
    controller.stop()
