"""Run ``checkin-server`` as a real process: one-shot commands and a ``serve`` process on a free loopback port."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

_SCRIPT = Path(sys.executable).parent / "checkin-server"
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "server"]
LISTENING = re.compile(r"Listening on (https?://\S+)")


def clean_env(**extra: str) -> dict[str, str]:
    """The test's environment without CHECKIN_* settings that could leak in, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHECKIN_")}
    env.update(extra)
    return env


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``checkin-server ARGS`` to completion; text stdout/stderr captured."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env or clean_env(), timeout=timeout,
                          stdin=subprocess.DEVNULL)


class ServeProcess:
    """``checkin-server [global args] serve --port 0`` with its stderr collected; ``url`` once listening.

    Plain HTTP by default (``--insecure-http``): tests about TLS pass their own ``serve_args``.
    """

    def __init__(self, *global_args: str, serve_args: tuple[str, ...] = ("--port", "0", "--insecure-http"),
                 env: dict[str, str] | None = None) -> None:
        self.command = [*CLI, *global_args, "serve", *serve_args]
        self.env = env or clean_env()
        self.lines: list[str] = []
        self.url: str | None = None
        self._listening = threading.Event()
        self.process: subprocess.Popen | None = None
        self._reader: threading.Thread | None = None

    def start(self, timeout: float = 60) -> ServeProcess:
        """Start the process and wait until it logs the URL it listens on."""
        self.process = subprocess.Popen(self.command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, env=self.env)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._listening.wait(timeout):
            self.process.kill()
            self.process.wait(10)
            raise AssertionError(f"serve did not start listening: {self.output}")
        return self

    def _read(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)
            match = LISTENING.search(line)
            if match and self.url is None:
                self.url = match.group(1)
                self._listening.set()
        self._listening.set()  # the process ended: stop waiting either way

    @property
    def output(self) -> str:
        """Everything the process wrote to stderr so far."""
        return "".join(self.lines)

    def signal(self, signum: int, timeout: float = 30) -> int:
        """Send ``signum`` and wait for the exit code (stderr fully read)."""
        assert self.process is not None
        self.process.send_signal(signum)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise
        if self._reader is not None:
            self._reader.join(timeout)
        return code

    def kill(self) -> None:
        """SIGKILL: no chance to clean up, like a power cut for the process."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(30)

    def stop(self) -> None:
        """Terminate if still running (cleanup); waits a bounded time, then kills."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.kill()

    def __enter__(self) -> ServeProcess:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

