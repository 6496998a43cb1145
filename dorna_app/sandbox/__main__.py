"""`python -m dorna_app.sandbox --port N`: run the local stand-ins."""

from __future__ import annotations

import argparse

import uvicorn

from dorna_app.sandbox.app import build_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m dorna_app.sandbox")
    parser.add_argument("--port", type=int, default=3001)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    uvicorn.run(build_app(), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
