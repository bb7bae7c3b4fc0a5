"""The station's PySide6 widgets, workers and controller.

Importing this package also applies ``signal_refcount_fix`` (see there): PySide6 6.12's
``SignalInstance.emit`` drops a reference to the ``True`` it returns, and after a few
hundred emits CPython aborts with "bool_dealloc: deallocating True or False".
"""

from kiosk.ui.qtfix import signal_refcount_fix

signal_refcount_fix()
