"""A generated camera for ``checkin-kiosk --demo``: tickets held up in turn.

Each secret's QR code appears on a paper ticket or a phone, slightly rotated and
swaying like a hand holds it, on a scene background, for ``seconds_per_code``;
then the empty scene for ``gap_seconds`` (so the debouncer sees it leave); then the
next secret; looping. The pictures are rendered once at ``open()``, and each frame
is the background plus one pasted patch, so the demo costs little CPU.
"""

from __future__ import annotations

import time

import cv2
import numpy as np
import qrcode

from kiosk.scanning.frames import Frame, FrameSource, Pacer

#: The demo event's fixed secrets (see server.importer.create_demo): valid, already
#: used, unpaid, unknown and flagged for attention; all outcomes within 20 s.
DEMO_SECRETS = ("DEMO-VALID-0001", "DEMO-USED-0001", "DEMO-UNPAID-0001", "DEMO-UNKNOWN-0000",
                "DEMO-ATTENTION-0001")
_SWAY_DEGREES = (-3.0, -1.5, 0.0, 1.5, 3.0, 1.5, 0.0, -1.5)
_SWAY_FRAMES = 3  # frames per sway step: a slow hand, not a jitter


class DemoTicketSource(FrameSource):
    """A looping generated camera showing each secret's QR code in turn, with gaps in between."""

    def __init__(self, secrets: tuple[str, ...] | list[str] = DEMO_SECRETS, seconds_per_code: float = 3.0,
                 gap_seconds: float = 1.0, size: tuple[int, int] = (1280, 720), fps: float = 30.0) -> None:
        super().__init__()
        if not secrets:
            raise ValueError("DemoTicketSource needs at least one secret")
        self.secrets = tuple(secrets)
        self.seconds_per_code = seconds_per_code
        self.gap_seconds = gap_seconds
        self.size = size
        self.fps = fps
        self._pacer = Pacer(fps)
        self._t0 = 0.0
        self._background: np.ndarray | None = None
        self._patches: list[list[tuple[np.ndarray, np.ndarray, int, int]]] = []

    @property
    def cycle_seconds(self) -> float:
        """Length of one pass through all secrets, gaps included."""
        return len(self.secrets) * (self.seconds_per_code + self.gap_seconds)

    def open(self) -> None:
        """Render the background and every ticket pose (a few hundred ms at 1280x720); start the clock."""
        if self._background is None:
            self._background = _background(self.size)
            self._background.flags.writeable = False
            self._patches = [self._render_poses(i, s) for i, s in enumerate(self.secrets)]
        self._pacer = Pacer(self.fps)
        self._t0 = time.monotonic()

    def secret_at(self, t: float) -> str | None:
        """Return the secret shown ``t`` seconds after ``open()``, or None during a gap."""
        slot, offset = divmod(t % self.cycle_seconds, self.seconds_per_code + self.gap_seconds)
        return self.secrets[int(slot)] if offset < self.seconds_per_code else None

    def frame_at(self, t: float) -> np.ndarray:
        """Return the (read-only) picture shown ``t`` seconds after ``open()``."""
        if self._background is None:
            self.open()
        secret = self.secret_at(t)
        if secret is None:
            return self._background
        poses = self._patches[self.secrets.index(secret)]
        patch, mask, x, y = poses[int(t * self.fps / _SWAY_FRAMES) % len(poses)]
        image = self._background.copy()
        region = image[y:y + patch.shape[0], x:x + patch.shape[1]]
        np.copyto(region, patch, where=mask[..., None])
        image.flags.writeable = False
        return image

    def read(self) -> Frame | None:
        """Return the current picture when a frame is due (``fps`` per second), else None."""
        if self._background is None or not self._pacer.due():
            return None
        return self._frame(self.frame_at(time.monotonic() - self._t0))

    def idle_wait(self) -> float:
        """Seconds until the next frame is due."""
        return self._pacer.wait()

    def describe(self) -> str:
        """Return "demo camera"."""
        return "demo camera"

    def _render_poses(self, number: int, secret: str) -> list[tuple[np.ndarray, np.ndarray, int, int]]:
        width, height = self.size
        card = _phone(secret, height) if number % 2 else _paper_ticket(secret, height)
        lean = (-6.0, 4.0, -2.0, 7.0, -4.0)[number % 5]
        center = (width * (0.45 + 0.05 * (number % 3)), height * 0.5)
        poses = []
        for step, sway in enumerate(_SWAY_DEGREES):
            drift = (3.0 * np.cos(step * np.pi / 4), 2.0 * np.sin(step * np.pi / 4))
            poses.append(_rotated_patch(card, lean + sway, (center[0] + drift[0], center[1] + drift[1]),
                                        self.size))
        return poses


