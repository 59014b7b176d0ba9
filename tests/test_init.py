"""handouts init: a clinic file and a catalogue folder that validate as written, never clobbering."""

from pathlib import Path

from handouts.catalogue import EXAMPLE_CLINIC

LOGO = EXAMPLE_CLINIC.parent / "logo.png"


def test_init_clinic_from_options_writes_the_settings_file_every_build_uses(run):
    result = run("init", "clinic", "--name", "Riverbend Physiotherapy", "--phone", "555-0142", "--page-size", "A4",
                 "--colour", "#1f5c8b", "--logo", LOGO, "--private", "--no-ask")
    assert result.exit_code == 0, result.output
    path = Path("config/handouts/clinic.yaml")
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=file://")
    assert 'name: "Riverbend Physiotherapy"' in text and 'brand: "#1F5C8B"' in text and "page_size: \"a4\"" in text
    assert "# address:" in text and "names_in_files: false" in text
    assert run("validate", "--clinic", path, "--brief").exit_code == 0
    built = run("build", "si-joint-starter", "--patient", "Ann Bell", "--date", "2026-11-23")
    assert built.exit_code == 0 and "no clinic phone" not in built.stderr
    assert not list(Path.cwd().glob("*ann-bell*"))  # the private setting is in force


def test_init_clinic_never_replaces_without_force(run):
    assert run("init", "clinic", "c.yaml", "--name", "A", "--no-ask").exit_code == 0
    again = run("init", "clinic", "c.yaml", "--name", "B", "--no-ask")
    assert again.exit_code == 2 and "already exists" in again.stderr and 'name: "A"' in Path("c.yaml").read_text()
    assert run("init", "clinic", "c.yaml", "--name", "B", "--no-ask", "--force").exit_code == 0
    assert 'name: "B"' in Path("c.yaml").read_text()


def test_init_clinic_asks_on_a_terminal_and_checks_answers(run):
    answers = "\n".join(["Riverbend", "555-0142", "", "", "missing.png", "", "blue", "#123456", "A4", "en-GB"]) + "\n"
    result = run("init", "clinic", "c.yaml", "--ask", input=answers)
    assert result.exit_code == 0, result.output
    assert "must be a PNG or JPEG file that exists" in result.output and "is not a colour" in result.output
    text = Path("c.yaml").read_text()
    assert 'phone: "555-0142"' in text and 'brand: "#123456"' in text and 'page_size: "a4"' in text
    assert 'locale: "en-GB"' in text and "# logo:" in text
    assert run("validate", "--clinic", "c.yaml", "--brief").exit_code == 0


def test_init_clinic_checks_options(run):
    assert "is not a colour" in run("init", "clinic", "c.yaml", "--name", "A", "--colour", "navy").stderr
    assert "give the clinic's name" in run("init", "clinic", "c.yaml", "--no-ask").stderr
    assert not Path("c.yaml").exists()


def test_init_catalogue_makes_examples_that_validate_and_build(run):
    result = run("init", "catalogue", "mine")
    assert result.exit_code == 0, result.output
    for sub in ("exercises", "avoid", "conditions", "templates", "schema"):
        assert list(Path("mine", sub).iterdir())
    assert "sources" in Path("mine/README.md").read_text()
    checked = run("validate", "mine", "--brief")
    assert checked.exit_code == 0 and checked.stdout.strip().endswith("All good."), checked.output
    built = run("build", "my-knee-starter", "--catalogue", "mine", "--patient", "Tom Lee", "-o", "tom.pdf", "--strict")
    assert built.exit_code == 0, built.output
    first = Path("mine/exercises/my-heel-slide.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/exercise.json"
    assert Path("mine/exercises", first.split("=")[1]).resolve().is_file()
    again = run("init", "catalogue", "mine")
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert run("init", "catalogue", "mine", "--force").exit_code == 0
