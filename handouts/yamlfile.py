"""A strict, bounded YAML reader that remembers where every value was written.

Clinicians edit these files by hand, so YAML 1.1's surprises must become clear
errors instead of silent changes: `1:30` is not 90, `no` is not False and
`2024-05-01` is not a date. Plain scalars become int, float, bool (only the
words `true` / `false`), None or the exact text typed; quoted scalars are
always text. Duplicate keys are errors. No tag ever runs code.

Files may also come from someone else, so reading is bounded before anything
is built: the file's size, how deeply values nest, and how many aliases (`*x`)
it uses and how far they expand are all checked while the parser's event
stream is read, one event at a time, without recursion. Values are built from
that same stream, so the pure-Python and the C (libyaml) parser give the same
answer: they produce the same events, and every check is ours.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, ValidationFailed, shown

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)\Z")
_NULL = {"", "~", "null", "Null", "NULL"}

# Limits on one file. The largest shipped file is a few kilobytes and nests
# four levels deep; these leave ample room for a clinic's own files.
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 20
MAX_ALIASES = 100
MAX_EXPANDED_VALUES = 20_000
MAX_EXPANDED_CHARS = 1_000_000
MAX_NUMBER_CHARS = 30  # longer digit strings stay text, so the number reader can say why

# Characters YAML itself forbids in a file (the C0 controls but tab and line
# ends, DEL, C1 controls but NEL, surrogates, U+FFFE/U+FFFF). Compiled when the
# first file is parsed: the pattern takes 6 ms to build, and a command served
# from the parsed-catalogue cache never needs it.
_NOT_YAML_CHARS = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_not_yaml: re.Pattern | None = None


@dataclass(frozen=True)
class Where:
    """A place in a YAML file, 1-based like an editor shows it.

    Every field of every item keeps one, so it is small: slots, and pickled as
    its three values (the parsed-catalogue cache holds thousands).
    """

    __slots__ = ("path", "line", "column")
    path: str
    line: int
    column: int

    def __reduce__(self):
        return Where, (self.path, self.line, self.column)

    def problem(self, field: str, message: str, severity: str = "error") -> Problem:
        return Problem(self.path, self.line, self.column, field, message, severity)

    def warning(self, field: str, message: str) -> Problem:
        return self.problem(field, message, "warning")


class Mapping(dict):
    """A YAML mapping that knows where it and each of its values stand."""

    where: Where
    key_where: dict
    value_where: dict


class Sequence(list):
    """A YAML list that knows where it and each of its items stand."""

    where: Where
    item_where: list


def _where(path: str, event) -> Where:
    mark = event.start_mark
    return Where(path, mark.line + 1, mark.column + 1)


def _scalar(event):
    text = event.value
    if event.style or event.tag == "tag:yaml.org,2002:str":  # quoted, block or !!str: exactly what was typed
        return text
    if text in _NULL:
        return None
    if text in ("true", "false"):
        return text == "true"
    if len(text) <= MAX_NUMBER_CHARS:
        if _INT.match(text):
            return int(text)
        if _FLOAT.match(text):
            return float(text)
    return text


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
               ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value")}


def read_yaml(path: Path, label: str | None = None):
    """Read one YAML file into plain values that carry their positions.

    `label` is how the file is named in messages (defaults to the path).
    Raises ValidationFailed for unreadable files, syntax errors, duplicate keys
    and files beyond the limits above.
    """
    label = label or str(path)
    data = read_limited(Path(path), label, MAX_FILE_BYTES, "a catalogue, sheet or clinic file")
    return parse_yaml(decode_utf8(data, label), label)


def read_limited(path: Path, label: str, limit: int, what: str) -> bytes:
    """The bytes of a regular file no larger than `limit`; anything else is a clear problem.

    Opened without blocking, so a pipe or device named by mistake is refused
    instead of waiting for ever, and never read past the limit.
    """
    def fail(message: str):
        return ValidationFailed([Problem(label, 0, 0, "", message)])

    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise fail("file not found") from None
    except IsADirectoryError:
        raise fail("is a folder, not a file") from None
    except OSError as exc:
        raise fail(f"cannot be read ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise fail("is not a plain file (a device, pipe or folder); give the path of a file")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise fail(f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(handle)
    if size > limit:
        raise fail(f"is larger than {limit // 1024} KB, the most {what} may be; split it into smaller files")
    return b"".join(chunks)


def decode_utf8(data: bytes, label: str, hint: str = "save the file as UTF-8") -> str:
    """UTF-8 text (a leading byte-order mark dropped), or a problem naming the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line = data.count(b"\n", 0, start) + 1
        column = len(data[data.rfind(b"\n", 0, start) + 1:start].decode("utf-8", "replace")) + 1
        raise ValidationFailed([Problem(label, line, column, "",
                                        f"not UTF-8 text (byte 0x{data[start]:02X}); {hint}")]) from None


