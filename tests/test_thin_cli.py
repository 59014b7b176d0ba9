"""The library steps the thin command line calls (issue 12), each at its own level: no PDF is drawn here."""

from pathlib import Path

import pytest

from handouts import browse
from handouts.batch import BatchJob, BatchReport, Outcome
from handouts.catalogue import load_library
from handouts.cautions import hold_back
from handouts.clinicfile import pdfa_ready
from handouts.describe import describe, listing
from handouts.desk import Desk
from handouts.drawings import gallery_choice
from handouts.errors import HandoutsError, Problem, Withheld
from handouts.issuing import Delivery, issue, visit_request
from handouts.models import Clinic
from handouts.print_run import close_run, to_print
from handouts.programmes import listing as programme_listing, save_programme, saved_text
from handouts.request import BadChoice, Request

LIFT = ("id: my-lift\nname: My leg lift\nkind: strength\nposition: lying on your back\nbody_area: [hips]\n"
        "equipment: [none]\nsummary: It helps.\nsteps: [Lie on your back., Lift one leg.]\ndose: {reps: 10}\n"
        "sources: [Our notes]\n")


@pytest.fixture(scope="module")
def library():
    return load_library()


def _warning(message, severity="warning"):
    return Problem("sheet", 0, 0, "", message, severity)


# --- cautions: each warning said, then whether nothing is written ---------------

def test_warnings_are_said_and_pass_unless_strict():
    told = []
    hold_back([_warning("a"), _warning("b")], False, told.append)
    assert told == ["sheet: warning: a", "sheet: warning: b"]
    with pytest.raises(Withheld, match=r"^2 warnings; --strict treats them as errors, so nothing was written\.$"):
        hold_back([_warning("a"), _warning("b")], True, [].append)
    hold_back([], True, told.append)  # nothing to say, nothing stopped
    assert len(told) == 2


def test_an_error_stops_the_sheet_even_without_strict():
    told = []
    with pytest.raises(Withheld, match=r"^1 error in this sheet, so nothing was written\.$"):
        hold_back([_warning("ruled out", "error"), _warning("a")], False, told.append)
    assert told == ["sheet: ruled out", "sheet: warning: a"]  # said before it stops


# --- describe: what list and show print -----------------------------------------

def test_listing_picks_the_view_asked_for(library):
    assert listing(library, sheets=True) == browse.list_sheets(library, None)
    assert listing(library, avoid=True) == browse.list_avoid(library)
    assert listing(library, precautions=True) == browse.list_precautions(library)
    assert listing(library, kind="strength") == browse.list_exercises(library, condition=None, kind="strength")
    with pytest.raises(BadChoice) as failed:
        listing(library, condition="no-such-condition", sheets=True)
    assert failed.value.problems[0].field == "condition"


def test_a_standard_sheet_is_shown_as_planned(library):
    from handouts.handout import plan

    sheet = sorted(library.sheets)[0]
    shown = describe(library, sheet)
    planned = plan(library, Request(sheet=sheet), clinic=Clinic(), issued="(date)")
    assert shown.text.endswith("\n\n" + browse.show_plan(planned.handout))
    assert tuple(shown.warnings) == planned.problems
    exercise = describe(library, "glute-bridge")
    assert exercise == (browse.show_exercise(library, library.exercises["glute-bridge"]), ())


def test_an_unknown_id_is_named_as_the_id_with_a_suggestion(library):
    with pytest.raises(BadChoice) as failed:
        describe(library, "glute-bridg")
    [problem] = failed.value.problems
    assert problem.field == "ID" and "did you mean 'glute-bridge'?" in problem.message


# --- drawings: which exercises a gallery draws ----------------------------------

def test_a_gallery_of_everything_leaves_out_exercises_without_a_pose(tmp_path):
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "lift.yaml").write_text(LIFT, "utf-8")
    library = load_library([tmp_path])
    chosen, skipped = gallery_choice(library)
    assert skipped == ["my-lift"] and "my-lift" not in [e.id for e in chosen]
    assert [e.id for e in chosen] == sorted(i for i, e in library.exercises.items() if e.pose is not None)
    named, skipped = gallery_choice(library, ("cat-cow", "glute-bridge"))
    assert [e.id for e in named] == ["cat-cow", "glute-bridge"] and skipped == []


def test_a_gallery_names_what_is_not_an_exercise(library):
    sheet = sorted(library.sheets)[0]
    with pytest.raises(BadChoice, match=f"'{sheet}' is not an exercise, so it has no picture"):
        gallery_choice(library, ("glute-bridge", sheet))
    with pytest.raises(BadChoice, match="did you mean 'glute-bridge'"):
        gallery_choice(library, ("glute-bridg",))


