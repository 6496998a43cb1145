"""Dorna client area: a Persian, right-to-left billing portal for a hosting company."""
