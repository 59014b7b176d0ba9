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


# -- bounded reading: every hostile file gets our own message, from either parser --

import time

from handouts import yamlfile
from handouts.yamlfile import read_yaml

HOSTILE = {
    "alias bomb": ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)),
        "x.yaml:5:11: aliases (*name) make this file expand to more than 20,000 values"),
    "too many aliases": ("a: &a x\nb: [" + ", ".join(["*a"] * 150) + "]\n",
                         "uses more than 100 aliases (*name); write the values out instead"),
    "alias to itself": ("a: &a [1, *a]\n", "x.yaml:1:11: the alias *a refers to a value that holds it (a loop)"),
    "mapping holding itself": ("&a {x: *a}\n", "x.yaml:1:8: the alias *a refers to a value that holds it"),
    "alias with no anchor": ("a: *zz\n", "x.yaml:1:4: the alias *zz has no anchor &zz before it"),
    "deep flow nesting": ("[" * 100_000 + "]" * 100_000, "x.yaml:1:21: values nest more than 20 levels deep"),
    "deep block nesting": ("".join(" " * i + "- \n" for i in range(3000)), "x.yaml:21:21: values nest more"),
    "bare sentence": ("Lie down and rest.\n", "x.yaml:1:1: holds only the text 'Lie down and rest.'; a file is made of"),
    "NUL byte": ("a: 1\nb: x\x00y\n", "x.yaml:2:5: contains a control character (U+0000) that YAML does not allow"),
    "raw escape": ("a: \x1b[2J\n", "x.yaml:1:4: contains a control character (U+001B)"),
    "two documents": ("a: 1\n---\nb: 2\n", "x.yaml:2:1: holds more than one document"),
    "bad tag": ("a: !!python/name:os.system x\n", "x.yaml:1:4: the tag 'tag:yaml.org,2002:python/name:os.system' is not allowed"),
    "empty": ("", "x.yaml:1:1: the file is empty"),
    "only a comment": ("# nothing\n", "x.yaml:1:1: the file is empty"),
    "syntax": ("a: [1\nb: 2\n", "x.yaml:2:2: YAML syntax error:"),
}


@pytest.mark.parametrize("pure_python", [False, True], ids=["libyaml first", "pure Python"])
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_yaml_gets_our_message_quickly_from_both_parsers(name, pure_python):
    text, expected = HOSTILE[name]
    started = time.monotonic()
    with pytest.raises(ValidationFailed) as failed:
        parse_yaml(text, "x.yaml", pure_python=pure_python)
    assert time.monotonic() - started < 2
    assert expected in str(failed.value)
    assert "\n" not in str(failed.value)


@pytest.mark.parametrize("name", HOSTILE)
def test_both_parsers_give_the_same_answer(name):
    answers = []
    for pure_python in (False, True):
        with pytest.raises(ValidationFailed) as failed:
            parse_yaml(HOSTILE[name][0], "x.yaml", pure_python=pure_python)
        answers.append(str(failed.value))
    if name != "syntax":  # a syntax error is always worded by the pure-Python parser, which reads it again
        assert answers[0] == answers[1]


def test_aliases_within_the_limits_still_work():
    data = parse_yaml("base: &b {reps: 8}\none: *b\ntwo: *b\n", "x.yaml")
    assert data["one"] == data["two"] == {"reps": 8}
    assert data.value_where["two"].line == 3


def test_thousands_of_digits_stay_text_for_the_number_reader():
    data = parse_yaml("reps: " + "9" * 5000 + "\nhold: 1" + "0" * 400 + ".5\n", "x.yaml")
    assert data["reps"] == "9" * 5000 and isinstance(data["hold"], str)


def test_file_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(ValidationFailed) as failed:
        read_yaml(big)
    assert str(failed.value) == f"{big}: is larger than 0 KB, the most a catalogue, sheet or clinic file may be; " \
                                "split it into smaller files"


def test_a_byte_that_is_not_utf8_is_reported_with_its_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\nb: caf\xc3\xa9 \xff\n")
    with pytest.raises(ValidationFailed) as failed:
        read_yaml(path, "x.yaml")
    assert str(failed.value) == "x.yaml:2:9: not UTF-8 text (byte 0xFF); save the file as UTF-8"


def test_a_pipe_or_folder_is_refused_not_waited_on(tmp_path):
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ValidationFailed) as failed:
        read_yaml(fifo, "pipe.yaml")
    assert str(failed.value) == "pipe.yaml: is not a plain file (a device, pipe or folder); give the path of a file"
    with pytest.raises(ValidationFailed) as failed:
        read_yaml(tmp_path, "folder")
    assert "folder: " in str(failed.value)
