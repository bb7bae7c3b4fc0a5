"""The ``workers`` fixture: capture threads a test started, stopped after it."""

from tests.support.capture import workers  # noqa: F401 - fixture
