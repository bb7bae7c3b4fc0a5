"""One sound per kind of result (valid, error/already used, attention), silently skipped without audio."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl, Signal

from kiosk.i18n import QT_TRANSLATE_NOOP
from kiosk.paths import asset_path

log = logging.getLogger(__name__)

SOUND_FILES = {"valid": "valid.wav", "error": "error.wav", "attention": "attention.wav"}
# Why results are silent, for the "sound off" mark on the scanning screen.
SILENT_SETTINGS = QT_TRANSLATE_NOOP("Scanning", "Sound off (settings)")
SILENT_NO_OUTPUT = QT_TRANSLATE_NOOP("Scanning", "Sound off: no audio output")


class Sounds(QObject):
    """Plays ``valid``, ``error`` or ``attention``; does nothing if QtMultimedia or the device is missing.

    The sound files are loaded the first time sound is on (at start, or when staff switch it on
    in the settings), so a station started silent can still play them later. ``silent_reason``
    says why nothing can be heard (sound switched off, no audio output); ``changed`` is emitted
    when that may have changed.
    """

    changed = Signal()

    def __init__(self, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.played: list[str] = []  # what was asked to play (the log of a station, and tests)
        self._effects: dict[str, object] = {}
        self._loaded = False
        self._enabled = False
        self.enabled = enabled

    @property
    def enabled(self) -> bool:
        """Whether results play a sound."""
        return self._enabled

    @enabled.setter
    def enabled(self, on: bool) -> None:
        self._enabled = bool(on)
        if self._enabled and not self._loaded:
            self._loaded = True
            self._load()
        self.changed.emit()

    @property
    def silent_reason(self) -> str | None:
        """Why results make no sound (``SILENT_SETTINGS``, ``SILENT_NO_OUTPUT``), or None when they can be heard."""
        if not self._enabled:
            return SILENT_SETTINGS
        return None if self.available else SILENT_NO_OUTPUT

    def _load(self) -> None:
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError:
            log.info("QtMultimedia not available: results are silent")
            return
        try:
            if not QMediaDevices.audioOutputs():
                log.info("no audio output device: results are silent")
                return
        except RuntimeError:
            return
        for name, filename in SOUND_FILES.items():
            path = asset_path(filename)
            if not path.is_file():
                log.warning("sound %s missing; that result is silent", path)
                continue
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(0.9)
            self._effects[name] = effect

    @property
    def available(self) -> bool:
        """Whether any sound can actually be heard."""
        return bool(self._effects)

    def play(self, name: str) -> None:
        """Play the sound for ``name`` (stops the previous one: the newest result wins)."""
        if not self._enabled:
            return
        self.played.append(name)
        for other in self._effects.values():
            other.stop()
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()
