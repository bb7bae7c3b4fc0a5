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

from kiosk.i18n import QT_TRANSLATE_NOOP, later, shown
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
        raise CheckFailed("; ".join(settings.problems))  # the settings file's problems, as logged
    with tempfile.NamedTemporaryFile(dir=options.data_dir, prefix=".selftest-"):
        pass
    if settings.path.exists():
        return later(QT_TRANSLATE_NOOP("SelfTest", "read {path} (saved); data dir writable"), path=str(settings.path))
    return later(QT_TRANSLATE_NOOP("SelfTest", "read {path} (defaults); data dir writable"), path=str(settings.path))


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
                return later(QT_TRANSLATE_NOOP("SelfTest", "opened {camera} ({width}x{height})"),
                             camera=source.describe(), width=width, height=height)
            if source.ended:
                break
            time.sleep(0.02)
        raise CheckFailed(later(QT_TRANSLATE_NOOP("SelfTest", "{camera} opened but gave no picture within {seconds} s"),
                                camera=source.describe(), seconds=f"{CAMERA_TIMEOUT:.0f}"))
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
        raise CheckFailed(later(QT_TRANSLATE_NOOP("SelfTest", "the test image {path} is missing or unreadable"),
                                path=str(path)))
    try:
        decoder = make_decoder(options.decoder)
    except DecoderUnavailable as exc:
        raise CheckFailed(getattr(exc, "message", str(exc))) from None
    started = time.perf_counter()
    texts = [code.text for code in decoder.decode(gray)]
    took = (time.perf_counter() - started) * 1000
    if SELFTEST_QR_TEXT not in texts:
        raise CheckFailed(later(QT_TRANSLATE_NOOP("SelfTest", "{decoder} did not read the test image (got {texts})"),
                                decoder=options.decoder, texts=repr(texts)))
    return later(QT_TRANSLATE_NOOP("SelfTest", "{decoder} read the test image in {ms} ms"), decoder=options.decoder,
                 ms=f"{took:.0f}")


def _describe_status(url: str, status: dict[str, Any]) -> str:
    event = status.get("event") or {}
    return later(QT_TRANSLATE_NOOP("SelfTest", "{url} answers: {event} ({list}), {checked} of {total} checked in"),
                 url=url, event=event.get("name", "?"), list=event.get("list", "?"), checked=status.get("checkins", "?"),
                 total=status.get("total", "?"))


def _status(url: str, key: str, settings: Settings, cert_sha256: str = "") -> dict[str, Any]:
    from kiosk.client import PretixdroidClient
    from kiosk.client.errors import HostProblem

    client = PretixdroidClient(url, key, settings.connect_timeout, settings.read_timeout, cert_sha256=cert_sha256)
    try:
        return client.status()
    except HostProblem as exc:
        if exc.detail:
            raise CheckFailed(later(QT_TRANSLATE_NOOP("SelfTest", "{problem} ({detail})"), problem=exc.operator_message,
                                    detail=exc.detail)) from None
        raise CheckFailed(exc.operator_message) from None
    finally:
        client.close()


def check_host(options: StationOptions, settings: Settings) -> str:
    """The host answers ``status/`` with this station's key (host mode: start it here first)."""
    if not (options.host or options.demo):
        if not options.server_url or not options.key:
            raise CheckFailed(QT_TRANSLATE_NOOP("SelfTest", "this station is not set up: scan a setup code, or use "
                                                            "--setup or --server/--key"))
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
        return later(QT_TRANSLATE_NOOP("SelfTest", "host mode, {status}"),
                     status=_describe_status(setup.url, _status(setup.url, setup.key, settings,
                                                                         setup.cert_sha256)))
    except HostError as exc:
        raise CheckFailed(exc.args[0] if exc.args else str(exc)) from None
    finally:
        service.stop()


