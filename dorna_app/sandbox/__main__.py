"""`python -m dorna_app.sandbox --port N`: run the local stand-ins (gateway and SMS on N, SMTP on N+1)."""

from __future__ import annotations

import argparse

import uvicorn

from dorna_app.sandbox.app import HTTP_PARSER, build_app
from dorna_app.sandbox.sms import KavenegarSandbox
from dorna_app.sandbox.smtp import start_smtp


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m dorna_app.sandbox")
    parser.add_argument("--port", type=int, default=3001, help="HTTP port (ZarinPal, Kavenegar, the inbox page)")
    parser.add_argument("--smtp-port", type=int, default=None, help="SMTP port (default: --port + 1)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--sms-key", default="SANDBOX-KEY-1234", help="the API key the SMS stand-in accepts")
    args = parser.parse_args()
    controller, inbox = start_smtp(args.smtp_port or args.port + 1, host=args.host)
    try:
        uvicorn.run(build_app(sms=KavenegarSandbox(api_key=args.sms_key), inbox=inbox),
                    host=args.host, port=args.port, log_level="warning", http=HTTP_PARSER)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
