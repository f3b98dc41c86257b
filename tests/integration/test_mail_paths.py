"""The ways a mail leaves: SMTP with STARTTLS or TLS from the start and a login, or .eml files."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from adapters.bootstrap import Service, build, migrate
from adapters.clock import SettableClock
from adapters.mail_rendering import MailRendering
from adapters.postman import SmtpPostman, SmtpTarget
from adapters.scheduler import MorningDigest
from adapters.settings import Settings
from api.app import create_app
from application.mail import DeliveryFailed, PendingLetter, notice_letter
from application.mail_delivery import MailDelivery
from tests.integration.conftest import Api
from tests.integration.digest_world import ANNA, BRAM, KARIN, TUESDAY, a_small_organisation
from tests.mail_server import MailServer, self_signed, server_tls

LOGIN = ("gehoord", "g3heim")
LETTER = PendingLetter(
    notice_letter("c0ffee", 3, ANNA, "K-2026-00042", TUESDAY), TUESDAY, attempts=1
)


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    return self_signed(tmp_path)


def postman(url: str, ca_file: Path | None) -> SmtpPostman:
    rendering = MailRendering("https://klachten.voorbeeld.nl", "gehoord@voorbeeld.nl", "Org")
    return SmtpPostman(SmtpTarget.parse(url), rendering, ca_file)


@pytest.fixture
def starttls_server(certificate: tuple[Path, Path]) -> Iterator[MailServer]:
    server = MailServer(starttls=server_tls(*certificate), login=LOGIN).start()
    yield server
    server.stop()


@pytest.fixture
def smtps_server(certificate: tuple[Path, Path]) -> Iterator[MailServer]:
    server = MailServer(smtps=server_tls(*certificate), login=LOGIN).start()
    yield server
    server.stop()


def test_starttls_with_a_login_delivers_over_tls(
    starttls_server: MailServer, certificate: tuple[Path, Path]
) -> None:
    url = f"smtp://gehoord:g3heim@127.0.0.1:{starttls_server.port}?starttls=true"
    handed_over: list[bool] = []
    postman(url, certificate[0]).deliver(LETTER, lambda: handed_over.append(True))

    [mail] = starttls_server.received
    assert (mail.tls, mail.login, mail.recipients, handed_over) == (True, "gehoord", [ANNA], [True])
    assert mail.message["Subject"] == "Zaak K-2026-00042 is aan jou toegewezen"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # SMTPS: it is TLS
def test_smtps_with_a_login_delivers_over_tls(
    smtps_server: MailServer, certificate: tuple[Path, Path]
) -> None:
    url = f"smtps://gehoord:g3heim@127.0.0.1:{smtps_server.port}"
    postman(url, certificate[0]).deliver(LETTER, lambda: None)

    [mail] = smtps_server.received
    assert (mail.tls, mail.login) == (True, "gehoord")
    assert "https://klachten.voorbeeld.nl/klachten/K-2026-00042" in mail.raw.decode()


@pytest.mark.parametrize(
    ("url", "trusted"),
    [
        pytest.param("smtp://gehoord:wrong@127.0.0.1:{port}?starttls=true", True, id="bad-login"),
        pytest.param("smtp://gehoord:g3heim@127.0.0.1:{port}?starttls=true", False, id="untrusted"),
        pytest.param("smtp://gehoord:g3heim@127.0.0.1:{port}", True, id="no-tls-for-login"),
    ],
)
def test_a_refused_login_or_certificate_fails_before_the_hand_over(
    starttls_server: MailServer, certificate: tuple[Path, Path], url: str, trusted: bool
) -> None:
    handed_over: list[bool] = []
    chosen = postman(url.format(port=starttls_server.port), certificate[0] if trusted else None)
    with pytest.raises(DeliveryFailed):
        chosen.deliver(LETTER, lambda: handed_over.append(True))
    assert (starttls_server.received, handed_over) == ([], [])


@pytest.fixture
def filing_service(tmp_path: Path) -> Iterator[Service]:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path}/g.sqlite",
        projection_poll_seconds=0.1,
        outbox_dir=tmp_path / "outbox",
    )
    service = build(settings, SettableClock(datetime(2026, 3, 16, 9, 0, tzinfo=UTC)))
    migrate(service)
    yield service
    service.close()


def test_without_smtp_each_mail_is_an_eml_file_in_the_outbox_folder(
    filing_service: Service, tmp_path: Path
) -> None:
    with TestClient(create_app(service=filing_service)) as client:
        a_small_organisation(Api(client, filing_service))
    clock = filing_service.clock
    assert isinstance(clock, SettableClock)
    clock.set(TUESDAY)
    MorningDigest(filing_service)()
    MorningDigest(filing_service)()

    files = sorted((tmp_path / "outbox").iterdir())
    parsed = {
        path.name: email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in files
    }
    digests = {n: m for n, m in parsed.items() if n.startswith("digest_2026-03-17_")}
    assert sorted(str(m["To"]) for m in digests.values()) == [ANNA, BRAM, KARIN]
    assert len([n for n in parsed if n.startswith("notice_")]) == 2
    assert all(n.endswith(".eml") for n in parsed)
    assert filing_service.health.check().status == "ok"


class Recording:
    """A postman that hands every letter over and keeps its key."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def deliver(self, letter: PendingLetter, handing_over: Callable[[], None]) -> None:
        handing_over()
        self.keys.append(letter.letter.key)


def test_a_claim_that_lapsed_before_the_hand_over_leaves_the_letter_to_the_other_process(
    filing_service: Service,
) -> None:
    with TestClient(create_app(service=filing_service)) as client:
        a_small_organisation(Api(client, filing_service))  # two assignment notices
    clock = filing_service.clock
    assert isinstance(clock, SettableClock)
    fast = Recording()
    other = MailDelivery(filing_service.mail.outbox, fast, clock)
    lost: list[str] = []

    class Stalling:
        """Stalls past its lease (another process delivers meanwhile), then hands over."""

        def deliver(self, letter: PendingLetter, handing_over: Callable[[], None]) -> None:
            clock.advance(timedelta(minutes=3))
            other.run()
            lost.append(letter.letter.key)
            handing_over()

    stalled = MailDelivery(filing_service.mail.outbox, Stalling(), clock).run()

    assert (stalled.sent, stalled.failed, stalled.in_doubt) == (0, 0, 0)
    assert len(fast.keys) == 2 and sorted(set(fast.keys)) == sorted(fast.keys)
    assert lost[0] in fast.keys
    assert filing_service.mail.run().sent == 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://relay.local", SmtpTarget("relay.local", 25, False, False, None, None)),
        (
            "smtp://gehoord:p%40ss%3Aw@mail.example.nl:587?starttls=true",
            SmtpTarget("mail.example.nl", 587, False, True, "gehoord", "p@ss:w"),
        ),
        ("smtps://u:p@mail.example.nl", SmtpTarget("mail.example.nl", 465, True, False, "u", "p")),
    ],
)
def test_the_smtp_url_names_host_port_tls_and_login(url: str, expected: SmtpTarget) -> None:
    assert SmtpTarget.parse(url) == expected
