"""`python -m dorna_app.sandbox --port N`: run the local stand-ins (gateway, SMS and the Virtualizor panel
on N, SMTP on N+1)."""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn

from dorna_app.sandbox.app import HTTP_PARSER, build_app
from dorna_app.sandbox.sms import KavenegarSandbox
from dorna_app.sandbox.smtp import start_smtp
from dorna_app.sandbox.virtualizor import VirtualizorSandbox


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m dorna_app.sandbox")
    parser.add_argument("--port", type=int, default=3001, help="HTTP port (ZarinPal, Kavenegar, the inbox page)")
    parser.add_argument("--smtp-port", type=int, default=None, help="SMTP port (default: --port + 1)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--sms-key", default="SANDBOX-KEY-1234", help="the API key the SMS stand-in accepts")
    parser.add_argument("--panel-state", default=None, help="a file keeping the Virtualizor stand-in's servers")
    args = parser.parse_args()
    controller, inbox = start_smtp(args.smtp_port or args.port + 1, host=args.host)
    try:
        panel = VirtualizorSandbox(state_file=Path(args.panel_state) if args.panel_state else None)
        uvicorn.run(build_app(sms=KavenegarSandbox(api_key=args.sms_key), inbox=inbox, panel=panel),
                    host=args.host, port=args.port, log_level="warning", http=HTTP_PARSER)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
