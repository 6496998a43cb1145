"""The Reflex UI state, one module per page (mirroring `pages/`), on one base and one guard.

`base.py` holds the session and the page-load pattern, `guard.py` the check every event passes,
`views.py` the typed rows pages show, `live.py` the push into open tabs. A handler checks nothing
itself about who is asking: the guard did. It calls a service and turns the result into text.
"""
