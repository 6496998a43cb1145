"""Payment-gateway adapters: plain dataclasses in and out, no ORM objects, no Reflex, nothing of ours.

Which gateway billing uses, and with which keys, is decided in `billing/gateway.py`.
"""
