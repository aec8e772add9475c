"""The day it is: the one place vaultnet asks the system clock.

Everything that needs "today" when ``--today`` is not given calls
:func:`today` here, looked up at call time, so that the tests can pin the
clock to the example vault's day instead of depending on the date they run.
"""

from __future__ import annotations

from datetime import date


def today() -> date:
    """The system's local date."""
    return date.today()
