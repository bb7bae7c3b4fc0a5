"""``python -m server``: the checkin-server command line."""

import sys

from server.cli import main

sys.exit(main())