# --- issuing: the request of a visit, and what stops a sheet before it is drawn --

def test_a_visit_changes_a_saved_programme_and_options_alone_make_a_request(library, tmp_path):
    alone = visit_request(library, tmp_path, Clinic(), sheet=None, add=("glute-bridge",), patient="Ann Lee", note=None)
    assert alone == Request(add=("glute-bridge",), patient="Ann Lee")
    saved = tmp_path / "ann.yaml"
    save_programme(saved, Request(add=("glute-bridge",), patient="Ann Lee", note="Keep going"))
    again = visit_request(library, tmp_path, Clinic(), sheet=str(saved), add=("cat-cow",), note=None, patient=None)
    assert again.add == ("glute-bridge", "cat-cow") and again.note == "Keep going" and again.patient == "Ann Lee"


def test_strict_warnings_stop_the_sheet_before_any_file_is_made(library, tmp_path):
    request = Request(add=("glute-bridge",), doses=(("glute-bridge", "minutes", 5),))
    told = []
    with pytest.raises(Withheld):
        issue(library, Clinic(), request, "2026-11-22", Delivery(output=tmp_path / "s.pdf", strict=True), tmp_path,
              told.append)
    assert any("has both minutes (5) and reps (10)" in line for line in told)
    assert list(tmp_path.iterdir()) == []


def test_a_file_handouts_did_not_make_is_refused_before_the_sheet_is_drawn(library, tmp_path):
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"my own notes")
    told = []
    with pytest.raises(HandoutsError, match="already exists and is not a sheet made by handouts"):
        issue(library, Clinic(phone="555"), Request(add=("glute-bridge",)), "2026-11-22", Delivery(output=notes),
              tmp_path, told.append)
    assert notes.read_bytes() == b"my own notes" and told == []
    assert Delivery(output=Path("-")).to_stdout and not Delivery(output=Path("s.pdf")).to_stdout


# --- print_run: what a batch sends to the printer ---------------------------------

def _run_of(*statuses):
    jobs = [BatchJob(file_name=f"{n}.pdf", title=str(n)) for n in range(len(statuses))]
    return jobs, BatchReport([Outcome(job, status, message="no such sheet" if status == "failed" else "")
                              for job, status in zip(jobs, statuses)])


def test_the_printer_gets_the_combined_file_or_each_finished_sheet_in_order(tmp_path):
    jobs, report = _run_of("built", "failed", "skipped")
    assert to_print(jobs, report, tmp_path) == [tmp_path / "0.pdf", tmp_path / "2.pdf"]
    assert to_print(jobs, report, tmp_path, tmp_path / "all.pdf") == [tmp_path / "all.pdf"]


def test_a_run_with_a_failure_says_so_and_returns_false(tmp_path):
    told = []
    jobs, report = _run_of("skipped", "failed")
    assert close_run(jobs, report, tmp_path, told.append) is False
    assert told == ["no such sheet", f"Built 0, skipped 1 (unchanged), failed 1, of 2 sheets in {tmp_path}."]
    assert close_run(*_run_of("skipped"), tmp_path, [].append) is True


# --- programmes and the desk ------------------------------------------------------

def test_programmes_listing_says_where_they_go_then_lists_them(library, tmp_path):
    empty = programme_listing(tmp_path, Clinic(), library)
    assert empty.startswith(f"No saved programmes yet (they go in {tmp_path / 'programmes'}).")
    save_programme(tmp_path / "programmes" / "ann-lee.yaml", Request(add=("glute-bridge",), patient="Ann Lee"))
    lines = programme_listing(tmp_path, Clinic(), library).splitlines()
    assert lines[0] == f"Saved programmes in {tmp_path / 'programmes'}:" and lines[1].startswith("ann-lee ")
    assert "patient: Ann Lee" in saved_text("ann-lee", tmp_path, Clinic(), library)


def test_the_desk_reads_the_catalogue_once_and_the_clinic_file_named(tmp_path):
    place = Desk(tmp_path, [], "example")
    assert place.library() is place.library()
    assert place.clinic().name
    if pdfa_ready():  # Python 3.10's pikepdf makes no PDF/A, and says so (test_pdfa)
        assert place.clinic(pdfa=True).pdfa
    else:
        with pytest.raises(HandoutsError, match="^PDF/A needs pikepdf 10.18 or newer"):
            place.clinic(pdfa=True)
    assert Desk(tmp_path).clinic() == Clinic()  # no file named, none saved: plain branding
