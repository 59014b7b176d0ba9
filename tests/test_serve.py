"""`handouts serve` without a browser: its gate (secret, Host, origin, size, paths) and its one engine.

The page itself is driven in a real browser in test_serve_browser.py.
"""

import http.client
import json
import socket
import subprocess
import sys

import pytest

from handouts.catalogue import load_library
from handouts.models import Clinic
from handouts.serve.engine import Engine
from serving import serve

LIBRARY = load_library()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    served = serve(tmp_path_factory.mktemp("serve"))
    yield served
    served.stop()


def engine(tmp_path=None, clinic=Clinic()):
    return Engine(LIBRARY, clinic, tmp_path or "/nonexistent")


ASKED = {"sheet": "si-joint-starter", "exercises": ["knee-to-chest", "glute-bridge", "reverse-lunge"],
         "doses": {"glute-bridge": {"reps": "12"}}, "patient": "María Gómez", "date": "2026-11-23"}


def test_the_first_visit_swaps_the_secret_for_a_cookie_only_this_server_reads(server):
    status, headers, _ = server.request("GET", f"/?token={server.token}", cookie=False)
    assert status == 303 and headers["Location"] == "/"
    assert headers["Set-Cookie"] == f"handouts-{server.port}={server.token}; HttpOnly; SameSite=Strict; Path=/"
    status, headers, page = server.request("GET", "/")
    assert status == 200 and b"<title>Handouts" in page
    assert headers["Content-Security-Policy"].startswith("default-src 'self';")
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert not [h for h in headers if h.lower().startswith("access-control-")]


@pytest.mark.parametrize("path", ["/", "/app.js", "/api/catalogue", "/?token=wrong", "/?token=%C3%B1"])
def test_a_request_without_the_secret_is_refused(server, path):
    status, _, body = server.request("GET", path, cookie=False)
    assert status == 403
    assert "Open the address `handouts serve` printed" in json.loads(body)["error"]
    for wrong in ("not-the-token", "ñ" + server.token[1:], server.token[:-1]):
        status, _, _ = server.request("GET", path, headers={"Cookie": f"handouts-{server.port}={wrong}"})
        assert status == 403


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:1", "", "127.0.0.1.evil.example:{port}"])
def test_a_request_for_another_host_is_refused_even_with_the_secret(server, host):
    # A page on another site re-pointing its own name at 127.0.0.1 (DNS rebinding) sends its own Host.
    status, _, body = server.request("GET", f"/?token={server.token}", headers={"Host": host.format(port=server.port)})
    assert status == 403 and "only answers to its own address" in json.loads(body)["error"]


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1:1", None])
def test_a_change_from_another_origin_is_refused(server, origin):
    headers = {"Content-Type": "application/json"}
    if origin:
        headers["Origin"] = origin
    status, _, body = server.request("POST", "/api/save", json.dumps({"request": ASKED, "name": "x"}).encode(),
                                     headers)
    assert status == 403 and "only accepted from this page" in json.loads(body)["error"]
    assert not (server.home / "config").exists()  # nothing saved


def test_a_form_post_from_anywhere_is_refused(server):
    status, _, _ = server.request("POST", "/api/check", b"request=1", {
        "Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://127.0.0.1:{server.port}"})
    assert status == 415


