"""What the catalogue, standard sheets and clinic files hold, once checked.

Frozen dataclasses: after loading nothing changes them, and a sheet is built
by making new values (for example a Dose with a clinician's change applied).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .yamlfile import Where

# An id: lower-case words joined by hyphens (reading.py checks ids with it, catalogue.py spots them in text).
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
KINDS = ("stretch", "mobility", "strength", "aerobic", "balance")
POSITIONS = (
    "lying on your back",
    "lying on your side",
    "lying on your front",
    "hands and knees",
    "kneeling",
    "sitting",
    "standing",
    "in water",
)
# What the catalogue knows about an exercise, beyond its kind and position, for
# matching precautions (catalogue/precautions/). Positions add their own:
# "lying on your back" -> lying-on-back, "lying on your front" -> lying-on-front,
# "standing" -> standing, "hands and knees"/"kneeling" -> kneeling, "in water" -> in-water.
ATTRIBUTES = (
    "hip-bend-past-90",   # the hip bends beyond a right angle (knee toward the chest)
    "crossed-legs",       # one leg crosses the middle line of the body
    "twisting",           # the trunk or pelvis turns
    "single-leg",         # standing on one leg, or mostly on one leg
    "lying-on-back",
    "lying-on-front",
    "kneeling",
    "standing",
    "in-water",
    "impact",             # jumps, hops, hard landings
    "load",               # holding or pushing against a weight
    "spine-bend-forward", # the back rounds forward (with or without load)
)
POSITION_ATTRIBUTES = {
    "lying on your back": ("lying-on-back",),
    "lying on your front": ("lying-on-front",),
    "hands and knees": ("kneeling",),
    "kneeling": ("kneeling",),
    "standing": ("standing",),
    "in water": ("in-water",),
}
RED_FLAG_TIERS = ("emergency", "today", "soon")
PAIN_LEVELS = ("green", "amber", "red")

SIDES = ("left", "right", "each side", "both together", "alternate sides")
from .paper import PAGE_SIZES, PRINT_STYLES  # noqa: E402,F401 (one place for the choices)
from .equipment import STAND_INS  # noqa: E402

# What a condition's advice can be tied to (`when:`): a kind, an attribute, or a piece of
# equipment, so band advice prints only where a band exercise is on the sheet.
ADVICE_WHEN = KINDS + ATTRIBUTES + tuple(STAND_INS)

# Hard limits on every dose number: (lowest, highest, unit). Beyond these a
# value is almost surely a typing mistake, and the sheet is not built.
DOSE_LIMITS = {
    "sets": (1, 10, "sets"),
    "reps": (1, 50, "times"),
    "hold_seconds": (0, 120, "seconds"),
    "rest_seconds": (0, 300, "seconds"),
    "times_per_day": (1, 6, "times a day"),
    "days_per_week": (1, 7, "days a week"),
    "minutes": (1, 120, "minutes"),
}
DOSE_FIELDS = tuple(DOSE_LIMITS) + ("side",)
# Short names for dose fields, the same in a YAML dose block, --set and a patient list's `set`.
DOSE_ALIASES = {"hold": "hold_seconds", "rest": "rest_seconds"}


@dataclass(frozen=True)
class Dose:
    """How much of an exercise to do. Every field is optional."""

    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    rest_seconds: int | None = None
    side: str | None = None
    times_per_day: int | None = None
    days_per_week: int | None = None
    minutes: int | None = None

    def merged(self, changes: "Dose") -> "Dose":
        """This dose with every field that `changes` sets replaced."""
        return replace(self, **{f.name: getattr(changes, f.name) for f in fields(changes)
                                if getattr(changes, f.name) is not None})


@dataclass(frozen=True)
class Source:
    """Where the facts come from: the article, and who it cites."""

    title: str
    cites: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.title + (f" (citing {', '.join(self.cites)})" if self.cites else "")


@dataclass(frozen=True)
class Exercise:
    """One exercise of the catalogue: what the patient does, how much, and what it asks of the body."""

    id: str
    name: str
    kind: str
    position: str
    body_area: tuple[str, ...]
    equipment: tuple[str, ...]
    tags: tuple[str, ...]
    summary: str
    steps: tuple[str, ...]
    dose: Dose
    cautions: tuple[str, ...] = ()
    easier: tuple[str, ...] = ()
    harder: tuple[str, ...] = ()
    loads: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    video_url: str | None = None
    image: Path | None = None
    image_credit: str | None = None
    pose: object = None  # a pose.Pose: the line drawing of the start and finish positions
    replaces: bool = False
    nickname: str | None = None   # what the nickname in the name means, in plain words
    how_to: str | None = None     # one line, printed when another sheet's option points here
    attributes: tuple[str, ...] = ()  # from ATTRIBUTES, for precautions
    support: str | None = None    # what to hold, for single-leg and balance work
    picture_text: str | None = None  # what the picture shows, in plain words: read out by the HTML version
    where: Where | None = field(default=None, compare=False)
    places: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def all_attributes(self) -> frozenset[str]:
        """The written attributes plus those its position implies."""
        return frozenset(self.attributes) | frozenset(POSITION_ATTRIBUTES.get(self.position, ()))


@dataclass(frozen=True)
class AvoidItem:
    """One line of the do-not-do list."""

    id: str
    name: str
    reason: str
    loads: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    replaces: bool = False
    safe_again: str | None = None  # when it is usually all right again, where the source says
    where: Where | None = field(default=None, compare=False)
    places: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Advice:
    """One piece of advice, printed only on sheets with an exercise it applies to.

    `when` lists kinds (stretch, strength...), attributes (standing, lying-on-back...)
    or "any"; empty means every sheet.
    """

    text: str
    when: tuple[str, ...] = ()


@dataclass(frozen=True)
class Guidance:
    """A list of clinical statements and the guidance they follow."""

    items: tuple[str, ...]
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class PainGuide:
    """How much pain is all right: a traffic light, green / amber / red."""

    green: str
    amber: str
    red: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Condition:
    """Advice for one condition: what it is, safe-start rules, when to call."""

    id: str
    name: str
    about: str
    before_you_start: tuple[str, ...]
    call_clinician_if: tuple[str, ...]
    emergency_signs: tuple[str, ...]
    avoid: tuple[str, ...]
    sources: tuple[Source, ...] = ()
    replaces: bool = False
    advice: tuple[Advice, ...] = ()  # before_you_start with when-tags (before_you_start holds their texts)
    pain_guide: PainGuide | None = None
    red_flags: dict = field(default_factory=dict, hash=False)  # tier in RED_FLAG_TIERS -> Guidance
    ask_before: Guidance | None = None  # one line: ask before you start if...
    stop_signs: Guidance | None = None  # stop exercising and get help (aerobic, standing balance)
    diagram: str | None = None  # a small drawing of where it is, printed beside `about` (one of DIAGRAMS)
    where: Where | None = field(default=None, compare=False)
    avoid_where: tuple[Where, ...] = field(default=(), compare=False)

    @property
    def name_in_sentence(self) -> str:
        """The name as it reads inside a sentence: 'Knee osteoarthritis' becomes 'knee osteoarthritis';
        a name that starts with an abbreviation ('SI joint pain') keeps its capitals."""
        return self.name[:1].lower() + self.name[1:] if self.name[1:2].islower() else self.name


# The body diagrams the renderer can draw beside a condition's `about`.
DIAGRAMS = ("si-joints",)


@dataclass(frozen=True)
class PrecautionChange:
    """How a precaution changes an exercise with one attribute."""

    attribute: str
    change: str


@dataclass(frozen=True)
class Precaution:
    """A patient's circumstance that rules out or changes exercises (catalogue/precautions/)."""

    id: str
    name: str
    title: str  # the box heading: "Because you are pregnant"
    rules_out: tuple[str, ...]  # attributes that make an exercise unsuitable
    changes: tuple[PrecautionChange, ...]
    advice: tuple[str, ...]
    stop_signs: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    replaces: bool = False
    where: Where | None = field(default=None, compare=False)
    places: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class SheetEntry:
    """One exercise on a standard sheet, with the sheet's own dose changes."""

    exercise: str
    dose: Dose = Dose()
    note: str | None = None
    # Do-not-do items this exercise knowingly clashes with: (avoid id, the limit that makes it safe).
    acknowledge: tuple[tuple[str, str], ...] = ()
    where: Where | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SheetTemplate:
    """A standard sheet a clinic hands out, kept in templates/."""

    id: str
    title: str
    condition: str
    intro: str
    exercises: tuple[SheetEntry, ...]
    avoid: tuple[str, ...]
    log_weeks: int = 2
    how_often: str | None = None
    note: str | None = None
    pick_one: bool = False  # the exercises are choices: do one of them each session
    replaces: bool = False
    next_step: str | None = None  # when to move on, and to what
    where: Where | None = field(default=None, compare=False)
    avoid_where: tuple[Where, ...] = field(default=(), compare=False)
    condition_where: Where | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Clinic:
    """The clinic's branding and contact details, printed on every page."""

    name: str | None = None
    logo: Path | None = None
    brand_colour: str = "#1F5C8B"
    accent_colour: str = "#E8F0F7"
    address: str | None = None
    phone: str | None = None
    web: str | None = None
    email: str | None = None
    page_size: str = "letter"
    out_of_hours: str | None = None      # who to call when the clinic is closed, e.g. "NHS 111" or "555-0199"
    locale: str | None = None            # en-US or en-GB; None: from the paper size
    emergency_number: str | None = None  # None: the locale's (911, 999)
    font: Path | None = None             # a TrueType font for letters the sheet's fonts lack (Chinese…)
    pdfa: bool = False                   # every PDF is PDF/A-2b, for a records system
    names_in_files: bool = True  # privacy: false keeps patient names out of file names, PDF metadata, manifests
    programmes: Path | None = None       # where saved programmes live; None: programmes/ in the settings folder
    where: Where | None = field(default=None, compare=False)
