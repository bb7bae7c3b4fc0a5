"""Without zbar or pyzbar installed, asking for pyzbar explains how to install it (child processes)."""

import subprocess
import sys
import textwrap


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                            timeout=60, check=True)
    return result.stdout.strip()


def test_missing_zbar_library_explains_how_to_install_it():
    # What a machine without libzbar0 looks like to pyzbar: ctypes finds no "zbar" library.
    out = run_python("""
        import ctypes.util
        real = ctypes.util.find_library
        ctypes.util.find_library = lambda name: None if name == "zbar" else real(name)
        from kiosk.scanning.decoding import DecoderUnavailable, make_decoder
        try:
            make_decoder("pyzbar")
        except DecoderUnavailable as error:
            print(error.message)
    """)
    assert out == ("The pyzbar decoder needs the zbar library: sudo apt-get install libzbar0, "
                   "or use --decoder zxing.")


def test_missing_pyzbar_package_explains_how_to_install_it():
    out = run_python("""
        import sys
        sys.modules["pyzbar"] = None  # as if pyzbar were not installed
        from kiosk.scanning.decoding import DecoderUnavailable, make_decoder
        try:
            make_decoder("pyzbar")
        except DecoderUnavailable as error:
            print(error.message)
        print(make_decoder("zxing").name)
    """)
    assert "pip install pyzbar" in out
    assert out.endswith("zxing")
