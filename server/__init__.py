"""checkin-kiosk host server: the pretixdroid API over a SQLite or PostgreSQL store."""

__version__ = "0.1.0"
