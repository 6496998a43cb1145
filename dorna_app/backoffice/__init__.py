"""The host's own people: staff accounts, their sign-in with a second factor, roles and the audit log."""
