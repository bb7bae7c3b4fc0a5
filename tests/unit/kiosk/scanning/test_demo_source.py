"""The demo camera: each demo ticket in turn with empty gaps, all outcomes within 30 s, at its frame rate."""



from kiosk.scanning.demo_source import DEMO_SECRETS, DemoTicketSource
from tests.support.sources import drain, texts


def test_the_demo_camera_shows_each_demo_ticket_in_turn_with_empty_gaps_between():
    source = DemoTicketSource(size=(640, 360))
    source.open()
    shown = []
    for slot in range(len(DEMO_SECRETS)):
        start = slot * (source.seconds_per_code + source.gap_seconds)
        for t in (start + 0.1, start + 1.5, start + 2.9):
            assert texts(source.frame_at(t)) == [DEMO_SECRETS[slot]]
        assert texts(source.frame_at(start + 3.5)) == []
        shown.append(source.secret_at(start + 1.0))
    assert shown == list(DEMO_SECRETS)
    assert texts(source.frame_at(source.cycle_seconds + 1.0)) == [DEMO_SECRETS[0]]  # it loops


def test_the_demo_shows_all_four_outcomes_within_30_seconds():
    source = DemoTicketSource()
    first_seen = {s: i * (source.seconds_per_code + source.gap_seconds) for i, s in enumerate(source.secrets)}
    for secret in ("DEMO-VALID-0001", "DEMO-USED-0001", "DEMO-UNPAID-0001", "DEMO-UNKNOWN-0000"):
        assert first_seen[secret] + source.seconds_per_code <= 30


def test_the_demo_camera_delivers_frames_at_its_frame_rate():
    with DemoTicketSource(size=(320, 180), fps=20) as source:
        frames, elapsed = drain(source, seconds=0.5, until_ended=False)
    assert 5 <= len(frames) <= 12  # about 10; fewer only if this machine is starved
    assert not frames[0].image.flags.writeable  # shared pictures are protected from drawing on
