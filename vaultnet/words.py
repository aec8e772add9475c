"""Small phrases shared by the terminal output and the pages."""

from __future__ import annotations

from datetime import date


def when(days_overdue: int) -> str:
    """``3 days overdue``, ``today``, ``in 2 days``."""
    if days_overdue == 0:
        return "today"
    count = abs(days_overdue)
    unit = "day" if count == 1 else "days"
    return f"{count} {unit} overdue" if days_overdue > 0 else f"in {count} {unit}"


def hours(minutes: int) -> str:
    return f"{minutes / 60:.1f} h"


def day(value: date) -> str:
    """``Mon 23 Nov 2026``: readable, and still unambiguous."""
    return f"{value:%a} {value.day} {value:%b %Y}"
