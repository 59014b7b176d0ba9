"""A strict YAML reader that remembers where every value was written.

Clinicians edit these files by hand, so YAML 1.1's surprises must become clear
errors instead of silent changes: `1:30` is not 90, `no` is not False and
`2024-05-01` is not a date. Plain scalars become int, float, bool (only the
words `true` / `false`), None or the exact text typed; quoted scalars are
always text. Duplicate keys are errors. Only safe composing is used: no tags
run code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Problem, ValidationFailed

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)\Z")
_NULL = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class Where:
    """A place in a YAML file, 1-based like an editor shows it."""

    path: str
    line: int
    column: int

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


def _where(path: str, node) -> Where:
    mark = node.start_mark
    return Where(path, mark.line + 1, mark.column + 1)


def _scalar(node: yaml.ScalarNode):
    text = node.value
    if node.style:  # quoted or block text: always exactly what was typed (plain is None or "")
        return text
    if text in _NULL:
        return None
    if text in ("true", "false"):
        return text == "true"
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
               ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value")}


def _convert(node, path: str, problems: list[Problem]):
    if node.tag not in _PLAIN_TAGS:
        problems.append(_where(path, node).problem("", f"the tag '{node.tag}' is not allowed; remove it"))
        return None
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        seq = Sequence(_convert(item, path, problems) for item in node.value)
        seq.where = _where(path, node)
        seq.item_where = [_where(path, item) for item in node.value]
        return seq
    # MappingNode
    result = Mapping()
    result.where = _where(path, node)
    result.key_where, result.value_where = {}, {}
    for key_node, value_node in node.value:
        key = _convert(key_node, path, problems)
        where = _where(path, key_node)
        if not isinstance(key, str):
            problems.append(where.problem(str(key), "a field name must be text"))
            continue
        if key in result:
            first = result.key_where[key]
            problems.append(
                where.problem(key, f"written twice (first at line {first.line}); keep one")
            )
            continue
        result[key] = _convert(value_node, path, problems)
        result.key_where[key] = where
        result.value_where[key] = _where(path, value_node)
    return result


def read_yaml(path: Path, label: str | None = None):
    """Read one YAML file into plain values that carry their positions.

    `label` is how the file is named in messages (defaults to the path).
    Raises ValidationFailed for unreadable files, syntax errors and duplicate keys.
    """
    label = label or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationFailed([Problem(label, 0, 0, "", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise ValidationFailed(
            [Problem(label, 0, 0, "", f"not UTF-8 text (byte {exc.start}); save the file as UTF-8")]
        ) from None
    except OSError as exc:
        raise ValidationFailed([Problem(label, 0, 0, "", f"cannot read: {exc.strerror}")]) from None
    return parse_yaml(text, label)


# libyaml composes about 15 times faster; the pure-Python reader gives the same
# nodes and is used again on a syntax error so its messages stay the same everywhere.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, label: str):
    try:
        try:
            node = yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = " ".join(str(exc.problem or exc.context or "not valid YAML").split())
        raise ValidationFailed(
            [Problem(label, line, column, "", f"YAML syntax error: {reason}; check indentation and quotes")]
        ) from None
    except yaml.YAMLError as exc:
        raise ValidationFailed([Problem(label, 0, 0, "", f"YAML error: {exc}")]) from None
    if node is None:
        raise ValidationFailed([Problem(label, 1, 1, "", "the file is empty")])
    problems: list[Problem] = []
    data = _convert(node, label, problems)
    if problems:
        raise ValidationFailed(problems)
    return data
