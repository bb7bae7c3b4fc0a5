"""``checkin-kiosk --self-test``: check every part a station needs and print a checklist.

Runs without a display (Qt's ``offscreen`` platform is chosen when there is none) and inside
the PyInstaller bundle. Each check prints ``[ OK ]`` or ``[FAIL]`` with a sentence; the exit
status is 1 if any check failed.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from typing import Any

from kiosk.options import StationOptions
from kiosk.paths import SELFTEST_QR_TEXT, SOUND_NAMES, asset_path
from kiosk.settings import Settings

log = logging.getLogger(__name__)

CAMERA_TIMEOUT = 8.0
ICON_NAMES = ("icon-valid.png", "icon-error.png", "icon-attention.png", "icon-used.png", "icon-unknown.png",
              "icon-unpaid.png", "app-icon-256.png")  # fmt: skip


class CheckFailed(Exception):
    """A check did not pass; the message is the checklist sentence."""


def check_settings(options: StationOptions, settings: Settings) -> str:
    """Settings were readable and the data directory is writable."""
    if settings.problems:
        raise CheckFailed("; ".join(settings.problems))
    with tempfile.NamedTemporaryFile(dir=options.data_dir, prefix=".selftest-"):
        pass
    return f"read {settings.path} ({'saved' if settings.path.exists() else 'defaults'}); data dir writable"


def check_camera(options: StationOptions, settings: Settings) -> str:
    """The camera source opens and delivers a frame within CAMERA_TIMEOUT seconds."""
    from kiosk.scanning.frames import CameraError
    from kiosk.scanning.sources import open_source

    spec = options.camera if options.camera is not None else settings.camera
    try:
        source = open_source(spec, loop=options.camera_loop)
        source.open()
    except CameraError as exc:
        raise CheckFailed(exc.message) from None
    try:
        deadline = time.monotonic() + CAMERA_TIMEOUT
        while time.monotonic() < deadline:
            frame = source.read()
            if frame is not None:
                height, width = frame.image.shape[:2]
                return f"opened {source.describe()} ({width}x{height})"
            if source.ended:
                break
            time.sleep(0.02)
        raise CheckFailed(f"{source.describe()} opened but gave no picture within {CAMERA_TIMEOUT:.0f} s")
    except CameraError as exc:
        raise CheckFailed(exc.message) from None
    finally:
        source.close()


def check_decoder(options: StationOptions, settings: Settings) -> str:
    """The built-in test image decodes to the known text with the chosen decoder."""
    import cv2

    from kiosk.scanning.decoding import DecoderUnavailable, make_decoder

    path = asset_path("selftest-qr.png")
    gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    if gray is None:
        raise CheckFailed(f"the test image {path} is missing or unreadable")
    try:
        decoder = make_decoder(options.decoder)
    except DecoderUnavailable as exc:
        raise CheckFailed(str(getattr(exc, "message", exc))) from None
    started = time.perf_counter()
    texts = [code.text for code in decoder.decode(gray)]
    took = (time.perf_counter() - started) * 1000
    if SELFTEST_QR_TEXT not in texts:
        raise CheckFailed(f"{options.decoder} did not read the test image (got {texts!r})")
    return f"{options.decoder} read the test image in {took:.0f} ms"


def _describe_status(url: str, status: dict[str, Any]) -> str:
    event = status.get("event") or {}
    return (f"{url} answers: {event.get('name', '?')} ({event.get('list', '?')}), "
            f"{status.get('checkins', '?')} of {status.get('total', '?')} checked in")  # fmt: skip


def _status(url: str, key: str, settings: Settings, cert_sha256: str = "") -> dict[str, Any]:
    from kiosk.client import PretixdroidClient
    from kiosk.client.errors import HostProblem

    client = PretixdroidClient(url, key, settings.connect_timeout, settings.read_timeout, cert_sha256=cert_sha256)
    try:
        return client.status()
    except HostProblem as exc:
        raise CheckFailed(f"{exc.operator_message} ({exc.detail})" if exc.detail else exc.operator_message) from None
    finally:
        client.close()


def check_host(options: StationOptions, settings: Settings) -> str:
    """The host answers ``status/`` with this station's key (host mode: start it here first)."""
    if not (options.host or options.demo):
        if not options.server_url or not options.key:
            raise CheckFailed("this station is not set up: scan a setup code, or use --setup or --server/--key")
        status = _status(options.server_url, options.key, settings, options.cert_sha256)
        return _describe_status(options.server_url, status)
    from kiosk.hosting.service import HostError, HostService

    service = HostService(options.data_dir, options.bind, options.port, event=settings.event or None,
                          station_name=settings.station_name, insecure_http=options.insecure_http)  # fmt: skip
    try:
        if options.demo:
            service.load_demo()
        service.start()
        setup = service.own_station_setup(settings)
        return "host mode, " + _describe_status(setup.url, _status(setup.url, setup.key, settings, setup.cert_sha256))
    except HostError as exc:
        raise CheckFailed(str(exc)) from None
    finally:
        service.stop()


