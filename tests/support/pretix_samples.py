"""Real pretix "Order data (JSON)" exports in tests/data/pretix-samples, and tickets of their event demo/fest."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "pretix-samples"
PRETIX_2026 = SAMPLES / "pretix-2026.8.0-order-data.json"
PRETIX_3_11 = SAMPLES / "pretix-3.11.1-order-data.json"

# Tickets of the sample event demo/fest (products: 1 Weekend Pass, 2 T-Shirt, 3 Parking add-on of the pass).
PASS = "wyrfav3cjfstbv56qhaa84mjj6fej9tp"  # Jürgen Müller, paid order AYKPG
PARKING = "2utzs6x2kygz6hrdv2svsj29kjsxdjmc"  # his Parking add-on
OTHER_PASS = "xrdhf3f7c6bxwej3rqw2g5muaxzq3gyf"  # Ada Lovelace, paid