@pytest.mark.parametrize("refused", [
    {"Cookie": "handouts-{port}=the-cookie-of-the-server-before-a-restart"},  # a tab left open across a restart
    {"Origin": "https://evil.example"},
    {"Content-Type": "text/plain"},
])
def test_a_refused_post_never_spoils_the_next_request_on_its_connection(server, refused):
    # A browser keeps the connection and sends its next request on it (after a restart: the page itself,
    # or its catalogue). A body left unread there would be read as the start of that request, which then
    # got 400 and the page never started. The connection is closed instead; nothing is left to misread.
    body = json.dumps({"request": ASKED}).encode()
    sent = {"Host": f"127.0.0.1:{server.port}", "Cookie": f"handouts-{server.port}={server.token}",
            "Origin": f"http://127.0.0.1:{server.port}", "Content-Type": "application/json",
            "Content-Length": str(len(body))}
    sent.update({name: value.format(port=server.port) for name, value in refused.items()})
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(b"POST /api/check HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in sent.items()).encode()
                           + b"\r\n" + body)
        answer = http.client.HTTPResponse(connection)
        answer.begin()
        assert answer.status in (403, 415) and answer.getheader("Connection") == "close"
        answer.read()
        connection.sendall(f"GET /api/catalogue HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                           f"Cookie: handouts-{server.port}={server.token}\r\n\r\n".encode())
        try:
            after = connection.recv(65536)
        except ConnectionResetError:
            after = b""
    assert after == b"", after[:200]  # closed: the browser sends it again on a fresh connection
    assert server.request("GET", "/api/catalogue")[0] == 200


def test_a_body_over_one_megabyte_gets_413(server):
    big = json.dumps({"request": {"note": "x" * 2_000_000}}).encode()
    status, _, body = server.request("POST", "/api/check", big, {
        "Content-Type": "application/json", "Origin": f"http://127.0.0.1:{server.port}"})
    assert status == 413 and "over 1 MB" in json.loads(body)["error"]
    assert server.request("GET", "/api/catalogue")[0] == 200  # and it still serves


@pytest.mark.parametrize("path", ["/../pyproject.toml", "/static/../server.py", "/handouts/cli.py", "/etc/passwd",
                                  "/%2e%2e/%2e%2e/etc/passwd", "/api/picture/../../cli.py", "/index.html/..",
                                  "/api/file/0123456789abcdef01234567/x.pdf"])
def test_nothing_outside_the_app_is_served(server, path):
    status, _, body = server.request("GET", path)
    assert status == 404, body


def test_other_methods_are_refused(server):
    assert server.request("PUT", "/api/save")[0] == 405
    assert server.request("DELETE", "/")[0] == 405


def test_the_preview_draws_pages_at_the_width_shown_and_the_download_is_builds_file(server):
    import io

    from PIL import Image

    status, _, body = server.post("/api/check", {"request": ASKED, "render": True})
    answer = json.loads(body)
    assert status == 200 and answer["printable"] and answer["pages"] >= 2
    for asked, width in (("608", 608), ("99999", 1600), ("abc", 800)):
        status, headers, data = server.request("GET", f"/api/page/{answer['key']}/2.jpg?width={asked}")
        assert status == 200 and headers["Content-Type"] == "image/jpeg"
        assert Image.open(io.BytesIO(data)).width == width
    e = engine()
    built = e.render(e.check(ASKED)).pdf  # what `build` writes for these choices (test_the_copied_command_...)
    status, _, data = server.request("GET", f"/api/file/{answer['key']}/{answer['file_name']}")
    assert status == 200 and data == built


def test_the_log_names_routes_never_the_secret_or_the_patient(server):
    server.post("/api/check", {"request": ASKED, "render": True})
    server.request("GET", f"/?token={server.token}")
    log = server.stop()
    assert "POST /api/check 200" in log
    assert server.token not in log and "María" not in log and "maria" not in log.lower()


def test_help_loads_none_of_the_server():
    code = ("import sys\nfrom handouts.cli import cli\ntry:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('handouts.serve', 'http.server', 'pypdfium2'))))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip().endswith("[]") and "serve" in shown  # the command is listed, its code not loaded


def test_serve_says_so_when_the_port_is_taken(tmp_path):
    first = serve(tmp_path)
    try:
        taken = subprocess.run([sys.executable, "-m", "handouts", "serve", "--no-browser", "--port", str(first.port)],
                               capture_output=True, text=True, timeout=20)
    finally:
        first.stop()
    assert taken.returncode == 2 and taken.stdout == ""
    assert f"cannot serve on port {first.port}" in taken.stderr and "--port 0" in taken.stderr
    assert "Traceback" not in taken.stderr


# --- the engine adapter: the page's values are read by build's own readers --------------------------------

@pytest.mark.parametrize("field, value, message", [
    ("reps", "abc", "glute-bridge.reps: 'abc' is not a whole number; write a number from 1 to 50 times"),
    ("reps", "400", "glute-bridge.reps: 400 is out of range; use a number from 1 to 50 times"),
    ("side", "upside", "side 'upside' must be one of: left, right, each side, both together, alternate sides"),
])
def test_a_bad_dose_is_said_beside_its_field_in_the_words_of_set(field, value, message, run):
    outcome = engine().check(dict(ASKED, doses={"glute-bridge": {field: value}}))
    assert outcome.field_errors == {f"doses.glute-bridge.{field}": message}
    said = message
    assert not outcome.printable
    # `build --set` says the same words.
    result = run("build", "si-joint-starter", "--set", f"glute-bridge.{field}={value}", "-o", "x.pdf")
    assert said in result.output


def test_bad_fields_of_the_sheet_are_said_beside_them():
    outcome = engine().check(dict(ASKED, date="2026-13-01", log_weeks="20", patient="x" * 90))
    errors = outcome.field_errors
    assert errors["date"] == "'2026-13-01' is not a date; write it as YYYY-MM-DD, like 2026-03-09"
    assert "from 0 to 12 weeks" in errors["log_weeks"]
    assert not outcome.printable
    long_name = engine().check(dict(ASKED, patient="x" * 90)).field_errors
    assert long_name == {"patient": "is 90 characters long; keep it to 80 or fewer"}


def test_the_page_gets_builds_warnings_beside_the_exercise_in_builds_words(run):
    outcome = engine().check(ASKED)
    lunge = [p for p in outcome.problems if p["exercise"] == "reverse-lunge"]
    assert any("clashes with do-not-do item" in p["message"] for p in lunge)
    import shlex

    result = run(*shlex.split(outcome.command)[1:], "-o", "x.pdf")
    for problem in outcome.problems:
        assert problem["line"] in result.output


def test_the_missing_phone_warning_reads_the_same_in_plain_words_on_the_page_and_in_build(run):
    # A clinician testing the page met "add `phone:` to your clinic file (see --clinic)" and knew neither word.
    import shlex

    outcome = engine().check(ASKED)
    phone = [p for p in outcome.problems if "phone" in p["message"]]
    assert len(phone) == 1 and phone[0]["exercise"] is None
    message = phone[0]["message"]
    assert not any(mark in message for mark in ("`", "--", "phone:")), message
    assert f"warning: {message}" in run(*shlex.split(outcome.command)[1:], "-o", "x.pdf").stderr
    assert not [p for p in engine(clinic=Clinic(phone="555-0142")).check(ASKED).problems if "phone" in p["message"]]


def test_the_copied_command_builds_the_same_bytes_under_the_same_name(run, tmp_path):
    import shlex

    e = engine()
    outcome = e.check(dict(ASKED, note="Walk daily.", log_weeks="4", page_size="a4", print_style="large",
                           card="add", precautions=["pregnancy"], clinic="example"))
    assert outcome.printable, outcome.problems
    made = e.render(outcome)
    words = shlex.split(outcome.command)
    assert words[:2] == ["handouts", "build"] and words[-2:] == ["--clinic", "example"]
    result = run(*words[1:])  # no -o: build names the file itself
    assert result.exit_code == 0, result.output
    name = e.file_name(outcome)
    assert name.startswith("si-joint-starter-maria-gomez-") and "large" in name  # patient and variant, as build
    assert (tmp_path / name).read_bytes() == made.pdf


def test_the_clinic_file_is_chosen_as_build_clinic_reads_it_and_its_details_are_shown(tmp_path):
    from handouts.catalogue import EXAMPLE_CLINIC

    e = engine(tmp_path)
    chosen = e.check(dict(ASKED, clinic="example"))
    assert chosen.printable and chosen.handout.clinic.name == "Riverbend Physiotherapy"
    assert {k: chosen.about_clinic[k] for k in ("name", "phone", "emergency_number", "file")} == {
        "name": "Riverbend Physiotherapy", "phone": "555-0142", "emergency_number": "911", "file": "example"}
    assert chosen.about_clinic["advice"] == {"id": "si-joint-pain", "name": "SI joint pain", "from": "sheet"}
    assert engine(tmp_path).check(ASKED).handout.clinic.name is None  # none given: the one serve started with
    broken = tmp_path / "clinic.yaml"
    broken.write_text(EXAMPLE_CLINIC.read_text().replace("page_size: letter", "page_size: a5"))
    wrong = e.check(dict(ASKED, clinic=str(broken)))
    assert not wrong.printable
    assert wrong.field_errors == {"clinic": f"{broken}:6:7: logo: image file 'logo.png' not found (looked in "
                                            f"{tmp_path}); check the name, relative to this YAML file\n"
                                            f"{broken}:14:12: page_size: 'a5' is not one of: a4, letter"}
    assert e.check(dict(ASKED, clinic=str(tmp_path / "nope.yaml"))).field_errors == {
        "clinic": f"{tmp_path / 'nope.yaml'}: file not found"}


def _listed_ids(output: str) -> list[str]:
    """The id column of `handouts list`'s table."""
    return [line.split()[0] for line in output.splitlines()[2:] if line.strip() and not line[0].isdigit()]


@pytest.mark.parametrize("words, first, after", [
    ("knee to chest", "knee-to-chest", ["cat-cow", "good-morning"]),  # those two only say it in their steps
    ("bridge", "glute-bridge", ["bridge-band", "single-leg-bridge"]),  # "Bridge" itself before "Bridge on one leg"
    ("Bird dog", "bird-dog", []),  # its other name, in brackets
    ("cat", "cat-cow", ["balance-reach"]),
])
def test_a_search_lists_the_exercise_with_that_name_first_on_the_page_and_in_list(words, first, after, run):
    # A clinician typed "knee to chest" and found Knee to chest third, after two that only said it in their steps.
    found = engine().search(words)
    listed = _listed_ids(run("list", "--search", words).stdout)
    for ids in (found, listed):
        assert ids[0] == first, ids
        assert sorted(ids) == sorted(found)
        for later in after:
            assert ids.index(later) > ids.index(first), ids
    phrase = engine().search("knee to chest")  # a name holding the words comes before steps that do
    assert phrase.index("double-knee-to-chest") < phrase.index("cat-cow")
    assert engine().search("bridge", position="standing") == []  # the filters still apply


def test_each_exercise_says_its_usual_dose_beside_the_one_asked_for():
    # The page marks a dose changed from the usual one: the sheet's dose (or the exercise's own), not the typed one.
    outcome = engine().check(ASKED)
    planned = {p["id"]: p for p in outcome.exercises}
    entry = next(e for e in LIBRARY.sheets["si-joint-starter"].exercises if e.exercise == "glute-bridge")
    usual = LIBRARY.exercises["glute-bridge"].dose.merged(entry.dose)
    assert planned["glute-bridge"]["dose"]["reps"] == 12 != usual.reps
    assert planned["glute-bridge"]["usual"]["reps"] == usual.reps
    assert planned["knee-to-chest"]["usual"] == planned["knee-to-chest"]["dose"]  # not changed
    own = engine().check(dict(ASKED, sheet=None, exercises=["bird-dog"], doses={"bird-dog": {"reps": "6"}},
                                condition="si-joint-pain"))
    assert own.exercises[0]["usual"]["reps"] == LIBRARY.exercises["bird-dog"].dose.reps
    assert own.exercises[0]["dose"]["reps"] == 6


def test_an_exercise_moves_only_where_the_request_can_say_it():
    outcome = engine().check(dict(ASKED, exercises=["knee-to-chest", "reverse-lunge", "walking", "glute-bridge"]))
    order = [p["id"] for p in outcome.exercises]
    assert order == ["knee-to-chest", "glute-bridge", "reverse-lunge", "walking"]  # the sheet's own first
    moves = {p["id"]: (p["up"], p["down"]) for p in outcome.exercises}
    assert moves == {"knee-to-chest": (False, False), "glute-bridge": (False, False),
                     "reverse-lunge": (False, True), "walking": (True, False)}
    own = engine().check(dict(ASKED, sheet=None, exercises=["walking", "glute-bridge", "cat-cow"]))
    assert [p["id"] for p in own.exercises] == ["walking", "glute-bridge", "cat-cow"]
    assert [(p["up"], p["down"]) for p in own.exercises] == [(False, True), (True, True), (True, False)]


def test_save_never_overwrites_another_patients_programme(tmp_path):
    from handouts.errors import HandoutsError
    from handouts.programmes import load_programme

    e = engine(tmp_path)
    saved = e.save(e.check(ASKED), "maria-gomez", "2026-11-23")
    assert load_programme(saved, LIBRARY).patient == "María Gómez"
    again = e.save(e.check(dict(ASKED, doses={"glute-bridge": {"reps": "15"}})), "maria-gomez", "2026-11-24")
    assert again == saved  # the same patient's file is brought up to date
    before = saved.read_bytes()
    with pytest.raises(HandoutsError, match="holds the programme of a different patient"):
        e.save(e.check(dict(ASKED, patient="Tom Lee")), "maria-gomez", "2026-11-24")
    assert saved.read_bytes() == before
    listed = e.saved()
    assert [(p["name"], p["patient"], p["request"]["doses"]) for p in listed] == [
        ("maria-gomez", "María Gómez", {"glute-bridge": {"reps": "15"}})]
    # Opening the file gives the page the same request back.
    opened = e.read_saved(saved.read_text(), str(saved))
    assert opened == listed[0]["request"]
    assert opened["sheet"] == "si-joint-starter" and opened["exercises"][-1] == "reverse-lunge"


def test_ctrl_c_stops_it_cleanly(tmp_path):
    import signal

    running = serve(tmp_path)
    running.process.send_signal(signal.SIGINT)
    assert running.process.wait(timeout=10) == 0
    log = running.stop()
    assert log.endswith("Stopped.\n") and "Traceback" not in log


@pytest.mark.parametrize("what", ["catalogue", "clinic"])
def test_a_broken_catalogue_or_clinic_file_is_said_in_the_terminal_and_on_the_page(tmp_path, what):
    if what == "catalogue":
        (tmp_path / "mine" / "exercises").mkdir(parents=True)
        broken = tmp_path / "mine" / "exercises" / "bad.yaml"
        broken.write_text("id: bad\nname: [\n")
        option = ["--catalogue", str(tmp_path / "mine")]
    else:
        broken = tmp_path / "clinic.yaml"
        broken.write_text("name: X\nbrand_colour: blue-ish\n")
        option = ["--clinic", str(broken)]
    running = serve(tmp_path, 0, *option)
    try:
        status, _, body = running.request("GET", "/api/catalogue")
        assert status == 503 and "problems are listed in the terminal" in json.loads(body)["error"]
    finally:
        log = running.stop()
    assert f"{broken}:" in log and "Traceback" not in log


def test_a_condition_the_exercises_do_not_settle_is_asked_for_beside_its_field():
    from handouts.membership import conditions_of

    ids = [next(e for e in LIBRARY.exercises if conditions_of(LIBRARY, e) == [c]) for c in list(LIBRARY.conditions)[:2]]
    asked = {"exercises": ids, "date": "2026-11-23"}
    outcome = engine().check(asked)
    assert list(outcome.field_errors) == ["condition"] and "pick one of:" in outcome.field_errors["condition"]
    chosen = engine().check(dict(asked, condition=list(LIBRARY.conditions)[0]))
    assert chosen.field_errors == {} and chosen.printable


def test_the_page_lists_and_saves_in_the_clinic_files_programmes_folder(tmp_path):
    """The page's saved programmes are the clinic's `programmes:` folder, the one `build --save` writes."""
    from handouts.clinicfile import load_clinic
    from handouts.programmes import Programme, save_programme

    clinic_path = tmp_path / "clinic.yaml"
    clinic_path.write_text("name: Riverbend\nphone: 555-0142\nprogrammes: team\n", encoding="utf-8")
    save_programme(tmp_path / "team" / "ann-bell.yaml", Programme(sheet="si-joint-starter", patient="Ann Bell"))
    (tmp_path / "config" / "handouts" / "programmes").mkdir(parents=True)  # the settings folder's: not listed
    save_programme(tmp_path / "config" / "handouts" / "programmes" / "other.yaml",
                   Programme(sheet="si-joint-starter", patient="Someone Else"))

    e = engine(tmp_path / "config" / "handouts", load_clinic(clinic_path))
    saved = e.save(e.check(ASKED), "María Gómez", "2026-11-23")
    assert saved == tmp_path / "team" / "maria-gomez.yaml"
    running = serve(tmp_path, 0, "--clinic", str(clinic_path))
    try:
        status, _, body = running.request("GET", "/api/programmes")
    finally:
        running.stop()
    assert status == 200
    assert sorted(p["patient"] for p in json.loads(body)["programmes"]) == ["Ann Bell", "María Gómez"]
