"""Speed work must never change an answer: the catalogue cache, the lean imports, the readability patterns.

None of these tests is timed (the machine may be busy); each checks the
property the speed rests on. `python bench/run.py` measures the speed itself.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handouts import catalogue, parsecache
from handouts.catalogue import SHIPPED_CATALOGUE, load_library

OLD = time.time() - 3600  # a modification time safely in the past (a file changed just now is never kept)


def _exercise_folder(tmp_path, name="My bridge"):
    folder = tmp_path / "mine"
    (folder / "exercises").mkdir(parents=True, exist_ok=True)
    text = (SHIPPED_CATALOGUE / "exercises" / "glute-bridge.yaml").read_text(encoding="utf-8")
    text = text.replace("id: glute-bridge\n", "id: my-bridge\n").replace("name: Bridge\n", f"name: {name}\n")
    path = folder / "exercises" / "my-bridge.yaml"
    path.write_text(text, encoding="utf-8")
    os.utime(path, (OLD, OLD))
    return folder, path


def _no_reading(monkeypatch, folder):
    real = catalogue.read_file

    def refuse(path, kind=None):
        # Only our own file: shipped files written moments ago (a fresh checkout) are rightly read again.
        if folder in Path(path).parents:
            raise AssertionError(f"{path} was read again although it has not changed")
        return real(path, kind)

    monkeypatch.setattr(catalogue, "read_file", refuse)


def test_an_unchanged_catalogue_comes_from_the_cache(tmp_path, monkeypatch):
    folder, _ = _exercise_folder(tmp_path)
    cache = tmp_path / "cache"
    first = load_library([folder], cache=cache)
    assert list(cache.glob("catalogue-*.pickle"))
    _no_reading(monkeypatch, folder)
    again = load_library([folder], cache=cache)
    assert again.exercises == first.exercises
    assert again.sheets == first.sheets and again.files == first.files


def test_a_changed_file_is_read_again(tmp_path):
    folder, path = _exercise_folder(tmp_path)
    cache = tmp_path / "cache"
    assert load_library([folder], cache=cache).exercises["my-bridge"].name == "My bridge"
    path.write_text(path.read_text(encoding="utf-8").replace("name: My bridge", "name: Hip lift"), encoding="utf-8")
    os.utime(path, (OLD + 60, OLD + 60))
    assert load_library([folder], cache=cache).exercises["my-bridge"].name == "Hip lift"
    # Same size and modification time, but a new file in its place (a different inode): read again.
    replacement = path.with_suffix(".new")
    replacement.write_text(path.read_text(encoding="utf-8").replace("Hip lift", "Hip rise"), encoding="utf-8")
    os.utime(replacement, (OLD + 60, OLD + 60))
    os.replace(replacement, path)
    assert load_library([folder], cache=cache).exercises["my-bridge"].name == "Hip rise"


def test_a_file_broken_after_caching_is_reported(tmp_path):
    folder, path = _exercise_folder(tmp_path)
    cache = tmp_path / "cache"
    load_library([folder], cache=cache)
    path.write_text(path.read_text(encoding="utf-8").replace("reps: 10", "reps: lots"), encoding="utf-8")
    os.utime(path, (OLD + 60, OLD + 60))
    with pytest.raises(catalogue.ValidationFailed, match="my-bridge.yaml:.*reps"):
        load_library([folder], cache=cache)


def test_a_file_changed_just_now_is_not_kept(tmp_path, monkeypatch):
    folder, path = _exercise_folder(tmp_path)
    os.utime(path, None)  # now: another change in the same clock tick would not show
    cache = tmp_path / "cache"
    load_library([folder], cache=cache)
    calls = []
    real = catalogue.read_file
    monkeypatch.setattr(catalogue, "read_file", lambda p, kind=None: calls.append(p) or real(p, kind))
    load_library([folder], cache=cache)
    assert path in calls


@pytest.mark.parametrize("damage", ["garbage", "cut off", "flipped byte", "other version", "empty", "a folder"])
def test_a_damaged_or_stale_cache_is_ignored_and_rebuilt(tmp_path, monkeypatch, damage):
    folder, _ = _exercise_folder(tmp_path)
    cache = tmp_path / "cache"
    expected = load_library([folder], cache=cache).exercises
    kept = parsecache.ParsedFiles(cache, folder).file
    data = kept.read_bytes()
    if damage == "garbage":
        kept.write_bytes(b"\x80\x04not a pickle at all" * 50)
    elif damage == "cut off":
        kept.write_bytes(data[: len(data) // 2])
    elif damage == "flipped byte":
        kept.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "other version":  # written by another version of handouts: its header says so
        kept.write_bytes(data.replace(f"\n{parsecache.__version__}\n".encode(), b"\n9.9.9\n", 1))
    elif damage == "empty":
        kept.write_bytes(b"")
    else:
        kept.unlink()
        kept.mkdir()
    calls = []
    real = catalogue.read_file
    monkeypatch.setattr(catalogue, "read_file", lambda p, kind=None: calls.append(p) or real(p, kind))
    assert load_library([folder], cache=cache).exercises == expected
    assert any(p.name == "my-bridge.yaml" for p in calls)  # read from the file, not the damaged cache
    if damage != "a folder":
        assert parsecache.ParsedFiles(cache, folder).entries  # and the cache was written afresh
        calls.clear()
        assert load_library([folder], cache=cache).exercises == expected
        assert not any(p.name == "my-bridge.yaml" for p in calls)


def test_a_changed_picture_reads_its_exercise_again(tmp_path):
    folder, path = _exercise_folder(tmp_path)
    logo = Path(catalogue.EXAMPLE_CLINIC).parent / "logo.png"
    picture = folder / "exercises" / "bridge.png"
    shutil.copy(logo, picture)
    os.utime(picture, (OLD, OLD))
    path.write_text(path.read_text(encoding="utf-8") + "image: bridge.png\n", encoding="utf-8")
    os.utime(path, (OLD, OLD))
    cache = tmp_path / "cache"
    load_library([folder], cache=cache)
    picture.write_bytes(b"not a picture any more")
    with pytest.raises(catalogue.ValidationFailed, match="bridge.png"):
        load_library([folder], cache=cache)


def test_an_unwritable_cache_folder_is_no_problem(tmp_path):
    folder, _ = _exercise_folder(tmp_path)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    assert "my-bridge" in load_library([folder], cache=blocked).exercises


# --- what each command imports and opens, in a fresh interpreter ------------

PROBE = r"""
import json, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" and args else None)
from handouts.cli import main
sys.argv = ["handouts", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
roots = sorted({name.split(".")[0] for name in sys.modules})
sys.stderr.write("\nPROBE" + json.dumps({"modules": roots, "all": sorted(sys.modules), "opened": opened}))  # main() closes stdout
"""


def _probe(tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HANDOUTS_")}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                         env=env, cwd=tmp_path, check=True).stderr
    return json.loads(out.rsplit("\nPROBE", 1)[1])


def test_help_imports_neither_yaml_nor_reportlab(tmp_path):
    found = _probe(tmp_path, "--help")
    assert not {"yaml", "reportlab", "PIL", "pathlib", "difflib", "shutil", "dataclasses"} & set(found["modules"])


@pytest.mark.parametrize("columns", ["", "40", "60", "90", "200", "wide"])
def test_help_is_as_wide_as_clicks_own_layout(monkeypatch, columns):
    import click

    from handouts.cli import MAX_WIDTH, _terminal_width

    monkeypatch.setenv("COLUMNS", columns)
    assert _terminal_width() == click.formatting.HelpFormatter(max_width=MAX_WIDTH).width


@pytest.mark.parametrize("args", [["list"], ["list", "--sheets"], ["show", "glute-bridge"]])
def test_browsing_loads_no_renderer_and_opens_no_logo(tmp_path, args):
    _probe(tmp_path, "list")  # the first run of any command fills the catalogue cache
    found = _probe(tmp_path, *args)
    assert not {"reportlab", "PIL", "yaml"} & set(found["modules"])
    if sys.platform == "linux":  # the cache folder is worked out without platformdirs (and its tempfile, shutil)
        assert not {"platformdirs", "tempfile"} & set(found["modules"])
    assert not [path for path in found["opened"] if path.endswith((".png", ".jpg", ".ttf"))]


def test_a_first_list_opens_no_logo_either(tmp_path):
    found = _probe(tmp_path, "list")
    assert not {"reportlab", "PIL"} & set(found["modules"])
    assert not [path for path in found["opened"] if path.endswith(".png")]


# --- readability: precompiled patterns, the same grades ------------------------

def _old_syllables(word):
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 1
    if len(letters) <= 3:
        return 1
    letters = re.sub(r"(?:[^laeiouycghsxzdt]es|[^laeiouydt]ed|[^laeiouy]e)$", "", letters)
    letters = re.sub(r"^y", "", letters)
    count = len(re.findall(r"[aeiouy]+", letters))
    count += len(re.findall(r"[aeiouy]ing|ia|io(?!n)|eo|ua(?!r)", letters))
    return max(1, count)


def _old_medical(text):
    from handouts.readability import MEDICAL_WORDS

    found = []
    lower = text.lower()
    for term in MEDICAL_WORDS:
        for match in re.finditer(rf"\b{re.escape(term)}\b", lower):
            after = lower[match.end():match.end() + 3]
            if "(" not in after and "—" not in after and ", or" not in lower[match.end():match.end() + 5]:
                found.append(term)
                break
    return found


TRICKY = ["yoga", "yes", "lying", "being", "area", "studio", "lifted", "hopes", "quadruped", "usual", "question",
          "Lie supine (on your back), then prone", "lateral and Medial; LUMBAR, or lower back", "pelvic floor",
          "lumbar— the low back", "10", "x", "rhythm", "you’re", "re-do", "Sacroiliac sacroiliitis supine—"]


def test_readability_gives_the_same_grades_and_words_as_before():
    from handouts import readability
    from handouts.checks.fearwords import patient_texts

    library = load_library()
    texts = [text for _, _, text in patient_texts(library)] + TRICKY
    for text in texts:
        for word in readability._WORD.findall(text) + text.split():
            assert readability.syllables(word) == _old_syllables(word), word
        assert readability.unexplained_medical_words(text) == _old_medical(text), text
    for exercise in library.exercises.values():
        words = [t for _, t in readability.exercise_texts(exercise, library.exercises)]
        parts = [s.strip() for t in words for s in re.split(r"(?<=[.!?])\s+", t.strip())
                 if readability._WORD.search(s)]
        all_words = [w for s in parts for w in readability._WORD.findall(s)]
        grade = round(0.39 * len(all_words) / len(parts) + 11.8 * sum(map(_old_syllables, all_words))
                      / len(all_words) - 15.59, 1)
        assert readability.reading_grade(words).grade == grade


def test_every_shipped_picture_is_whole():
    """Reading the catalogue takes shipped pictures as checked (so `list` opens no logo): this is the check."""
    from handouts.catalogue import SHIPPED_TEMPLATES
    from handouts.imagefile import image_problem, shipped

    pictures = [p for folder in (SHIPPED_CATALOGUE, SHIPPED_TEMPLATES) for p in folder.rglob("*")
                if p.suffix.lower() in (".png", ".jpg", ".jpeg")]
    assert pictures
    for picture in pictures:
        assert shipped(picture)
        assert image_problem(picture, check_shipped=True) is None, picture


# --- a render reuses what it prepared, and the bytes stay the same -----------

def _sheets(library):
    from handouts.handout import plan_handout
    from handouts.models import Clinic

    for number, sheet in enumerate(library.sheets):  # every sheet, half of them in large print
        yield plan_handout(library, clinic=Clinic(), issued="2026-11-21", sheet=sheet, large_print=number % 2 == 1,
                           patient="Zoë İnce")


def test_prepared_figures_and_single_measuring_give_the_same_bytes(monkeypatch):
    from handouts.render import sheet_picture
    from handouts.render.drawing import pose_drawing
    from handouts.render.pdf import render_handout

    library = load_library()
    monkeypatch.setattr(sheet_picture, "_prepared", {})
    first = [render_handout(h, card="add").pdf for h in _sheets(library)]  # prepares and keeps
    again = [render_handout(h, card="add").pdf for h in _sheets(library)]  # repeats what was kept
    assert sheet_picture._prepared
    with monkeypatch.context() as patch:  # and with ReportLab's own layout, measuring again every time
        from reportlab import platypus

        from handouts.render import measure

        patch.setattr(sheet_picture, "prepared_drawing",
                      lambda pose, w, h, scale, caption_size: pose_drawing(pose, w, h, scale, caption_size))
        patch.setattr(measure.Paragraph, "wrap", platypus.Paragraph.wrap)
        patch.setattr(measure.ImageAndFlowables, "wrap", platypus.ImageAndFlowables.wrap)
        patch.delattr(measure.Paragraph, "deepcopy")  # ReportLab's deep copy before a split
        afresh = [render_handout(h, card="add").pdf for h in _sheets(library)]
    assert first == afresh
    assert again == afresh


def test_the_fallback_font_is_loaded_only_for_a_letter_that_needs_it():
    script = r"""
import sys
from reportlab.pdfbase import pdfmetrics
from handouts.catalogue import load_library
from handouts.handout import plan_handout
from handouts.models import Clinic
from handouts.render.pdf import render_handout
library = load_library()
for patient in sys.argv[1:]:
    render_handout(plan_handout(library, clinic=Clinic(), issued="2026-11-21", sheet="si-joint-starter",
                                patient=patient))
    print("NotoSans" in pdfmetrics.getRegisteredFontNames())
"""
    out = subprocess.run([sys.executable, "-c", script, "Maria Gomez", "İlker Öztürk"], capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["False", "True"]


def test_a_qr_code_encoded_once_draws_the_same_as_the_widget():
    import io

    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfgen import canvas

    from handouts.render.story import qr_code

    def pdf(node):
        x0, y0, x1, y1 = node.getBounds()
        drawing = Drawing(80, 80, transform=[80 / (x1 - x0), 0, 0, 80 / (y1 - y0), 0, 0])
        drawing.add(node)
        out = io.BytesIO()
        page = canvas.Canvas(out, invariant=1)
        renderPDF.draw(drawing, page, 10, 10)
        page.save()
        return out.getvalue()

    url = "https://example.org/bridge-video"
    assert pdf(qr_code(url)) == pdf(QrCodeWidget(url)) == pdf(qr_code(url))
    assert qr_code(url) is qr_code(url)


def test_fear_words_found_as_before():
    from handouts.checks.fearwords import FEAR_WORDS, fear_words, patient_texts

    def before(text):
        found = []
        for pattern, alternative in FEAR_WORDS.items():
            m = re.search(pattern, text, re.IGNORECASE)
            if m:
                found.append((m.group(0), alternative))
        return found

    texts = [text for _, _, text in patient_texts(load_library())]
    texts += ["It may DAMAGE the joint.", "wear and tear; tears up", "a tear", "Jolts and jars", "injury",
              "keep your back safe, the safe way", "Harmless", "out of line", "strains"]
    for text in texts:
        assert fear_words(text) == before(text), text


def test_markup_escapes_like_saxutils():
    from xml.sax.saxutils import escape as reference

    from handouts.render.fonts import escape

    for text in ["Tempo & <slow>", "&amp; &lt; > <<&>>", "plain", "", "a&b<c>d"]:
        assert escape(text) == reference(text)


@pytest.mark.skipif(sys.platform != "linux", reason="the folder is worked out by hand only on Linux")
@pytest.mark.parametrize("xdg", [None, "", "  ", "/somewhere/cache", "relative/cache", "~/cache"])
def test_the_cache_folder_is_where_platformdirs_puts_it(monkeypatch, xdg):
    import platformdirs

    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert parsecache.user_cache_folder() == platformdirs.user_cache_path("handouts", appauthor=False)


def test_cached_exercises_stay_packed_until_used_and_come_out_whole(tmp_path):
    folder, _ = _exercise_folder(tmp_path)
    cache = tmp_path / "cache"
    fresh = load_library([folder])
    load_library([folder], cache=cache)
    library = load_library([folder], cache=cache)
    table = library.exercises
    assert isinstance(dict.__getitem__(table, "my-bridge"), parsecache.Packed)
    whole = fresh.exercises["my-bridge"]
    assert [e for e in table.values() if e.id == "my-bridge"] == [whole]
    assert dict(table.items())["my-bridge"] == whole
    assert isinstance(dict.__getitem__(table, "my-bridge"), parsecache.Packed)  # going through keeps none whole
    assert table.get("my-bridge") == table["my-bridge"] == whole
    assert dict.__getitem__(table, "my-bridge") is table["my-bridge"]  # looked up by id: kept whole
    assert table == fresh.exercises and table.get("no-such-exercise") is None


def test_a_packed_exercise_is_still_cross_checked(tmp_path):
    from handouts.errors import ValidationFailed

    folder, path = _exercise_folder(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nharder:\n", "\nharder:\n  - no-such-bridge\n", 1), encoding="utf-8")
    os.utime(path, (OLD, OLD))
    cache = tmp_path / "cache"
    for _ in range(2):  # read, then from the cache
        with pytest.raises(ValidationFailed) as failed:
            load_library([folder], cache=cache)
        assert "unknown exercise 'no-such-bridge'" in str(failed.value)
    assert list(cache.glob("catalogue-*.pickle"))


def test_changed_reading_code_reads_the_files_again(tmp_path, monkeypatch):
    folder, _ = _exercise_folder(tmp_path)
    cache = tmp_path / "cache"
    load_library([folder], cache=cache)
    monkeypatch.setattr(parsecache, "code_stamp", lambda: "a checkout with new reading code")
    read = []
    real = catalogue.read_file
    monkeypatch.setattr(catalogue, "read_file", lambda path, kind=None: read.append(path) or real(path, kind))
    load_library([folder], cache=cache)
    assert any(folder in Path(path).parents for path in read)


def test_pose_drawings_kept_by_an_earlier_command_give_the_same_bytes(tmp_path, monkeypatch):
    from handouts import figurestore
    from handouts.handout import plan_handout
    from handouts.models import Clinic
    from handouts.render import drawing, sheet_picture
    from handouts.render.pdf import render_handout

    handout = plan_handout(load_library(), clinic=Clinic(), issued="2026-11-21", sheet="si-joint-starter")
    monkeypatch.setattr(sheet_picture, "_prepared", {})
    afresh = render_handout(handout).pdf  # nothing kept: the library on its own keeps no pictures
    monkeypatch.setattr(figurestore, "_folder", None)
    figurestore.keep_in(tmp_path)
    monkeypatch.setattr(sheet_picture, "_prepared", {})
    assert render_handout(handout).pdf == afresh  # built, and kept
    kept = list(tmp_path.glob("figures-*/*.pickle"))
    assert kept
    monkeypatch.setattr(sheet_picture, "_prepared", {})  # as a new process would start

    def refuse(*args, **kwargs):
        raise AssertionError("a kept drawing was built again")

    with monkeypatch.context() as patch:
        patch.setattr(drawing, "pose_drawing", refuse)
        assert render_handout(handout).pdf == afresh
    # A damaged file is built again, and written afresh.
    kept[0].write_bytes(kept[0].read_bytes()[:-10])
    monkeypatch.setattr(sheet_picture, "_prepared", {})
    assert render_handout(handout).pdf == afresh
    from reportlab import Version

    assert all(figurestore.load(repr((Version, *key))) is not None for key in sheet_picture._prepared)


def test_streams_left_for_pikepdf_to_compress_give_the_same_bytes(monkeypatch):
    import dataclasses

    from handouts.catalogue import EXAMPLE_CLINIC
    from handouts.clinicfile import load_clinic
    from handouts.handout import plan_handout
    from handouts.render import page
    from handouts.render.pdf import render_handout

    library = load_library()
    clinic = load_clinic(EXAMPLE_CLINIC, Path("/nowhere"))  # with its logo
    assert clinic.logo is not None
    sheets = [(h, False) for h in _sheets(library)]
    from handouts.clinicfile import pdfa_ready

    # PDF/A too where pikepdf can make it (Python 3.11 or newer).
    sheets += [(plan_handout(library, clinic=dataclasses.replace(clinic, pdfa=pdfa), issued="2026-11-21",
                             sheet="si-joint-starter", patient="Zoë İnce"), pdfa)
               for pdfa in ((False, True) if pdfa_ready() else (False,))]
    made = [render_handout(h, card="add", pdfa=pdfa).pdf for h, pdfa in sheets]
    monkeypatch.setattr(page, "COMPRESS", 1)
    assert [render_handout(h, card="add", pdfa=pdfa).pdf for h, pdfa in sheets] == made


def test_the_web_address_pattern_compiled_when_used_matches_as_reportlab_wrote_it():
    import re as real_re

    import handouts.render  # noqa: F401 (imports ReportLab's paragraph module with the pattern deferred)
    from reportlab.platypus import paragraph

    assert paragraph.uri_pat._compiled is None or isinstance(paragraph.uri_pat._compiled, real_re.Pattern)
    compiled = real_re.compile(*paragraph.uri_pat._args)
    for text in ("https://example.com/a/b", "http://192.168.0.1:8080/x", "www.example.com", "mailto:x@y.z",
                 "ftp://user:pw@host.example.org/", "https://-bad-.com"):
        assert bool(paragraph.uri_pat.match(text)) == bool(compiled.match(text))
    assert paragraph._uri_split_pairs("https://example.com/a/b") == [("https://example.com/a/", "b"),
                                                                     ("https://example.com/", "a/b"),
                                                                     ("https://", "example.com/a/b")]


def test_the_sheets_own_words_read_by_libyaml_are_the_same_as_read_by_pyyaml():
    import yaml

    from handouts import locale

    text = (Path(locale.__file__).parent / "words" / "en.yaml").read_text(encoding="utf-8")
    assert locale._words() == yaml.safe_load(text)


def test_plain_text_encoded_directly_gives_the_codecs_bytes():
    import handouts.render  # noqa: F401 (puts the direct way in place)
    from reportlab.pdfbase import pdfdoc

    for code in range(256):
        char = chr(code)
        try:
            expected = char.encode("extpdfdoc")
        except UnicodeEncodeError:
            with pytest.raises(UnicodeEncodeError):
                pdfdoc.pdfdocEnc(char)
            continue
        assert pdfdoc.pdfdocEnc(char) == expected
    assert pdfdoc.pdfdocEnc("q 1 0 0 1 72 700 cm (Zoë) Tj Q") == "q 1 0 0 1 72 700 cm (Zoë) Tj Q".encode("extpdfdoc")
    assert pdfdoc.pdfdocEnc(b"bytes") == b"bytes"


@pytest.mark.parametrize("filters", [{}, {"condition": "si-joint-pain"}, {"search": "hip lift"}, {"kind": "strength"},
                                     {"tag": "si-joint", "equipment": "none"}, {"position": "lying on your back"}])
def test_packed_exercises_are_listed_as_whole_ones_without_unpacking(tmp_path, monkeypatch, filters):
    from handouts import browse

    folder, path = _exercise_folder(tmp_path, name="Hip lift")
    path.write_text(path.read_text(encoding="utf-8").replace("tags: [", "tags: [si-joint-pain, "), encoding="utf-8")
    os.utime(path, (OLD, OLD))
    cache = tmp_path / "cache"
    fresh = browse.list_exercises(load_library([folder]), **filters)
    load_library([folder], cache=cache)
    packed = load_library([folder], cache=cache)
    assert isinstance(dict.__getitem__(packed.exercises, "my-bridge"), parsecache.Packed)
    if "search" not in filters:  # the words a search looks through are inside the packing
        monkeypatch.setattr(parsecache.Packed, "unpack", lambda self: pytest.fail("unpacked to be listed"))
    assert browse.list_exercises(packed, **filters) == fresh
    assert "my-bridge" in fresh


# --- `list` from what an earlier list kept (listing.py) ---------------------------

LISTS = [["list"], ["list", "--sheets"], ["list", "--avoid"], ["list", "--precautions"], ["list", "--kind", "strength"],
         ["list", "--condition", "si-joint-pain"], ["list", "--tag", "si-joint", "--equipment", "none"],
         ["list", "--sheets", "--condition", "low-back-pain"], ["list", "--condition", "no-such-condition"],
         ["list", "--search", "hip lift"]]


def test_a_list_kept_from_an_earlier_one_prints_the_same(run, tmp_path):
    folder, _ = _exercise_folder(tmp_path, name="Hip lift")
    for args in LISTS:
        first = run(*args, "--catalogue", folder)
        again = run(*args, "--catalogue", folder)
        assert (again.exit_code, again.output) == (first.exit_code, first.output), args
    assert list((tmp_path.parent / f"{tmp_path.name}-cache" / "handouts").glob("list-*"))
    assert "Hip lift" in run("list", "--catalogue", folder).output


def test_a_kept_list_loads_no_models(tmp_path):
    _probe(tmp_path, "list")
    found = _probe(tmp_path, "list")
    assert "handouts.models" not in found["all"] and "pathlib" not in found["all"]


def test_a_kept_list_is_not_used_once_a_file_changes(run, tmp_path):
    folder, path = _exercise_folder(tmp_path)
    assert "My bridge" in run("list", "--catalogue", folder).output
    assert "My bridge" in run("list", "--catalogue", folder).output
    path.write_text(path.read_text(encoding="utf-8").replace("name: My bridge", "name: Hip lift"), encoding="utf-8")
    os.utime(path, (OLD + 60, OLD + 60))
    assert "Hip lift" in run("list", "--catalogue", folder).output
    new = folder / "exercises" / "sub" / "my-other.yaml"  # a new file, even in a new folder
    new.parent.mkdir()
    new.write_text(path.read_text(encoding="utf-8").replace("id: my-bridge", "id: my-other")
                   .replace("name: Hip lift", "name: Hip rise"), encoding="utf-8")
    os.utime(new, (OLD, OLD))
    assert "Hip rise" in run("list", "--catalogue", folder).output
    new.unlink()
    result = run("list", "--catalogue", folder)
    assert "Hip rise" not in result.output and "Hip lift" in result.output
    path.write_text(path.read_text(encoding="utf-8").replace("reps: 10", "reps: lots"), encoding="utf-8")
    os.utime(path, (OLD + 120, OLD + 120))
    broken = run("list", "--catalogue", folder)
    assert broken.exit_code == 1 and "reps" in broken.output


def test_a_damaged_kept_list_is_ignored(run, tmp_path):
    folder, _ = _exercise_folder(tmp_path)
    first = run("list", "--catalogue", folder).output
    for kept in (tmp_path.parent / f"{tmp_path.name}-cache" / "handouts").glob("list-*"):
        kept.write_bytes(kept.read_bytes()[:-20])
    assert run("list", "--catalogue", folder).output == first


def test_a_pose_checked_once_is_still_reported_for_every_exercise_that_has_it(run, tmp_path):
    folder, path = _exercise_folder(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "\npose:\n" in text
    floating = "\npose:\n  start: {hips: 40, knees: 90, ankles: 50}\n  finish: {hips: 90, knees: 0}\n  on_floor: [near-ankle]\n"
    head, _, rest = text.partition("\npose:\n")
    rest = rest.split("\n", 1)[1]
    while rest.startswith(" "):  # drop the old pose block
        rest = rest.split("\n", 1)[1] if "\n" in rest else ""
    path.write_text(head + floating + rest, encoding="utf-8")
    twin = path.with_name("my-twin.yaml")
    twin.write_text((head + floating + rest).replace("id: my-bridge", "id: my-twin"), encoding="utf-8")
    for _ in range(2):
        result = run("validate", folder)
        assert result.exit_code == 1
        lines = [line for line in result.stderr.splitlines() if "the near ankle floats" in line]
        assert [line.split(":")[0] for line in lines] == [str(path), str(twin)]