def check_assets(options: StationOptions, settings: Settings) -> str:
    """The result sounds are valid WAV files and the icons are present."""
    for name in SOUND_NAMES:
        path = asset_path(name)
        try:
            with wave.open(str(path), "rb") as sound:
                if sound.getnframes() == 0:
                    raise CheckFailed(f"the sound {path} is empty")
        except (OSError, wave.Error) as exc:
            raise CheckFailed(f"the sound {path} is missing or not a WAV file ({exc})") from None
    missing = [name for name in ICON_NAMES if not asset_path(name).is_file()]
    if missing:
        raise CheckFailed(f"icons missing from {asset_path('')}: {', '.join(missing)}")
    return f"{len(SOUND_NAMES)} sounds and {len(ICON_NAMES)} icons in {asset_path('')}"


def check_qt(options: StationOptions, settings: Settings) -> str:
    """The Qt toolkit, its platform plugin and the sound module load."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display: Qt would abort the process
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        raise CheckFailed(f"the Qt toolkit cannot load: {exc}") from None
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from kiosk.logging_setup import install_qt_message_handler

    install_qt_message_handler()  # Qt's own notes (e.g. missing PipeWire) go to the log, not the terminal
    try:
        from PySide6.QtMultimedia import QSoundEffect  # noqa: F401 - loading it is the check
    except ImportError as exc:
        raise CheckFailed(f"Qt {pyside_version} runs, but sound output cannot load: {exc}") from None
    return f"Qt {pyside_version}, platform {app.platformName()}, sound module loads"


CHECKS: tuple[tuple[str, Callable[[StationOptions, Settings], str]], ...] = (
    ("settings", check_settings),
    ("camera", check_camera),
    ("decoder", check_decoder),
    ("host", check_host),
    ("assets", check_assets),
    ("qt", check_qt),
)


def run_self_test(options: StationOptions, settings: Settings | None = None) -> int:
    """Run every check, print the checklist, return 0 if all passed, else 1."""
    settings = settings if settings is not None else Settings.load(options.data_dir)
    failures = 0
    for name, check in CHECKS:
        try:
            line = f"[ OK ] {name}: {check(options, settings)}"
        except CheckFailed as exc:
            failures += 1
            line = f"[FAIL] {name}: {exc}"
        except Exception as exc:  # noqa: BLE001 - one check's crash must not hide the others
            failures += 1
            log.exception("self-test check %s crashed", name)
            line = f"[FAIL] {name}: unexpected {type(exc).__name__}: {exc} (details in the log)"
        log.info("self-test %s", line)
        print(line, flush=True)
    print(f"Self-test {'passed' if not failures else f'FAILED: {failures} of {len(CHECKS)} checks'}", flush=True)
    return 1 if failures else 0
