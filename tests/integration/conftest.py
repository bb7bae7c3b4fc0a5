"""Fixtures of the integration tests: real hosts, real stations (tests/support/stations.py), the demo event."""

from tests.support.refresh_support import demo_event  # noqa: F401 - fixture (stepped refresh tests)
from tests.support.stations import demo_host, host, make_station  # noqa: F401 - fixtures
