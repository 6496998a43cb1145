"""Reusable pieces of the client area's pages."""
