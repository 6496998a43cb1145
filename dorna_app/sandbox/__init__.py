"""Local stand-ins for the outside world (ZarinPal, the SMS provider, an SMTP inbox).

They speak the real protocols over real sockets, so the app cannot tell them from the real services:
moving to production is configuration only. Nothing here imports the app.
"""
