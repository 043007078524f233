"""The postcodes.io adapter, against a local fake of the service (no network in tests)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache

from assets_directory.geocoding import Point, PostcodesIoGeocoder, get_geocoder, locate

pytestmark = pytest.mark.django_db
# What postcodes.io answers for a real postcode (its documented shape, trimmed).
ANSWERS = {
    "/postcodes/NG1%205FS": {"status": 200, "result": {"postcode": "NG1 5FS",
                             "latitude": 52.954907, "longitude": -1.155274}},
    "/postcodes/NG7%209XX": {"status": 404, "error": "Postcode not found"},
}  # fmt: skip


class FakePostcodesIo(BaseHTTPRequestHandler):
    asked: list[str] = []  # noqa: RUF012 (the fake's record of requests)
    down = False
    slow = False

    def do_GET(self):
        type(self).asked.append(self.path)
        if self.slow:
            time.sleep(1.0)
        answer = ANSWERS.get(self.path, {"status": 404, "error": "Postcode not found"})
        status = 500 if self.down else answer["status"]
        body = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def service(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePostcodesIo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.DIRECTORY_POSTCODES_IO_URL = f"http://127.0.0.1:{server.server_port}"
    settings.DIRECTORY_GEOCODER_TIMEOUT = 0.3
    FakePostcodesIo.asked, FakePostcodesIo.down, FakePostcodesIo.slow = [], False, False
    cache.clear()
    yield FakePostcodesIo
    server.shutdown()
    server.server_close()


def test_asks_the_service_once_then_answers_from_the_cache(service):
    geocoder = PostcodesIoGeocoder()
    assert geocoder.geocode("NG1 5FS") == Point(52.954907, -1.155274)
    assert geocoder.geocode("NG1 5FS") == Point(52.954907, -1.155274)
    assert service.asked == ["/postcodes/NG1%205FS"]


@pytest.mark.parametrize("trouble", ["down", "slow"])
def test_a_failing_or_slow_service_falls_back_to_the_offline_postcodes(service, postcodes, trouble):
    setattr(service, trouble, True)
    started = time.perf_counter()
    point = PostcodesIoGeocoder().geocode("NG1 5FS")
    assert point == Point(52.954906, -1.155276)  # Code-Point Open, loaded offline
    assert time.perf_counter() - started < 0.9  # the timeout, not the slow answer


def test_an_unknown_postcode_falls_back_to_its_district_through_the_search(
    service, postcodes, settings
):
    settings.DIRECTORY_GEOCODER = "assets_directory.geocoding.PostcodesIoGeocoder"
    assert isinstance(get_geocoder(), PostcodesIoGeocoder)
    located = locate("NG7 9XX")
    assert located.point is not None and located.label == "NG7"
    assert "We do not have the postcode NG7 9XX" in located.notice
    assert service.asked == ["/postcodes/NG7%209XX"]
