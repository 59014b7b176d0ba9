"""Saved programmes: build --save, build --programme (changed by this visit's options), handouts programmes."""

from pathlib import Path

import pytest

from pypdf import PdfReader

from conftest import folded, pdf_text
from handouts.programmes import Programme

PROGRAMMES = Path("config/handouts/programmes")  # the settings folder the `run` fixture points at


def saved(name="maria-gomez"):
    return (PROGRAMMES / f"{name}.yaml").read_text(encoding="utf-8")


def test_save_then_rebuild_at_the_next_visit(run):
    first = run("build", "si-joint-starter", "--patient", "María Gómez", "--clinician", "Dr Ana Ruiz",
                "--drop", "spinal-twist", "--add", "cat-cow", "--set", "glute-bridge.reps=8", "--note", "Go gently.",
                "--log-weeks", 3, "--page-size", "a4", "--large-print", "--date", "2026-11-23",
                "-o", "visit1.pdf", "--save", "María Gómez")
    assert first.exit_code == 0, first.output
    assert "Saved programme" in first.stderr and "handouts build --programme maria-gomez" in first.stderr
    text = saved()
    assert text.startswith("# yaml-language-server: $schema=file://")
    for line in ("patient: María Gómez", "clinician: Dr Ana Ruiz", "sheet: si-joint-starter", "add: [cat-cow]",
                 "drop: [spinal-twist]", "  glute-bridge: {reps: 8}", "note: Go gently.", "log_weeks: 3",
                 "page_size: a4", "print_style: large"):
        assert line in text.splitlines()
    assert "2026-11-23" not in text  # the date is not kept: the next sheet carries its own

    again = run("build", "--programme", "maria-gomez", "--date", "2026-12-07", "-o", "visit2.pdf")
    assert again.exit_code == 0, again.output
    one, two = (folded(" ".join(pdf_text(Path(f).read_bytes()))) for f in ("visit1.pdf", "visit2.pdf"))
    assert one.replace("November 23, 2026", "").replace("23 November 2026", "")[:200] == \
        two.replace("7 December 2026", "")[:200] or "7 December 2026" in two
    assert "María Gómez" in two and "Go gently." in two and "Do 8 times." in two
    assert PdfReader("visit2.pdf").pages[0].mediabox.width < 600  # A4 is narrower than Letter

    changed = run("build", "--programme", "maria-gomez", "--set", "glute-bridge.reps=12", "--add", "spinal-twist",
                  "--normal-print", "-o", "visit3.pdf", "--save", "maria-gomez")
    assert changed.exit_code == 0, changed.output
    text = saved()
    assert "  glute-bridge: {reps: 12}" in text.splitlines() and "print_style: normal" in text
    assert "drop:" not in text and "spinal-twist" not in text  # added back: off the drop list
    assert "Do 12 times." in folded(" ".join(pdf_text(Path("visit3.pdf").read_bytes())))

    listed = run("programmes")
    assert listed.exit_code == 0
    assert "maria-gomez" in listed.stdout and "María Gómez" in listed.stdout and "si-joint-starter" in listed.stdout
    assert run("programmes", "maria-gomez").stdout.startswith("# yaml-language-server")


def test_a_programme_file_anywhere_builds_by_its_path(run):
    assert run("build", "-e", "knee-to-chest", "-e", "walking", "--patient", "Tom Lee", "-o", "tom.pdf",
               "--save", "tom.yaml").exit_code == 0
    assert Path("tom.yaml").is_file() and not PROGRAMMES.exists()
    result = run("build", "tom.yaml", "-o", "tom2.pdf")
    assert result.exit_code == 0, result.output
    assert "Tom Lee" in pdf_text(Path("tom2.pdf").read_bytes())[0]


def test_another_patients_programme_is_not_replaced(run):
    assert run("build", "si-joint-starter", "--patient", "Ann Bell", "-o", "a.pdf", "--save", "bell").exit_code == 0
    result = run("build", "si-joint-starter", "--patient", "Bob Bell", "-o", "b.pdf", "--save", "bell")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("bell.yaml: holds the programme of a different patient; "
                                          "choose another name, or add --force to replace it")
    assert not Path("b.pdf").exists() and "Ann Bell" in saved("bell")


def test_a_broken_programme_is_reported_with_file_and_line(run):
    PROGRAMMES.mkdir(parents=True)
    path = Path.cwd() / PROGRAMMES / "ann.yaml"
    path.write_text("patient: Ann\nsheet: si-joint-startr\nadd: [cat-cow, glute-brige]\n"
                    "doses:\n  glute-bridge: {reps: 500}\nprint_style: huge\nlog_week: 2\n")
    result = run("build", "--programme", "ann")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"{path}:5:24: doses.glute-bridge.reps: 500 is out of range; use a number from 1 to 50 times" in lines
    assert any(l.startswith(f"{path}:6:14: print_style: 'huge' is not one of: large, normal") for l in lines)
    assert f"{path}:7:1: log_week: unknown field — did you mean 'log_weeks'?" in lines
    path.write_text("patient: Ann\nsheet: si-joint-startr\nadd: [cat-cow, glute-brige]\n")
    lines = run("build", "--programme", "ann").stderr.splitlines()
    assert f"{path}:2:8: sheet: unknown standard sheet 'si-joint-startr' — did you mean 'si-joint-starter'?" in lines
    assert f"{path}:3:16: add[2]: unknown exercise 'glute-brige' — did you mean 'glute-bridge'?" in lines
    listed = run("programmes")
    assert "ann" in listed.stdout and "cannot be read" in listed.stdout


