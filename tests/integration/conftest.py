"""The station integration tests use the station UI fixtures (a real demo host, real stations)."""

from tests.kiosk.conftest import demo_host, host, make_station  # noqa: F401 - fixtures, shared with tests/kiosk
