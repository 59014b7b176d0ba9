"""What each piece of equipment is, in words a patient can shop for, and a household stand-in.

Keyed by the words used in an exercise's `equipment:` list. An item not listed
here is printed as written, with no stand-in.
"""

from __future__ import annotations

# equipment word -> (what to get, a household stand-in or None)
STAND_INS = {
    "small ball or rolled socks": ("A small soft ball, about the size of a grapefruit",
                                   "a pair of rolled-up socks or a small cushion"),
    "resistance band": ("A light exercise band (often yellow or red)", "an old pair of stockings or tights, tied in a loop"),
    # Sizes by height after the American Council on Exercise's table, with no gaps between bands.
    "stability ball": ("A large exercise ball: 45 cm (18 in) if you are 5 ft (152 cm) or shorter; 55 cm (22 in) "
                       "up to 5 ft 8 in (174 cm); 65 cm (26 in) up to 6 ft 2 in (188 cm); 75 cm (30 in) if taller", None),
    "light weight": ("A light weight, about 1 to 2 kg (2 to 4 lb)", "a full water bottle or a bag of rice"),
    "strap": ("A strap", "a belt, a scarf or a towel"),
    "chair": ("A firm chair with no wheels", "a kitchen counter to hold, when you stand"),
    "pillow": ("A pillow", None),
    "stick or rolled towel": ("A stick, such as a broom handle, or a rolled-up towel", None),
    "can of food": ("A can of food, such as a can of beans, for the Harder way", None),
    "door": ("A door that opens away from you, to tie the band round its handle", None),
    "exercise bike": ("An exercise bike", None),
    "pool": ("A pool with a lifeguard on duty, and water no deeper than your waist where you walk", None),
}
NOTHING = ("none",)
# A stand-in that only serves exercises done standing: a counter to hold is no seat.
STANDING_ONLY = {"chair"}


def equipment_list(exercises) -> list[tuple[str, str | None, tuple[int, ...]]]:
    """(what, stand-in, exercise numbers) for each piece of equipment, in first-use order."""
    found: dict[str, list[int]] = {}
    standing: set[str] = set()
    for number, exercise in exercises:
        for item in exercise.equipment:
            if item.lower() not in NOTHING:
                found.setdefault(item, []).append(number)
                if exercise.position == "standing":
                    standing.add(item)
    rows = []
    for item, numbers in found.items():
        what, stand_in = STAND_INS.get(item, (item[:1].upper() + item[1:], None))
        if item in STANDING_ONLY and item not in standing:
            stand_in = None
        rows.append((what, stand_in, tuple(numbers)))
    return rows
