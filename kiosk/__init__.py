"""checkin-kiosk scanning station (PySide6)."""
