"""Servers following billing on their control panel: a panel protocol, its Virtualizor admin-API
implementation, and the durable queue of panel commands that billing writes in its transactions."""