def parse_yaml(text: str, label: str, *, pure_python: bool = False):
    """Values with positions from YAML text; `pure_python` skips libyaml (tests compare both)."""
    # Imported here, not at the top: models import this module for Where, and a
    # command that finds every file in the parsed-catalogue cache never parses YAML.
    import yaml

    # libyaml reads about 15 times faster; the pure-Python parser gives the same
    # events and is used again on a syntax error so its messages stay the same everywhere.
    # Only events are read, so libyaml's bare parser will do: no composer, constructor
    # or implicit type resolver (our _scalar decides what a plain scalar is).
    try:
        from yaml._yaml import CParser as fast
    except ImportError:  # PyYAML built without libyaml
        fast = yaml.SafeLoader
    global _not_yaml
    if _not_yaml is None:
        _not_yaml = re.compile(_NOT_YAML_CHARS)
    bad = _not_yaml.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise ValidationFailed([Problem(label, line, column, "", f"contains a control character "
                                        f"(U+{ord(bad.group()):04X}) that YAML does not allow; remove it")])
    try:
        try:
            if pure_python:
                raise yaml.YAMLError("use the pure-Python parser")
            return _build(_events(fast, text), label)
        except yaml.YAMLError:
            return _build(yaml.parse(text, Loader=yaml.SafeLoader), label)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = " ".join(str(exc.problem or exc.context or "not valid YAML").split())
        raise ValidationFailed([Problem(label, line, column, "", plain_syntax_error(text, line, reason))]) from None
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise ValidationFailed([Problem(label, 0, 0, "", f"not valid YAML ({shown(reason, 120)})")]) from None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def plain_syntax_error(text: str, line: int, reason: str) -> str:
    """PyYAML's reason for a syntax error, in plain words with the fix, for the commonest mistakes."""
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    above = next((l for l in reversed(lines[:max(line - 1, 0)]) if l.strip() and not l.lstrip().startswith("#")), "")
    if "\t" in here[:_indent(here) + 1] or "'\\t'" in reason:
        return f"line {line} has a tab; use spaces to indent (YAML does not allow tabs there)"
    if reason == "mapping values are not allowed here":
        if _indent(here) > _indent(above) and not above.rstrip().endswith(":"):
            return (f"line {line} is indented more than the line above it; line it up with that line, "
                    "or end that line with `:` if this one belongs under it")
        return (f"line {line} has a second `:` where YAML does not expect one; put the text after "
                "the first `:` in quotes, like `name: \"Hold: 5 seconds\"`")
    if reason.startswith("expected <block end>"):
        return (f"line {line} is indented less than the lines it belongs with; line it up with them "
                "(use the same number of spaces)")
    if reason == "could not find expected ':'":
        return f"line {line} (or the one above it) is not a `field: value` line; add the `:`, or put the text in quotes"
    return f"YAML syntax error: {reason}; check indentation and quotes"


