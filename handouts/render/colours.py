"""Brand colours made safe to read: every text colour at least 4.5:1 on its background.

A clinic's brand colour is kept as it is when it already reads well; one too
light for text is darkened step by step (keeping its hue) until it does, and a
box colour too dark behind black text is lightened. Printed in black and white
the sheet relies on words and marks, never on colour alone.
"""

from __future__ import annotations

MIN_CONTRAST = 4.5


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two '#RRGGBB' colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _mix(hex_colour: str, target: int, amount: float) -> str:
    channels = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (target - c) * amount):02X}" for c in channels)


def readable_on(colour: str, background: str = "#FFFFFF") -> str:
    """`colour`, darkened (or lightened on a dark background) until it reads on `background`."""
    target = 0 if luminance(background) > 0.18 else 255
    step = 0.0
    adjusted = colour.upper()
    while contrast(adjusted, background) < MIN_CONTRAST and step < 1.0:
        step += 0.05
        adjusted = _mix(colour, target, step)
    return adjusted


def box_behind_text(colour: str, text: str = "#000000") -> str:
    """A background tint, lightened until `text` reads on it."""
    adjusted = colour.upper()
    step = 0.0
    while contrast(text, adjusted) < MIN_CONTRAST + 2 and step < 1.0:
        step += 0.05
        adjusted = _mix(colour, 255, step)
    return adjusted
