"""Schedule: how long the host has been out of reach, for the OFFLINE banner's hint."""

from __future__ import annotations

from kiosk.client.errors import HostError, HostTimeout, HostUnreachable, KeyRejected
from kiosk.offline.schedule import Schedule
from kiosk.offline.settings import GateSettings


def schedule(mode: str = "automatic") -> Schedule:
    return Schedule(GateSettings(mode=mode, outage_hint_after=60.0))


def test_the_outage_is_counted_from_its_first_failure_and_told_only_after_the_threshold():
    s = schedule()
    assert s.unreachable_for(1000.0) is None  # never failed
    s.failed(HostUnreachable("refused"), 1000.0)
    s.failed(HostTimeout("probe"), 1030.0)  # the same outage goes on
    assert s.unreachable_for(1059.0) is None
    assert s.unreachable_for(1060.0) == 60.0
    assert s.unreachable_for(1125.0) == 125.0


def test_any_answer_from_the_host_ends_the_outage():
    for reached in (lambda s: s.answered(1100.0), lambda s: s.online(1100.0),
                    lambda s: s.failed(KeyRejected("403"), 1100.0), lambda s: s.failed(HostError("500", 500), 1100.0)):
        s = schedule()
        s.failed(HostUnreachable("refused"), 1000.0)
        reached(s)
        assert s.unreachable_for(2000.0) is None


def test_no_hint_while_staff_forced_offline():
    s = schedule("offline")
    s.failed(HostUnreachable("refused"), 1000.0)
    assert s.unreachable_for(2000.0) is None
