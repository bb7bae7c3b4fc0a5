"""What a scanned code means: a ticket secret or a station setup code."""

import json

import cv2
import pytest

from kiosk.scanning.codes import InvalidSetupCode, PretixDeviceCode, StationSetup, TicketCode, classify
from kiosk.scanning.decoding import ZxingDecoder
from tests.support import imagegen

KEY = "Zq8R2mX4pLk9Vt7Bn3Hc6Wd1Fy5Gs0Ja"
URL = "http://192.168.1.20:8000/pretixdroid/api/demo/democon/"


def setup_text(**fields: object) -> str:
    document = {"version": 3, "url": URL, "key": KEY, "allow_search": True, "show_info": True}
    document.update(fields)
    return json.dumps({k: v for k, v in document.items() if v is not ...})


def test_a_ticket_secret_is_redeemed_exactly_as_printed():
    assert classify("k24fhnz8ek5gjsarc4yqufggdtqdxzwm") == TicketCode("k24fhnz8ek5gjsarc4yqufggdtqdxzwm")


def test_line_endings_and_spaces_around_a_secret_are_dropped_but_inner_text_is_kept():
    assert classify("  DEMO-VALID-0001\r\n") == TicketCode("DEMO-VALID-0001")
    assert classify("\ufeffab cd\n") == TicketCode("ab cd")


def test_secrets_are_case_sensitive():
    assert classify("AbC") == TicketCode("AbC")


def test_the_hosts_station_code_configures_the_station():
    code = classify(setup_text())
    assert code == StationSetup(url=URL, key=KEY, allow_search=True, show_info=True, origin="scanned")


def test_version_2_setup_codes_are_accepted():
    assert isinstance(classify(setup_text(version=2)), StationSetup)


def test_the_server_address_always_ends_with_a_slash():
    code = classify(setup_text(url="https://tickets.example.org/pretixdroid/api/org/ev"))
    assert code.url == "https://tickets.example.org/pretixdroid/api/org/ev/"


def test_missing_search_and_info_flags_default_to_allowed():
    code = classify(setup_text(allow_search=..., show_info=...))
    assert (code.allow_search, code.show_info) == (True, True)


def test_a_station_code_can_forbid_search_and_info():
    code = classify(setup_text(allow_search=False, show_info=False))
    assert (code.allow_search, code.show_info) == (False, False)


def test_a_setup_code_with_a_trailing_newline_is_still_a_setup_code():
    assert isinstance(classify(setup_text() + "\r\n"), StationSetup)


@pytest.mark.parametrize("text", ['{"foo": 1}', "[1, 2, 3]", '"quoted"', "{not json", '{"url": "http://x/"}'])
def test_json_that_is_not_a_station_code_is_a_ticket_secret(text):
    assert classify(text) == TicketCode(text)


@pytest.mark.parametrize(("fields", "reason_part"), [
    ({"version": 1}, "version"),
    ({"version": ...}, "version"),
    ({"version": "3"}, "version"),
    ({"url": "ftp://host/api/"}, "server address"),
    ({"url": "http://"}, "server address"),
    ({"url": 5}, "server address"),
    ({"key": ""}, "key"),
    ({"key": "   "}, "key"),
    ({"allow_search": "yes"}, "allow_search"),
])
def test_a_broken_station_code_is_reported_and_never_redeemed_as_a_ticket(fields, reason_part):
    code = classify(setup_text(**fields))
    assert isinstance(code, InvalidSetupCode)
    assert reason_part in code.reason


def test_the_station_key_never_shows_in_logs():
    code = classify(setup_text())
    assert KEY not in repr(code)
    assert KEY not in str(code)
    assert "key=<hidden>" in repr(code)


def test_a_station_code_from_the_host_scanned_by_the_camera_configures_the_station():
    from server.admin import setup_json

    document = setup_json("http://10.0.0.5:8000", "demo", "democon", KEY, allow_search=False, show_info=True)
    frame = imagegen.code_frame([json.dumps(document)], width_fraction=0.35)
    (decoded,) = ZxingDecoder().decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
    code = classify(decoded.text)
    assert code == StationSetup(url="http://10.0.0.5:8000/pretixdroid/api/demo/democon/", key=KEY,
                                allow_search=False, show_info=True)


def test_no_setup_object_shows_its_key_in_repr_or_str(tmp_path):
    from kiosk.hosting.service import HostService
    from kiosk.options import parse_command_line, parse_setup_json, resolve_options
    from kiosk.settings import Settings
    from kiosk.station.screens import StationFlow

    scanned = classify(setup_text())
    parsed = parse_command_line(["--setup", setup_text(), "--data-dir", str(tmp_path / "station")])
    typed = parse_setup_json(setup_text(), origin="typed")
    flow = StationFlow(configured=False)
    flow.setup_scanned(scanned)
    holding = repr(flow) + str(flow)  # the offer the flow holds until it is applied
    effects = flow.setup_confirmed() + flow.connection_tested(True, "Connected.")
    host = HostService(tmp_path / "host", bind="127.0.0.1", port=0, station_name="door-1")
    host.load_demo(tickets=1)
    host.start()
    try:
        own = host.own_station_setup(save=False)
    finally:
        host.stop()
    options = resolve_options(parsed, Settings(tmp_path / "station"), tmp_path / "station")
    made = [(scanned, KEY), (parsed, KEY), (parsed.setup, KEY), (typed, KEY), (options, KEY), (own, own.key)]
    made += [(effect, KEY) for effect in effects]
    assert {type(thing).__name__ for thing, _ in made} >= {"StationSetup", "ParsedCommand", "StationOptions",
                                                           "CheckConnection", "ApplySetup"}  # fmt: skip
    for thing, key in made:
        assert key not in repr(thing) and key not in str(thing), type(thing).__name__
    assert "url=" in holding and KEY not in holding
    assert "key=<hidden>" in repr(own) and own.origin == "host"