def check_assets(options: StationOptions, settings: Settings) -> str:
    """The result sounds are valid WAV files and the icons are present."""
    for name in SOUND_NAMES:
        path = asset_path(name)
        try:
            with wave.open(str(path), "rb") as sound:
                if sound.getnframes() == 0:
                    raise CheckFailed(later(QT_TRANSLATE_NOOP("SelfTest", "the sound {path} is empty"), path=str(path)))
        except (OSError, wave.Error) as exc:
            raise CheckFailed(later(QT_TRANSLATE_NOOP("SelfTest", "the sound {path} is missing or not a WAV file "
                                                                  "({problem})"), path=str(path), problem=str(exc))) from None
    missing = [name for name in ICON_NAMES if not asset_path(name).is_file()]
    if missing:
        raise CheckFailed(later(QT_TRANSLATE_NOOP("SelfTest", "icons missing from {folder}: {names}"),
                                folder=str(asset_path("")), names=", ".join(missing)))
    return later(QT_TRANSLATE_NOOP("SelfTest", "{sounds} sounds and {icons} icons in {folder}"), sounds=len(SOUND_NAMES),
                 icons=len(ICON_NAMES), folder=str(asset_path("")))


def _application() -> Any:
    """The QApplication (made on first need; offscreen without a display); ImportError if Qt cannot load."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display: Qt would abort the process
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0]])


def check_qt(options: StationOptions, settings: Settings) -> str:
    """The Qt toolkit, its platform plugin and the sound module load."""
    try:
        from PySide6 import __version__ as pyside_version

        app = _application()
    except ImportError as exc:
        raise CheckFailed(later(QT_TRANSLATE_NOOP("SelfTest", "the Qt toolkit cannot load: {problem}"),
                                problem=str(exc))) from None
    from kiosk.logging_setup import install_qt_message_handler

    install_qt_message_handler()  # Qt's own notes (e.g. missing PipeWire) go to the log, not the terminal
    try:
        from PySide6.QtMultimedia import QSoundEffect  # noqa: F401 - loading it is the check
    except ImportError as exc:
        raise CheckFailed(later(QT_TRANSLATE_NOOP("SelfTest", "Qt {version} runs, but sound output cannot load: "
                                                              "{problem}"), version=pyside_version, problem=str(exc))) from None
    return later(QT_TRANSLATE_NOOP("SelfTest", "Qt {version}, platform {platform}, sound module loads"),
                 version=pyside_version, platform=app.platformName())


CHECKS: tuple[tuple[str, Callable[[StationOptions, Settings], str]], ...] = (
    (QT_TRANSLATE_NOOP("SelfTest", "settings"), check_settings),
    (QT_TRANSLATE_NOOP("SelfTest", "camera"), check_camera),
    (QT_TRANSLATE_NOOP("SelfTest", "decoder"), check_decoder),
    (QT_TRANSLATE_NOOP("SelfTest", "host"), check_host),
    (QT_TRANSLATE_NOOP("SelfTest", "assets"), check_assets),
    (QT_TRANSLATE_NOOP("SelfTest", "qt"), check_qt),
)


def _speak(language: str) -> None:
    """Print the checklist in the station's language if Qt loads (else English: the qt check says why)."""
    try:
        _application()
        from kiosk.ui.language import use_language

        use_language(language)
    except ImportError as exc:
        log.info("self-test in English: Qt cannot load (%s)", exc)


def run_self_test(options: StationOptions, settings: Settings | None = None) -> int:
    """Run every check, print the checklist, return 0 if all passed, else 1."""
    settings = settings if settings is not None else Settings.load(options.data_dir)
    _speak(options.language)
    failures = 0
    for name, check in CHECKS:
        mark = "[ OK ]"  # the marks stay as they are in every language: scripts look for them
        try:
            said = check(options, settings)
        except CheckFailed as exc:
            failures += 1
            mark, said = "[FAIL]", exc.args[0] if exc.args else ""
        except Exception as exc:  # noqa: BLE001 - one check's crash must not hide the others
            failures += 1
            log.exception("self-test check %s crashed", name)
            mark, said = "[FAIL]", later(QT_TRANSLATE_NOOP("SelfTest", "unexpected {kind}: {problem} (details in the log)"),
                                         kind=type(exc).__name__, problem=str(exc))
        log.info("self-test %s %s: %s", mark, name, said)  # the log stays English
        print(f"{mark} {shown(name)}: {shown(said)}", flush=True)
    if failures:
        print(shown(later(QT_TRANSLATE_NOOP("SelfTest", "Self-test FAILED: {failed} of {checks} checks"),
                          failed=failures, checks=len(CHECKS))), flush=True)
    else:
        print(shown(QT_TRANSLATE_NOOP("SelfTest", "Self-test passed")), flush=True)
    return 1 if failures else 0