def _qr(text: str, module_px: int) -> np.ndarray:
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    gray = np.where(np.array(code.get_matrix(), dtype=bool), 0, 255).astype(np.uint8)
    gray = np.kron(gray, np.ones((module_px, module_px), dtype=np.uint8))
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


def _paper_ticket(secret: str, frame_height: int) -> np.ndarray:
    qr = _qr(secret, max(2, frame_height * 2 // 5 // 29))
    side = qr.shape[0]
    card = np.full((side + side // 3, side + side // 8, 3), (236, 244, 248), np.uint8)
    card[side // 16:side // 16 + side, side // 16:side // 16 + side] = qr
    scale = side / 400
    cv2.putText(card, "DEMO TICKET", (side // 10, side + side // 6), cv2.FONT_HERSHEY_SIMPLEX, scale,
                (60, 40, 30), max(1, round(2 * scale)), cv2.LINE_AA)
    cv2.putText(card, secret, (side // 10, side + side // 4), cv2.FONT_HERSHEY_SIMPLEX, scale * 0.7,
                (60, 40, 30), max(1, round(scale)), cv2.LINE_AA)
    return card


def _phone(secret: str, frame_height: int) -> np.ndarray:
    qr = _qr(secret, max(2, frame_height * 2 // 5 // 29))
    side = qr.shape[0]
    margin = side // 10
    phone = np.full((side * 2, side + 2 * margin, 3), (40, 36, 34), np.uint8)
    screen_top = side // 4
    cv2.rectangle(phone, (margin // 2, screen_top - margin), (phone.shape[1] - margin // 2, side * 2 - side // 5),
                  (250, 250, 250), -1)
    phone[screen_top + side // 4:screen_top + side // 4 + side, margin:margin + side] = qr
    cv2.putText(phone, secret, (margin, screen_top + side // 8), cv2.FONT_HERSHEY_SIMPLEX, side / 700,
                (80, 80, 80), 1, cv2.LINE_AA)
    return phone


def _rotated_patch(card: np.ndarray, angle: float, center: tuple[float, float],
                   frame_size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Rotate ``card`` by ``angle`` around its middle, placed at ``center``; crop to what is visible."""
    h, w = card.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    matrix[:, 2] += (center[0] - w / 2, center[1] - h / 2)
    warped = cv2.warpAffine(card, matrix, frame_size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpAffine(np.full((h, w), 255, np.uint8), matrix, frame_size, flags=cv2.INTER_LINEAR) > 127
    ys, xs = np.nonzero(mask)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    return warped[y0:y1, x0:x1].copy(), mask[y0:y1, x0:x1].copy(), int(x0), int(y0)


def _background(size: tuple[int, int]) -> np.ndarray:
    """An entrance-hall-like scene: lit wall, floor, a door, a few blurred people shapes."""
    width, height = size
    rng = np.random.default_rng(7)
    ys = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    xs = np.linspace(0, 1, width, dtype=np.float32)[None, :]
    wall = 150 + 60 * (1 - abs(xs - 0.6)) - 40 * ys
    image = np.stack([wall * 0.85, wall * 0.95, wall], axis=-1)
    image[int(height * 0.72):] *= 0.55  # floor
    cv2.rectangle(image, (int(width * 0.06), int(height * 0.15)), (int(width * 0.22), int(height * 0.72)),
                  (70, 90, 120), -1)
    for _ in range(5):
        x, y = int(rng.uniform(0, width)), int(rng.uniform(height * 0.3, height * 0.8))
        colour = [float(c) for c in rng.uniform(30, 200, 3)]
        cv2.ellipse(image, (x, y), (int(width * 0.05), int(height * 0.3)), 0, 0, 360, colour, -1)
        cv2.circle(image, (x, y - int(height * 0.33)), int(height * 0.06), (120, 140, 170), -1)
    image = cv2.GaussianBlur(image, (0, 0), max(2.0, width / 200))
    image += rng.normal(0, 2.5, image.shape).astype(np.float32)
    image = np.clip(image, 0, 255).astype(np.uint8)
    cv2.putText(image, "DEMO CAMERA", (int(width * 0.02), int(height * 0.06)), cv2.FONT_HERSHEY_SIMPLEX,
                height / 900, (255, 255, 255), max(1, height // 360), cv2.LINE_AA)
    return image
