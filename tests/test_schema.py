"""The JSON Schema editors use agrees with the readers: shipped files pass both, broken files fail both."""

from pathlib import Path

import jsonschema
import pytest

from handouts import schema
from handouts.errors import ValidationFailed
from handouts.catalogue import EXAMPLE_CLINIC, SHIPPED_CATALOGUE, SHIPPED_TEMPLATES, guess_kind, yaml_files
from handouts.programmes import Programme, programme_text, read_programme
from handouts.reading import (read_avoid_item, read_clinic, read_condition, read_exercise, read_precaution,
                              read_sheet)
from handouts.starter import EXAMPLES
from handouts.yamlfile import parse_yaml, read_yaml

BAD = Path(__file__).parent / "data" / "bad"


def validator(kind: str):
    return jsonschema.Draft202012Validator(schema.build(kind))


def test_shipped_schema_files_are_what_the_code_builds():
    for name, text in schema.schema_texts().items():
        assert (schema.FOLDER / name).read_text() == text, f"refresh with: handouts schema handouts/schema ({name})"
        # The copy beside the shipped catalogue, named by every shipped YAML file's first line.
        assert (SHIPPED_CATALOGUE / "schema" / name).read_text() == text, \
            f"refresh with: handouts schema catalogue/schema ({name})"
    for kind in schema.KINDS:
        jsonschema.Draft202012Validator.check_schema(schema.build(kind))


def shipped_files():
    for folder in (SHIPPED_CATALOGUE, SHIPPED_TEMPLATES, EXAMPLES):
        for path in yaml_files(folder):
            yield path
    yield EXAMPLE_CLINIC


@pytest.mark.parametrize("path", list(shipped_files()), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_file_validates_against_its_schema(path):
    data = read_yaml(path)
    kind = guess_kind(path, data)
    errors = sorted(validator(kind).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors)


def shipped_yaml_files(catalogue: Path, templates: Path) -> list[Path]:
    """Every YAML file handouts ships: catalogue/**, templates/*.yaml, templates/clinic/*.yaml."""
    return sorted([*catalogue.rglob("*.yaml"), *templates.glob("*.yaml"), *(templates / "clinic").glob("*.yaml")])


def schema_line_problems(catalogue: Path, templates: Path) -> list[str]:
    """Files whose first line does not name, by a relative path, the existing schema of their kind."""
    problems = []
    for path in shipped_yaml_files(catalogue, templates):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        if not first.startswith(prefix):
            problems.append(f"{path}: first line is not '{prefix}...'")
            continue
        target = first[len(prefix):].strip()
        kind = guess_kind(path, read_yaml(path))
        if target.startswith(("/", "file:", "http")) or not (path.parent / target).is_file():
            problems.append(f"{path}: {target} is not a schema file relative to it")
        elif Path(target).name != f"{kind}.json":
            problems.append(f"{path}: names {target}, but it is a {kind} file")
    return problems


def test_every_shipped_file_names_its_schema_on_its_first_line():
    files = shipped_yaml_files(SHIPPED_CATALOGUE, SHIPPED_TEMPLATES)
    assert len(files) >= 37 and EXAMPLE_CLINIC in files
    assert schema_line_problems(SHIPPED_CATALOGUE, SHIPPED_TEMPLATES) == []


def test_a_saved_programme_validates_against_its_schema():
    text = programme_text(Programme(patient="María Gómez", sheet="si-joint-starter", add=("cat-cow",),
                                    drop=("spinal-twist",), doses=(("glute-bridge", "reps", 8),), log_weeks=3,
                                    page_size="a4", print_style="large", precautions=("pregnancy",),
                                    saved="2026-12-02"))
    data = parse_yaml(text, "p.yaml")
    assert not list(validator("programme").iter_errors(data))
    assert not read_programme(data, data.where)[1]
    assert list(validator("programme").iter_errors(parse_yaml("patient: Ann\n", "p.yaml")))  # no sheet, no add


READERS = {
    "exercise": lambda data, where: read_exercise(data, where, Path(".")),
    "avoid": read_avoid_item, "condition": read_condition, "precaution": read_precaution, "sheet": read_sheet,
    "clinic": lambda data, where: read_clinic(data, where, Path(".")),
    "programme": read_programme,
}


def item_schema(kind: str) -> dict:
    built = schema.build(kind)
    return built["anyOf"][0] if "properties" not in built else built


@pytest.mark.parametrize("kind", schema.KINDS)
def test_every_schema_field_is_a_field_its_reader_knows(kind):
    """A field the schema offers while typing must never be an 'unknown field' to validate."""
    def nested(properties: dict, prefix: str = ""):
        for name, spec in properties.items():
            yield prefix + name
            if isinstance(spec, dict) and "properties" in spec and name not in ("start", "finish", "then"):
                yield from nested(spec["properties"], prefix + name + ".")

    fields = list(nested(item_schema(kind)["properties"]))
    text = ""
    for field in fields:  # every field, each nested one inside its parent
        if "." not in field:
            inner = [f.split(".", 1)[1] for f in fields if f.startswith(field + ".") and f.count(".") == 1]
            text += f"{field}:" + ("".join(f"\n  {i}:" for i in inner) if inner else "") + "\n"
    data = parse_yaml(text, f"{kind}.yaml")
    _, problems = READERS[kind](data, data.where)
    unknown = [str(p) for p in problems if "unknown field" in p.message]
    assert not unknown


BROKEN = ["exercises/bad-id", "exercises/bad-kind", "exercises/bad-video-url", "exercises/missing-name",
          "exercises/reps-out-of-range", "exercises/steps-not-list", "exercises/summary-too-long",
          "exercises/too-many-steps", "exercises/unknown-key", "exercises/replaces-no", "exercises/reps-not-number",
          "exercises/hold-sexagesimal", "exercises/reps-superscript", "exercises/empty", "exercises/name-bell",
          "clinic/bad-colour", "avoid/missing-reason", "precautions/unknown-attribute"]


@pytest.mark.parametrize("case", BROKEN)
def test_schema_refuses_what_validate_refuses(case):
    path = BAD / f"{case}.yaml"
    kind = {"exercises": "exercise", "clinic": "clinic", "avoid": "avoid", "precautions": "precaution"}[
        case.split("/")[0]]
    assert (BAD / f"{case}.expected").read_text().strip()  # validate refuses it (tests/test_validate.py)
    try:
        data = read_yaml(path)
    except ValidationFailed:  # an empty file: nothing at all
        data = None
    assert list(validator(kind).iter_errors(data))


def test_schema_command_writes_every_schema(run):
    result = run("schema", "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("out").iterdir()) == sorted(schema.schema_texts())
