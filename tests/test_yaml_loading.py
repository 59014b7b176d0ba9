"""The strict YAML reader: typed text stays as typed, mistakes name their line."""

import pytest

from handouts.errors import ValidationFailed
from handouts.yamlfile import parse_yaml


def test_yaml_1_1_surprises_stay_text():
    data = parse_yaml("a: 1:30\nb: no\nc: yes\nd: 2024-05-01\ne: 12\nf: 1.5\ng: true\nh: '12'\ni: ~\n", "x.yaml")
    assert data == {"a": "1:30", "b": "no", "c": "yes", "d": "2024-05-01", "e": 12, "f": 1.5,
                    "g": True, "h": "12", "i": None}


def test_positions_are_kept():
    data = parse_yaml("name: Bridge\nsteps:\n  - one\n  - two\n", "x.yaml")
    assert data.value_where["name"].line == 1
    assert data.value_where["name"].column == 7
    assert [w.line for w in data["steps"].item_where] == [3, 4]


def test_duplicate_key_names_both_lines():
    with pytest.raises(ValidationFailed) as failed:
        parse_yaml("name: a\nkind: b\nname: c\n", "x.yaml")
    assert str(failed.value) == "x.yaml:3:1: name: written twice (first at line 1); keep one"


def test_no_code_runs_from_tags():
    with pytest.raises(ValidationFailed) as failed:
        parse_yaml("a: !!python/object/apply:os.system ['echo hi']\n", "x.yaml")
    assert "x.yaml:1:4" in str(failed.value)
