"""The stand-ins answer what real clients send: Kavenegar's Node SDK puts an absolute URL in the
request line (`POST http://host/v1/KEY/sms/send.json HTTP/1.1`), which uvicorn's h11 parser answers
with 404; the sandbox process runs on httptools."""

from __future__ import annotations

import json
import socket

import pytest

from dorna_app import launcher
from tests.conftest import free_port


@pytest.fixture(scope="module")
def sandbox_process():
    port = free_port()
    proc = launcher.start_sandbox(port, smtp_port=free_port())  # not port + 1, which may be taken
    try:
        assert launcher.wait_for_sandbox(port, proc), "the sandbox did not start"
        yield port
    finally:
        launcher.stop(proc)


def raw_request(port: int, request_line_target: str, body: str) -> tuple[int, str]:
    request = (f"POST {request_line_target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               "Content-Type: application/x-www-form-urlencoded\r\n"
               f"Content-Length: {len(body.encode())}\r\nConnection: close\r\n\r\n{body}")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, payload = data.decode().partition("\r\n\r\n")
    return int(head.split(" ", 2)[1]), payload


@pytest.mark.parametrize("absolute", [True, False])
def test_sms_send_answers_absolute_and_origin_form_request_lines(sandbox_process, absolute):
    path = "/v1/SANDBOX-KEY-1234/sms/send.json"
    target = f"http://127.0.0.1:{sandbox_process}{path}" if absolute else path
    status, payload = raw_request(sandbox_process, target, "receptor=09120000000&message=test&sender=10004346")
    assert status == 200
    assert json.loads(payload)["return"]["status"] == 200
