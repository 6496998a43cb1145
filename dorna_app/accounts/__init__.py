"""Signing in and out: password hashes, server-side sessions, throttling. Never imports Reflex."""
