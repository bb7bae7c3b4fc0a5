"""The station's Qt-free logic: the screen state machine (``screens``), what a result shows
(``presenting``) and the check-in journal (``journal``). The Qt glue is in ``kiosk.ui``."""
