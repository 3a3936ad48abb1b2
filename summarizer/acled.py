"""ACLED event types implied by a PLOVER category, where the category alone decides it.

The model codes PLOVER only: asked for ACLED too, the small model filled it at random. Where
PLOVER does not decide the ACLED type (an assault may be a battle, a remote explosion or violence
against civilians), the ACLED fields stay empty rather than guessed.
"""

from __future__ import annotations

from .models import AcledEventType, PloverType

# PLOVER category -> (ACLED event type, ACLED sub-event type or None)
PLOVER_TO_ACLED: dict[str, tuple[AcledEventType, str | None]] = {
    PloverType.agree.value: (AcledEventType.strategic_developments, "Agreement"),
    PloverType.concede.value: (AcledEventType.strategic_developments, None),
    PloverType.retreat.value: (AcledEventType.strategic_developments, None),
    PloverType.mobilize.value: (AcledEventType.strategic_developments, None),
    PloverType.protest.value: (AcledEventType.protests, None),
}


def acled_for(event_type: str) -> tuple[AcledEventType | None, str | None]:
    """The ACLED (type, sub-type) a PLOVER category implies, or (None, None)."""
    return PLOVER_TO_ACLED.get(event_type, (None, None))
