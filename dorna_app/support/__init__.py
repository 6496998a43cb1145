"""Support tickets. Plain SQLModel; never imports Reflex."""
