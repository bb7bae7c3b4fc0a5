"""The capture thread reconnects to a network camera that comes back (a real MJPEG server on loopback)."""


from kiosk.scanning.capture import CaptureWorker
from tests.support import imagegen
from tests.support.capture import States, stop_and_join, wait_for_frames
from tests.support.mjpeg_server import MjpegServer


def test_a_lost_network_camera_is_reconnected_when_it_comes_back(workers):
    picture = imagegen.code_frame([imagegen.SECRET_A], size=(320, 180), width_fraction=0.4)
    server = MjpegServer([picture], fps=30).start()
    states = States()
    worker = CaptureWorker(server.url, on_state_changed=states, backoff=(0.1, 0.4))
    workers.append(worker)
    try:
        worker.start()
        states.wait_for("running")
        lost_at = len(states.seen)
        server.stop()
        assert "stopped sending pictures" in states.wait_for("unavailable", after=lost_at)
        frames_while_lost = worker.frames_captured
        server = MjpegServer([picture], fps=30, port=server.port).start()
        states.wait_for("running", after=lost_at)
        wait_for_frames(worker, frames_while_lost + 3)
        assert worker.error is None
        assert stop_and_join(worker) < 1.0
    finally:
        server.stop()
