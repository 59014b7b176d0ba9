"""Turn checked YAML into models: one reader per kind of file.

Each reader takes the YAML data and the list to collect problems into, and
returns a model (or None when a required part is missing). Checks that need
other files (unknown ids, duplicates) live in catalogue.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from .fields import Fields, check_whole, type_word
from .imagefile import image_problem
from .models import (ADVICE_WHEN, ATTRIBUTES, DIAGRAMS, DOSE_ALIASES, DOSE_FIELDS, DOSE_LIMITS, ID_PATTERN, KINDS, PAGE_SIZES, POSITIONS, RED_FLAG_TIERS, SIDES,
                     Advice, AvoidItem, Clinic, Condition, Dose, Exercise, Guidance, PainGuide, Precaution,
                     PrecautionChange, SheetEntry, SheetTemplate, Source)
from .errors import Problem, did_you_mean, shown
from .locale import LOCALES
from .yamlfile import Sequence, Where

COLOUR_PATTERN = re.compile(r"#[0-9A-Fa-f]{6}\Z")
EMERGENCY_NUMBER_PATTERN = re.compile(r"[0-9]{2,6}\Z")
URL_PATTERN = re.compile(r"https?://[^\s<>\"]+\Z")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_STEPS = 7


def read_id(fields: Fields) -> str | None:
    value = fields.text("id", required=True, max_chars=60, example="glute-bridge")
    if value is not None and not ID_PATTERN.match(value):
        suggestion = "-".join(re.findall(r"[a-z0-9]+", value.lower()))
        fields.report("id", f"'{value}' must be lower-case words joined by hyphens, like '{suggestion or 'glute-bridge'}'")
        return None
    return value


def read_dose(fields: Fields | None) -> Dose:
    """A dose block; every field optional, every number within DOSE_LIMITS."""
    if fields is None:
        return Dose()
    if not fields.data:
        fields.report("", "is empty; give at least reps, a hold or minutes", fields.where)
    values = {}
    for name, (low, high, unit) in DOSE_LIMITS.items():
        values[name] = fields.whole(name, low, high, unit=unit)
    for alias, name in DOSE_ALIASES.items():  # `hold: 5` as --set takes it
        if fields.has(alias):
            low, high, unit = DOSE_LIMITS[name]
            if fields.has(name):
                fields.used.add(alias)
                fields.report(alias, f"gives the same thing as `{name}`; keep one of them")
            else:
                values[name] = fields.whole(alias, low, high, unit=unit)
    values["side"] = fields.choice("side", SIDES)
    fields.finish()
    return Dose(**values)


def read_sources(fields: Fields) -> tuple[Source, ...]:
    raw = fields.raw("sources", required=True, example="[{title: ..., cites: [...]}]")
    if raw is None:
        return ()
    if not isinstance(raw, Sequence):
        fields.report("sources", f"must be a list, not {type_word(raw)}")
        return ()
    if not raw:  # every entry names where its facts come from (issue 16)
        fields.report("sources", "is empty; name the guidance this follows, "
                                 "like [{title: 'Back pain (NHS, 2022)'}]")
        return ()
    sources = []
    for number, (item, where) in enumerate(zip(raw, raw.item_where), start=1):
        if isinstance(item, str):
            sources.append(Source(title=" ".join(item.split())))
            continue
        one = Fields(item, fields.problems, where, prefix=f"sources[{number}].")
        title = one.text("title", required=True, max_chars=300)
        cites = one.texts("cites", max_chars=200)
        one.finish()
        if title:
            sources.append(Source(title, cites))
    return tuple(sources)


def read_exercise(data, where: Where, folder: Path) -> tuple[Exercise | None, list[Problem]]:
    problems: list[Problem] = []
    f = Fields(data, problems, where)
    exercise_id = read_id(f)
    name = f.text("name", required=True, max_chars=60)
    kind = f.choice("kind", KINDS, required=True)
    position = f.choice("position", POSITIONS, required=True)
    body_area = f.texts("body_area", required=True, max_items=6, max_chars=40)
    equipment = f.texts("equipment", required=True, max_items=6, max_chars=40)
    tags = f.texts("tags", max_items=12, max_chars=40)
    summary = f.text("summary", required=True, max_chars=160)
    steps = f.texts("steps", required=True, max_items=MAX_STEPS, max_chars=220)
    dose = read_dose(f.mapping("dose", required=True))
    cautions = f.texts("cautions", max_items=6, max_chars=200)
    easier = f.texts("easier", max_items=3, max_chars=200)
    harder = f.texts("harder", max_items=3, max_chars=200)
    loads = f.texts("loads", max_items=12, max_chars=40)
    sources = read_sources(f)
    video_url = read_url(f, "video_url")
    image = read_image(f, "image", folder)
    image_credit = f.text("image_credit", max_chars=120)
    pose = read_pose(f.mapping("pose"), position)
    replaces = f.flag("replaces")
    nickname = f.text("nickname", max_chars=160)
    how_to = f.text("how_to", max_chars=200)
    attributes = read_attributes(f, "attributes")
    support = f.text("support", max_chars=120)
    # The picture's text alternative: never printed on paper, read out by a screen reader from the HTML.
    picture_text = f.text("picture_text", required=pose is not None or image is not None, max_chars=300,
                          example='"Start: lying on your back, knees bent. Finish: hips lifted."')
    f.finish()
    required = (exercise_id, name, kind, position, summary, steps, body_area, equipment)
    if any(v is None or v == () for v in required):
        return None, problems
    return Exercise(
        id=exercise_id, name=name, kind=kind, position=position, body_area=body_area,
        equipment=equipment, tags=tags, summary=summary, steps=steps, dose=dose,
        cautions=cautions, easier=easier, harder=harder, loads=loads, sources=sources,
        video_url=video_url, image=image, image_credit=image_credit, pose=pose, replaces=replaces,
        nickname=nickname, how_to=how_to, attributes=attributes, support=support, picture_text=picture_text,
        where=where,
        places=f.places(),
    ), problems


def read_pose(fields: Fields | None, position: str | None):
    """The `pose:` block: a start and finish stance, props, arrows; see pose.py for the angles."""
    if fields is None:
        return None
    from .pose import DEFAULTS, JOINTS, PROPS, TRUNK_BY_POSITION, VIEWS, Pose, check_pose

    view = fields.choice("view", VIEWS) or "side"
    floor = fields.raw("floor") is None or fields.flag("floor")  # raw first: a blank `floor:` is known
    both_ways = fields.flag("both_ways")
    hold = fields.flag("hold")
    from_above = fields.flag("from_above")
    from_behind = fields.flag("from_behind")
    start_from_above = fields.flag("start_from_above")
    anchor = fields.choice("anchor", JOINTS)
    base = {**DEFAULTS, "trunk": TRUNK_BY_POSITION.get(position or "", 90)}
    start = read_stance(fields.mapping("start", required=True), base)
    finish = read_stance(fields.mapping("finish", required=True), start.angles if start else base)
    then_fields = fields.mapping("then")
    then = read_stance(then_fields, finish.angles) if finish and then_fields is not None else None
    props = fields.texts("props", max_items=6, max_chars=30)
    arrows = fields.texts("arrows", max_items=4, max_chars=30)
    on_floor = fields.texts("on_floor", max_items=8, max_chars=30)
    pushes = fields.texts("pushes", max_items=2, max_chars=30)
    leads = fields.texts("leads", max_items=2, max_chars=30)
    for key, values, allowed in (("props", props, PROPS), ("arrows", arrows, JOINTS), ("on_floor", on_floor, JOINTS),
                                 ("pushes", pushes, JOINTS), ("leads", leads, JOINTS)):
        for value in values:
            if value not in allowed:
                fields.report(key, f"'{value}' is not one of: {', '.join(allowed)}{did_you_mean(value, allowed)}")
    fields.finish()
    if start is None or finish is None or fields.problems_since_start:
        return None
    pose = Pose(view, start, finish, props, arrows, on_floor, floor, then, both_ways, anchor, pushes, hold,
                from_above, leads, from_behind, start_from_above)
    for message in _pose_problems(pose, check_pose):
        fields.problems.append(fields.where.problem("pose", message))
    return pose


_POSE_PROBLEMS: dict[str, tuple[str, ...]] = {}  # repr(pose) -> check_pose's messages, once per process


def _pose_problems(pose, check_pose) -> tuple[str, ...]:
    """check_pose(pose), worked out once per pose in a process: placing a figure to see that it rests on
    the floor is a quarter of reading an exercise file, and a clinic's catalogue repeats poses (an
    exercise copied to change its words or dose, and every cached file read again after an upgrade)."""
    key = repr(pose)
    found = _POSE_PROBLEMS.get(key)
    if found is None:
        if len(_POSE_PROBLEMS) > 4096:
            _POSE_PROBLEMS.clear()
        found = _POSE_PROBLEMS[key] = tuple(check_pose(pose))
    return found


def read_stance(fields: Fields | None, base: dict):
    from .pose import ANGLES, PAIRED, Stance

    if fields is None:
        return None
    angles = dict(base)
    ok = True
    for name in ANGLES:
        value = fields.raw(name)
        if value is None:
            continue
        if name in PAIRED and isinstance(value, Sequence) and len(value) == 2 and all(_is_number(v) for v in value):
            angles[name] = (float(value[0]), float(value[1]))
        elif _is_number(value):
            angles[name] = float(value)
        else:
            pair = " or [near, far]" if name in PAIRED else ""
            fields.report(name, f"must be an angle in degrees{pair}, like 90")
            ok = False
    fields.finish()
    return Stance(angles) if ok else None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def read_avoid_item(data, where: Where) -> tuple[AvoidItem | None, list[Problem]]:
    problems: list[Problem] = []
    f = Fields(data, problems, where)
    item_id = read_id(f)
    name = f.text("name", required=True, max_chars=80)
    reason = f.text("reason", required=True, max_chars=200)
    loads = f.texts("loads", required=True, max_items=12, max_chars=40)
    sources = read_sources(f)
    replaces = f.flag("replaces")
    safe_again = f.text("safe_again", max_chars=160)
    f.finish()
    if not (item_id and name and reason):
        return None, problems
    return AvoidItem(item_id, name, reason, loads, sources, replaces, safe_again, where, f.places()), problems


def read_attributes(f: Fields, key: str) -> tuple[str, ...]:
    values = f.texts(key, max_items=12, max_chars=40)
    places = f.item_places.get(key, ())
    for number, (value, where) in enumerate(zip(values, places), start=1):
        if value not in ATTRIBUTES:
            f.problems.append(where.problem(f"{f.name(key)}[{number}]", (
                f"'{value}' is not one of: {', '.join(ATTRIBUTES)}{did_you_mean(value, ATTRIBUTES)}")))
    return tuple(v for v in values if v in ATTRIBUTES)


def read_guidance(fields: Fields | None, *, max_items: int = 14) -> Guidance | None:
    """`{items: [...], sources: [...]}`: statements and the named guidance they follow."""
    if fields is None:
        return None
    items = fields.texts("items", required=True, max_items=max_items)
    sources = read_sources(fields)
    fields.finish()
    return Guidance(items, sources) if items else None


def read_advice(f: Fields, key: str) -> tuple[Advice, ...]:
    """A list of advice: plain text (every sheet) or `{text: ..., when: [kind, attribute or equipment, ...]}`."""
    raw = f.raw(key, required=True, example="[...]")
    if raw is None:
        return ()
    if not isinstance(raw, Sequence):
        f.report(key, f"must be a list, not {type_word(raw)}")
        return ()
    allowed = ADVICE_WHEN
    found = []
    for number, (item, where) in enumerate(zip(raw, raw.item_where), start=1):
        if isinstance(item, str):
            found.append(Advice(" ".join(item.split())))
            continue
        one = Fields(item, f.problems, where, prefix=f"{key}[{number}].")
        text = one.text("text", required=True)
        when = one.texts("when", max_items=8, max_chars=40)
        for value in when:
            if value not in allowed:
                one.report("when", f"'{value}' is not a kind, attribute or piece of equipment: {', '.join(allowed)}{did_you_mean(value, allowed)}")
        one.finish()
        if text:
            found.append(Advice(text, when))
    return tuple(found)


def read_pain_guide(fields: Fields | None) -> PainGuide | None:
    if fields is None:
        return None
    levels = {level: fields.text(level, required=True, max_chars=200) for level in ("green", "amber", "red")}
    sources = read_sources(fields)
    fields.finish()
    if None in levels.values():
        return None
    return PainGuide(**levels, sources=sources)


def read_precaution(data, where: Where) -> tuple[Precaution | None, list[Problem]]:
    problems: list[Problem] = []
    f = Fields(data, problems, where)
    item_id = read_id(f)
    name = f.text("name", required=True, max_chars=80)
    title = f.text("title", required=True, max_chars=60)
    rules_out = read_attributes(f, "rules_out")
    changes = []
    raw = f.mapping("changes")
    if raw is not None:
        for attribute in list(raw.data):
            if attribute not in ATTRIBUTES:
                raw.report(attribute, f"'{attribute}' is not one of: {', '.join(ATTRIBUTES)}{did_you_mean(attribute, ATTRIBUTES)}")
                raw.used.add(attribute)
                continue
            text = raw.text(attribute, required=True, max_chars=200)
            if text:
                changes.append(PrecautionChange(attribute, text))
    advice = f.texts("advice", required=True, max_items=6)
    stop_signs = f.texts("stop_signs", max_items=10)
    sources = read_sources(f)
    replaces = f.flag("replaces")
    f.finish()
    if not (item_id and name and title and advice):
        return None, problems
    return Precaution(item_id, name, title, rules_out, tuple(changes), advice, stop_signs, sources, replaces,
                      where, f.places()), problems


def read_condition(data, where: Where) -> tuple[Condition | None, list[Problem]]:
    problems: list[Problem] = []
    f = Fields(data, problems, where)
    condition_id = read_id(f)
    name = f.text("name", required=True, max_chars=80)
    about = f.text("about", required=True, max_chars=600)
    advice = read_advice(f, "before_you_start")
    red_flags = {}
    tiers = f.mapping("red_flags")
    if tiers is not None:
        for tier in RED_FLAG_TIERS:
            guidance = read_guidance(tiers.mapping(tier, required=True))
            if guidance is not None:
                red_flags[tier] = guidance
        tiers.finish()
    # The older two lists stay for files written before red_flags; red_flags fills them when given.
    call_if = f.texts("call_clinician_if", required=not red_flags, max_items=8)
    emergency = f.texts("emergency_signs", max_items=8)
    if red_flags:
        call_if = call_if or tuple(i for t in ("today", "soon") if t in red_flags for i in red_flags[t].items)
        emergency = emergency or (red_flags["emergency"].items if "emergency" in red_flags else ())
    pain_guide = read_pain_guide(f.mapping("pain_guide"))
    ask_before = read_guidance(f.mapping("ask_before"), max_items=1)
    stop_signs = read_guidance(f.mapping("stop_signs"))
    avoid = f.texts("avoid", max_items=30, max_chars=60)
    diagram = f.choice("diagram", DIAGRAMS)
    sources = read_sources(f)
    replaces = f.flag("replaces")
    f.finish()
    if not (condition_id and name and about):
        return None, problems
    return Condition(condition_id, name, about, tuple(a.text for a in advice), call_if, emergency, avoid, sources,
                     replaces, advice, pain_guide, red_flags, ask_before, stop_signs, diagram, where,
                     avoid_where=f.item_places.get("avoid", ())), problems


def read_sheet(data, where: Where) -> tuple[SheetTemplate | None, list[Problem]]:
    problems: list[Problem] = []
    f = Fields(data, problems, where)
    sheet_id = read_id(f)
    title = f.text("title", required=True, max_chars=80)
    condition = f.text("condition", required=True, max_chars=60)
    intro = f.text("intro", required=True, max_chars=400)
    entries = read_sheet_entries(f)
    avoid = f.texts("avoid", max_items=30, max_chars=60)
    log_weeks = f.whole("log_weeks", 0, 12, unit="weeks")
    how_often = f.text("how_often", max_chars=120)
    note = f.text("note", max_chars=600)
    pick_one = f.flag("pick_one")
    replaces = f.flag("replaces")
    next_step = f.text("next_step", max_chars=300)
    f.finish()
    if not (sheet_id and title and condition and intro and entries):
        return None, problems
    return SheetTemplate(
        id=sheet_id, title=title, condition=condition, intro=intro, exercises=entries,
        avoid=avoid, log_weeks=2 if log_weeks is None else log_weeks, how_often=how_often,
        note=note, pick_one=pick_one, replaces=replaces, next_step=next_step, where=where, avoid_where=f.item_places.get("avoid", ()),
        condition_where=f.at("condition"),
    ), problems


def read_sheet_entries(f: Fields) -> tuple[SheetEntry, ...]:
    """`exercises:` items are an id, or `{id: ..., dose: {...}, note: ..., acknowledge: {avoid-id: reason}}`."""
    raw = f.raw("exercises", required=True, example="[knee-to-chest, glute-bridge]")
    if raw is None:
        return ()
    if not isinstance(raw, Sequence) or not raw:
        f.report("exercises", "must be a list of exercise ids, with at least one")
        return ()
    entries = []
    for number, (item, where) in enumerate(zip(raw, raw.item_where), start=1):
        if isinstance(item, str):
            entries.append(SheetEntry(exercise=item, where=where))
            continue
        one = Fields(item, f.problems, where, prefix=f"exercises[{number}].")
        exercise_id = one.text("id", required=True, max_chars=60)
        dose = read_dose(one.mapping("dose"))
        note = one.text("note", max_chars=200)
        acknowledge = read_acknowledgements(one.mapping("acknowledge"))
        one.finish()
        if exercise_id:
            entries.append(SheetEntry(exercise_id, dose, note, acknowledge, where))
    return tuple(entries)


def read_acknowledgements(fields: Fields | None) -> tuple[tuple[str, str], ...]:
    """`acknowledge: {long-strides: "Short, slow steps only."}` — every reason is printed on the sheet."""
    if fields is None:
        return ()
    pairs = []
    for avoid_id in list(fields.data):
        reason = fields.text(avoid_id, required=True, max_chars=160)
        if reason:
            pairs.append((avoid_id, reason))
    return tuple(pairs)


def read_clinic(data, where: Where, folder: Path) -> tuple[Clinic | None, list[Problem]]:
    problems: list[Problem] = []
    f = Fields(data, problems, where)
    values = dict(
        name=f.text("name", required=True, max_chars=80),
        logo=read_image(f, "logo", folder),
        address=f.text("address", max_chars=160),
        phone=f.text("phone", max_chars=40),
        out_of_hours=f.text("out_of_hours", max_chars=120),
        web=f.text("web", max_chars=80),
        email=f.text("email", max_chars=80),
    )
    colours = f.mapping("colours")
    if colours is not None:
        for key, attr in (("brand", "brand_colour"), ("accent", "accent_colour")):
            colour = colours.text(key, max_chars=7)
            if colour is None:
                continue
            if not COLOUR_PATTERN.match(colour):
                colours.report(key, f"'{colour}' is not a colour; write it as # and six hex digits, like '#1F5C8B'")
            else:
                values[attr] = colour.upper()
        colours.finish()
    page_size = f.choice("page_size", PAGE_SIZES)
    if page_size:
        values["page_size"] = page_size
    values["locale"] = f.choice("locale", LOCALES)
    number = f.text("emergency_number", max_chars=12)
    if number is not None and not EMERGENCY_NUMBER_PATTERN.match(number):
        f.report("emergency_number", f"'{number}' is not a phone number; write digits only, like '112'")
        number = None
    values["emergency_number"] = number
    values["font"] = read_font(f, "font", folder)
    values["pdfa"] = f.flag("pdfa")
    values["programmes"] = read_programmes_folder(f, "programmes", folder)
    privacy = f.mapping("privacy")
    if privacy is not None:
        known = privacy.raw("names_in_files") is not None  # read first, so a misspelling gets a did-you-mean
        values["names_in_files"] = not known or privacy.flag("names_in_files")
        privacy.finish()
    f.finish()
    if problems:
        return None, problems
    return Clinic(where=where, **values), problems


FONT_SUFFIXES = (".ttf", ".ttc")


def read_programmes_folder(f: Fields, key: str, folder: Path) -> Path | None:
    """The folder for saved programmes, relative to the clinic file; made on the first save.

    Its parent must exist, so a mistyped path (or a shared drive that is not
    connected) is said when the clinic file is read, not after a programme was
    saved somewhere nobody looks.
    """
    value = f.text(key, max_chars=300)
    if value is None:
        return None
    path = Path(value).expanduser()
    try:  # resolved: the folder is named in messages, and `..` in it reads badly
        path = (path if path.is_absolute() else folder / path).resolve()
        is_file, parent_there = path.exists() and not path.is_dir(), path.parent.is_dir()
    except OSError:
        is_file, parent_there = False, False
    if is_file:
        f.report(key, f"'{value}' is a file; give the folder where saved programmes go, like programmes")
        return None
    if not path.is_dir() and not parent_there:
        f.report(key, f"folder '{value}' not found, nor the folder it would go in (looked in {folder}); "
                      "check the path, relative to this clinic file")
        return None
    return path


def read_font(f: Fields, key: str, folder: Path) -> Path | None:
    """A TrueType font path, relative to the YAML file; it must exist (it is checked when a sheet needs it)."""
    value = f.text(key, max_chars=300)
    if value is None:
        return None
    path = (folder / value) if not Path(value).is_absolute() else Path(value)
    if path.suffix.lower() not in FONT_SUFFIXES:
        f.report(key, f"'{value}' must be a TrueType font file (.ttf or .ttc)")
        return None
    if not path.is_file():
        f.report(key, f"font file '{value}' not found (looked in {folder}); check the name, relative to this YAML file")
        return None
    return path


def read_url(f: Fields, key: str) -> str | None:
    url = f.text(key, max_chars=200)
    if url is not None and not URL_PATTERN.match(url):
        f.report(key, f"'{url}' is not a web address; it must start with https:// or http://")
        return None
    return url


def read_image(f: Fields, key: str, folder: Path) -> Path | None:
    """An image path, relative to the YAML file; it must exist and be PNG or JPEG."""
    value = f.text(key, max_chars=300)
    if value is None:
        return None
    path = (folder / value) if not Path(value).is_absolute() else Path(value)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        f.report(key, f"'{value}' must be a PNG or JPEG file (.png, .jpg, .jpeg)")
        return None
    if not path.is_file():
        f.report(key, f"image file '{value}' not found (looked in {folder}); check the name, relative to this YAML file")
        return None
    problem = image_problem(path)
    if problem:
        f.report(key, f"'{value}' {problem}")
        return None
    return path


def parse_dose_change(text: str, known_ids=None) -> tuple[str, str, int | str]:
    """`glute-bridge.reps=12` -> ('glute-bridge', 'reps', 12); ValueError with a plain message.

    Whether the exercise is on the sheet is planning's to check (handout.plan);
    `known_ids` is for callers that know the sheet already.
    """
    target, sep, value = text.partition("=")
    exercise_id, dot, field = target.strip().rpartition(".")
    if not sep or not dot or not exercise_id or not field:
        raise ValueError(f"'{shown(text)}' must look like EXERCISE.FIELD=VALUE, for example glute-bridge.reps=12")
    if known_ids is not None and exercise_id not in known_ids:
        raise ValueError(f"'{shown(exercise_id)}' is not an exercise on this sheet{did_you_mean(exercise_id, known_ids)}")
    field = DOSE_ALIASES.get(field, field)
    if field not in DOSE_FIELDS:
        raise ValueError(f"'{shown(field)}' is not a dose field{did_you_mean(field, DOSE_FIELDS)}; use one of: {', '.join(DOSE_FIELDS)}")
    value = value.strip()
    if field == "side":
        if value not in SIDES:
            raise ValueError(f"side '{shown(value)}' must be one of: {', '.join(SIDES)}{did_you_mean(value, SIDES)}")
        return exercise_id, field, value
    low, high, unit = DOSE_LIMITS[field]
    errors: list[str] = []
    number = check_whole(value, low, high, unit, errors.append)
    if number is None:
        raise ValueError(f"{shown(exercise_id)}.{field}: {errors[0]}")
    return exercise_id, field, number