def test_a_setup_code_carrying_a_name_names_the_station():
    assert classify(setup_text(name="  Door   2 ")).name == "Door 2"


@pytest.mark.parametrize("name", [..., 7, None, ["Door 2"]])
def test_a_setup_code_without_a_usable_name_still_sets_the_station_up_under_its_own_name(name):
    code = classify(setup_text(name=name))
    assert isinstance(code, StationSetup) and code.name == ""


FINGERPRINT = "ab" * 32


def test_a_setup_code_carries_the_hosts_certificate_fingerprint():
    code = classify(setup_text(url="https://10.0.0.5:8000/pretixdroid/api/demo/democon/", cert_sha256=FINGERPRINT))
    assert isinstance(code, StationSetup) and code.cert_sha256 == FINGERPRINT and code.encrypted
    assert FINGERPRINT in repr(code)  # not a secret: it is printed on the host for comparing


def test_a_fingerprint_copied_in_capitals_or_with_colons_is_the_same_fingerprint():
    for written in (FINGERPRINT.upper(), ":".join(["AB"] * 32), f"  {FINGERPRINT} "):
        assert classify(setup_text(cert_sha256=written)).cert_sha256 == FINGERPRINT


def test_a_setup_code_with_a_broken_fingerprint_is_refused_with_a_reason():
    for broken in ("ab" * 31, "zz" * 32, 42, ""):
        code = classify(setup_text(cert_sha256=broken))
        assert isinstance(code, InvalidSetupCode), broken
        assert "fingerprint" in code.reason


def test_a_setup_code_without_fingerprint_or_with_null_has_none():
    for code in (classify(setup_text()), classify(setup_text(cert_sha256=None))):
        assert code.cert_sha256 == "" and not code.encrypted


# --- pretix device codes (Organizer → Devices → "Connect device") ------------------------------------------------

def device_text(**overrides) -> str:
    document = {"handshake_version": 1, "url": "https://pretix.example.org", "token": "kpp4jn8g2ynzonp6"}
    document.update(overrides)
    return json.dumps({k: v for k, v in document.items() if v is not ...})


def test_a_pretix_device_code_is_recognised_and_never_a_ticket():
    code = classify(device_text())
    assert isinstance(code, PretixDeviceCode) and code.usable
    assert (code.url, code.token) == ("https://pretix.example.org", "kpp4jn8g2ynzonp6")


def test_a_pretix_device_code_typed_by_a_wedge_scanner_with_a_line_end_is_recognised():
    code = classify("\ufeff" + device_text() + "\r\n")
    assert isinstance(code, PretixDeviceCode) and code.usable


def test_the_device_token_never_shows_in_repr_or_str():
    code = classify(device_text())
    assert "kpp4jn8g2ynzonp6" not in repr(code) and "kpp4jn8g2ynzonp6" not in str(code)
    assert "https://pretix.example.org" in repr(code)


@pytest.mark.parametrize(("overrides", "words"), [
    ({"handshake_version": 2}, "handshake version 2"),
    ({"handshake_version": "1"}, "handshake version '1'"),
    ({"url": "ftp://pretix.example.org"}, "no valid pretix address"),
    ({"url": ...}, "no valid pretix address"),
    ({"token": " "}, "no device token"),
    ({"token": 12345}, "no device token"),
])
def test_an_unusable_pretix_device_code_says_why_and_is_still_never_a_ticket(overrides, words):
    code = classify(device_text(**overrides))
    assert isinstance(code, PretixDeviceCode) and not code.usable
    assert words in code.problem


def test_json_without_handshake_version_is_not_taken_for_a_device_code():
    assert isinstance(classify(json.dumps({"url": "https://pretix.example.org", "token": "x"})), TicketCode)


def test_a_pretix_device_code_in_a_camera_picture_decodes_and_is_recognised():
    # The code as pretix shows it (pretix/control/views/organizer.py: json.dumps with spaces).
    text = json.dumps({"handshake_version": 1, "url": "https://pretix.example.org", "token": "kpp4jn8g2ynzonp6"})
    frame = imagegen.code_frame([text], width_fraction=0.3)
    (decoded,) = ZxingDecoder().decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
    code = classify(decoded.text)
    assert isinstance(code, PretixDeviceCode) and code.usable and code.token == "kpp4jn8g2ynzonp6"