def test_no_programmes_yet_says_how_to_save_one(run):
    result = run("programmes")
    assert result.exit_code == 0 and "--save NAME" in result.stdout
    missing = run("build", "--programme", "nobody")
    assert missing.exit_code == 1 and "no saved programme here; `handouts programmes` lists them" in missing.stderr


# --- where saved programmes live: the clinic file's `programmes:` folder -------------------------------------


def clinic_file(folder: Path, programmes: str) -> Path:
    path = folder / "clinic.yaml"
    path.write_text(f"name: Riverbend Physiotherapy\nphone: 555-0142\nprogrammes: {programmes}\n", encoding="utf-8")
    return path


def test_the_programmes_folder_is_the_clinic_files_choice_relative_to_it(tmp_path):
    from handouts.clinicfile import load_clinic
    from handouts.models import Clinic
    from handouts.programmes import folder, list_programmes, path_for, save_programme

    settings = tmp_path / "settings"
    assert folder(settings, Clinic()) == settings / "programmes"  # no setting: the settings folder's
    (tmp_path / "shared").mkdir()
    clinic = load_clinic(clinic_file(tmp_path / "shared", "programmes"), settings)
    assert clinic.programmes == tmp_path / "shared" / "programmes"  # beside the clinic file, not the cwd
    assert folder(settings, clinic) == tmp_path / "shared" / "programmes"
    assert path_for("María Gómez", settings, clinic) == tmp_path / "shared" / "programmes" / "maria-gomez.yaml"
    assert path_for("elsewhere/tom.yaml", settings, clinic) == Path("elsewhere/tom.yaml")  # a path stays a path

    save_programme(path_for("maria-gomez", settings, clinic), Programme(sheet="si-joint-starter", patient="María"))
    assert [p.name for p in list_programmes(settings, clinic)] == ["maria-gomez"]  # made on the first save
    assert list_programmes(settings, Clinic()) == []  # the settings folder's own stays empty


def test_a_programmes_folder_that_cannot_be_is_said_with_its_line(tmp_path):
    from handouts.clinicfile import load_clinic
    from handouts.errors import ValidationFailed

    (tmp_path / "notes.txt").write_text("not a folder")
    for value, message in (
            ("notes.txt", "programmes: 'notes.txt' is a file; give the folder where saved programmes go, "
                          "like programmes"),
            ("no-such-drive/programmes", f"programmes: folder 'no-such-drive/programmes' not found, nor the folder "
                                         f"it would go in (looked in {tmp_path}); check the path, relative to this "
                                         "clinic file")):
        path = clinic_file(tmp_path, value)
        with pytest.raises(ValidationFailed) as failed:
            load_clinic(path)
        assert [str(p) for p in failed.value.problems] == [f"{path}:3:13: {message}"]


def test_build_save_programme_and_the_listing_use_the_clinics_folder(run, tmp_path):
    (tmp_path / "clinic").mkdir()
    clinic = clinic_file(tmp_path / "clinic", "../team-programmes")
    made = run("build", "si-joint-starter", "--patient", "Ann Bell", "--clinic", clinic, "--format", "html",
               "-o", "ann.html", "--save", "ann-bell")
    assert made.exit_code == 0, made.output
    team = tmp_path / "team-programmes"
    assert (team / "ann-bell.yaml").is_file() and not PROGRAMMES.exists()
    assert f"Saved programme {team / 'ann-bell.yaml'}" in made.stderr
    again = run("build", "--programme", "ann-bell", "--clinic", clinic, "--format", "html", "-o", "ann2.html")
    assert again.exit_code == 0, again.output
    listed = run("programmes", "--clinic", clinic)
    assert listed.stdout.splitlines()[0] == f"Saved programmes in {team}:" and "Ann Bell" in listed.stdout
    assert run("programmes", "--clinic", clinic, "ann-bell").stdout.startswith("# yaml-language-server")
    assert "No saved programmes yet" in run("programmes").stdout  # without that clinic file: the settings folder


def test_where_programmes_are_saved_is_not_part_of_the_sheet(tmp_path):
    from dataclasses import replace

    from handouts.catalogue import load_library
    from handouts.handout import plan
    from handouts.models import Clinic

    library, asked = load_library(), Programme(sheet="si-joint-starter", patient="Ann Bell")
    ids = {plan(library, asked, clinic=clinic, issued="2026-11-23").handout.sheet_id
           for clinic in (Clinic(name="Riverbend"), replace(Clinic(name="Riverbend"), programmes=tmp_path))}
    assert len(ids) == 1  # the same sheet, the same id, wherever its programme is kept
