"""``checkin-kiosk``: parse the command line, prepare the data dir and logging, then dispatch.

``export-journal`` and ``--help`` never import Qt; the station window (``kiosk.app``) is
imported only when it is about to run.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from kiosk.logging_setup import log_banner, redact_secret, setup_logging
from kiosk.options import ParsedCommand, parse_command_line, resolve_options, save_command_line_settings
from kiosk.paths import JOURNAL_FILENAME, default_data_dir, log_dir
from kiosk.settings import Settings, SettingsError
from kiosk.station.journal import JournalError, export_csv

log = logging.getLogger("kiosk.cli")


class _Fail(Exception):
    """A plain message for the user; main() prints it and exits with ``status``."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def _prepare_data_dir(parsed: ParsedCommand) -> tuple[Path, bool]:
    """The data dir (created), and whether it is a throwaway demo dir to delete at exit."""
    if parsed.data_dir is None and parsed.demo:
        return Path(tempfile.mkdtemp(prefix="checkin-kiosk-demo-")), True
    data_dir = parsed.data_dir or default_data_dir()
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # holds the key and the journal
    except OSError as exc:
        raise _Fail(f"cannot create the data directory {data_dir}: {exc.strerror or exc}", 2) from None
    if not data_dir.is_dir():
        raise _Fail(f"the data directory {data_dir} is not a directory", 2)
    return data_dir, False


def _export_journal(data_dir: Path, out: Path) -> int:
    try:
        rows = export_csv(data_dir / JOURNAL_FILENAME, out)
    except JournalError as exc:
        raise _Fail(str(exc)) from None
    except OSError as exc:
        raise _Fail(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"Wrote {rows} scan{'s' if rows != 1 else ''} to {out}")
    return 0


def _run(parsed: ParsedCommand) -> int:
    data_dir, throwaway = _prepare_data_dir(parsed)
    try:
        setup_logging(log_dir(data_dir if parsed.data_dir is not None else None))
        if parsed.command == "export-journal":
            assert parsed.export_path is not None
            return _export_journal(data_dir, parsed.export_path)
        redact_secret(parsed.key)
        settings = Settings.load(data_dir)
        redact_secret(settings.key)
        _check_unpinned_https(parsed)
        try:
            if save_command_line_settings(parsed, settings):
                log.info("saved the settings given on the command line to %s", settings.path)
        except (SettingsError, OSError) as exc:
            raise _Fail(f"cannot save the settings in {data_dir}: {exc}") from None
        options = resolve_options(parsed, settings, data_dir)
        log_banner(options, settings)
        if parsed.command == "self-test":
            from kiosk.selftest import run_self_test

            return run_self_test(options, settings)
        from kiosk.app import run_station  # Qt is loaded only here

        return int(run_station(options) or 0)
    finally:
        if throwaway:
            shutil.rmtree(data_dir, ignore_errors=True)


def _check_unpinned_https(parsed: ParsedCommand) -> None:
    """``--server https://... --key`` without ``--cert-sha256``: ordinary trust, or staff compare fingerprints.

    A host whose certificate this computer trusts (the organiser's own CA) needs no pin. Any
    other one is not saved blindly: the station prints the fingerprint the host presents and
    stops, so staff compare it with the host's before starting again with ``--cert-sha256``.
    A host that cannot be reached now is saved as given (the station says what is wrong later).
    """
    url = parsed.server_url
    if parsed.setup is not None or parsed.cert_sha256 or not url or not url.lower().startswith("https://"):
        return
    from kiosk.client.pinning import presented_fingerprint, trusted_by_this_computer
    from kiosk.scanning.codes import format_fingerprint

    try:
        if trusted_by_this_computer(url):
            return
        fingerprint = presented_fingerprint(url)
    except OSError as exc:
        log.warning("could not check the host's certificate now (%s); saved as given", exc.__class__.__name__)
        return
    raise _Fail(
        "This computer does not trust the host's certificate. The host presents this one (SHA-256):\n"
        f"    {format_fingerprint(fingerprint)}\n"
        "Compare it with the fingerprint the host shows (its host panel, F6: Certificate fingerprint; or "
        "`checkin-server tls show` on the host). Only if they are the same, start again with\n"
        f"    --cert-sha256 {fingerprint}",
        2,
    )


def _end_now_if_a_request_hangs(status: int) -> None:
    """End the process at once if the station left a thread waiting on its host (see kiosk.app)."""
    app = sys.modules.get("kiosk.app")
    if app is None or not app.threads_left_running():
        return
    log.info("ending the process without waiting for the host's answer")
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``checkin-kiosk``; returns the process exit status."""
    parsed = parse_command_line(argv)  # exits 2 with one line on a usage mistake
    try:
        status = _run(parsed)
        _end_now_if_a_request_hangs(status)
        return status
    except _Fail as exc:
        print(f"checkin-kiosk: error: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        print("checkin-kiosk: interrupted", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - last boundary: full detail to the log, one line to the user
        log.exception("unexpected error")
        print("checkin-kiosk: error: unexpected problem; details are in the log file", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