def _events(parser_class, text: str):
    """The parser's events one by one, like yaml.parse (which also accepts a bare CParser)."""
    parser = parser_class(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


class _Open:
    """A list or mapping being read: its value, its anchor and what it expands to so far."""

    __slots__ = ("value", "anchor", "values", "chars", "key", "key_where", "skip_value", "bad_tag")

    def __init__(self, value, anchor, bad_tag):
        self.value, self.anchor, self.bad_tag = value, anchor, bad_tag
        self.values, self.chars = 1, 0
        self.key = self.key_where = None
        self.skip_value = False


def _build(events, path: str):
    """Build Mapping / Sequence / scalars from parser events, checking every limit on the way."""
    import yaml

    problems: list[Problem] = []
    stack: list[_Open] = []
    anchors: dict[str, tuple] = {}  # anchor -> (value, values, chars)
    aliases = 0
    total_values = total_chars = 0
    root = None
    documents = 0

    def limit(event, message: str):
        raise ValidationFailed([_where(path, event).problem("", message)])

    def tag_problem(event) -> bool:
        tag = getattr(event, "tag", None)
        if tag is None or tag == "!" or tag in _PLAIN_TAGS:
            return False
        problems.append(_where(path, event).problem("", f"the tag '{shown(tag)}' is not allowed; remove it"))
        return True

    def place(value, where: Where, values: int, chars: int, anchor) -> None:
        """Put a finished value into the open list or mapping (or make it the file's value)."""
        nonlocal root
        if anchor:
            anchors[anchor] = (value, values, chars)
        if not stack:
            root = (value, where)
            return
        parent = stack[-1]
        parent.values += values
        parent.chars += chars
        container = parent.value
        if isinstance(container, Sequence):
            container.append(value)
            container.item_where.append(where)
        elif parent.key is None and not parent.skip_value:  # a key
            if not isinstance(value, str):
                shown_key = "a list" if isinstance(value, list) else "fields" if isinstance(value, dict) else str(value)
                problems.append(where.problem(shown(shown_key), "a field name must be text"))
                parent.skip_value = True
            elif value in container:
                first = container.key_where[value]
                problems.append(where.problem(value, f"written twice (first at line {first.line}); keep one"))
                parent.skip_value = True
            else:
                parent.key, parent.key_where = value, where
        elif parent.skip_value:  # the value of a key already reported
            parent.skip_value = False
        else:
            container[parent.key] = value
            container.key_where[parent.key] = parent.key_where
            container.value_where[parent.key] = where
            parent.key = None

    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                limit(event, "holds more than one document (a second '---'); keep one per file")
        elif isinstance(event, yaml.ScalarEvent):
            bad = tag_problem(event)
            value = None if bad else _scalar(event)
            total_values += 1
            total_chars += len(event.value)
            place(value, _where(path, event), 1, len(event.value), event.anchor)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                limit(event, f"values nest more than {MAX_DEPTH} levels deep; a catalogue file needs only a few")
            if isinstance(event, yaml.SequenceStartEvent):
                value = Sequence()
                value.item_where = []
            else:
                value = Mapping()
                value.key_where, value.value_where = {}, {}
            value.where = _where(path, event)
            stack.append(_Open(value, event.anchor, tag_problem(event)))
            total_values += 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            done = stack.pop()
            place(None if done.bad_tag else done.value, done.value.where, done.values, done.chars, done.anchor)
        elif isinstance(event, yaml.AliasEvent):
            name = event.anchor
            if any(frame.anchor == name for frame in stack):
                limit(event, f"the alias *{shown(name)} refers to a value that holds it (a loop); write the value out")
            if name not in anchors:
                limit(event, f"the alias *{shown(name)} has no anchor &{shown(name)} before it")
            aliases += 1
            if aliases > MAX_ALIASES:
                limit(event, f"uses more than {MAX_ALIASES} aliases (*name); write the values out instead")
            value, values, chars = anchors[name]
            total_values += values
            total_chars += chars
            if total_values > MAX_EXPANDED_VALUES or total_chars > MAX_EXPANDED_CHARS:
                limit(event, f"aliases (*name) make this file expand to more than {MAX_EXPANDED_VALUES:,} values "
                             f"or {MAX_EXPANDED_CHARS:,} characters; write the values out instead")
            place(value, _where(path, event), values, chars, None)
    if root is None or root[0] is None:
        raise ValidationFailed([Problem(path, 1, 1, "", "the file is empty")])
    value, where = root
    if not isinstance(value, (Mapping, Sequence)):
        raise ValidationFailed([where.problem("", f"holds only the text '{shown(str(value), 40)}'; a file is made "
                                              "of `field: value` lines (see the README for an example)")])
    if problems:
        raise ValidationFailed(problems)
    return value
