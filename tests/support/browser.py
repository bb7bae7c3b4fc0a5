"""A real browser for the overview page: Debian's Chromium, headless, driven by Selenium through chromedriver.

``chromium_driver(width, height)`` starts one with a fresh profile and the flags that keep it
off the network (no sync, no component updates, no background requests). Without Chromium
and its driver the test is skipped, except under ``CI`` (the setup script installs them:
``apt-get install chromium chromium-driver``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = ("chromium", "chromium-browser")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1")


def _need(what: str) -> None:
    message = f"{what} is not installed (sudo apt-get install -y chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium_driver(width: int = 1280, height: int = 900, extra_flags: tuple[str, ...] = ()) -> Iterator:
    """A Selenium Chrome driver on Debian's Chromium at ``width`` x ``height``, with the console log kept;
    ``extra_flags`` go to Chromium too."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _need("selenium")
    binary = next((found for name in CHROMIUM if (found := shutil.which(name))), None)
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        _need("Chromium or chromedriver")
    profile = tempfile.mkdtemp(prefix="overview-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*FLAGS, *extra_flags):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    try:
        driver.set_window_size(width, height)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver) -> list[str]:
    """The browser console's errors and warnings so far (SEVERE or WARNING)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
