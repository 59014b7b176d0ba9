"""A name the sheet's fonts cannot draw is refused before any file is written, and a clinic font fixes it."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import folded

CJK_FONTS = [Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
             Path("/usr/share/fonts/truetype/arphic/uming.ttc")]
CJK_FONT = next((p for p in CJK_FONTS if p.is_file()), None)
needs_cjk_font = pytest.mark.skipif(CJK_FONT is None, reason="no Chinese TrueType font on this machine "
                                    "(.ci/run installs Debian's fonts-wqy-zenhei when it runs as root)")


def text_of(path) -> str:
    return folded(" ".join(page.extract_text() for page in PdfReader(path).pages))


def test_a_chinese_name_without_a_font_is_refused_naming_the_letters_and_the_fix(run):
    result = run("build", "si-joint-starter", "--patient", "王伟", "-o", "wang.pdf", "--clinic", "example")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "error: cannot print '王伟': the sheet's fonts have no 王 (U+738B), 伟 (U+4F1F). Give a TrueType font "
        "(.ttf) that has them, with `--font PATH` or `font: PATH` in the clinic file; handouts embeds it and uses "
        "it for those letters (for Chinese, for example, WenQuanYi Zen Hei or Noto Sans SC)")
    assert not Path("wang.pdf").exists()


@needs_cjk_font
def test_a_chinese_name_prints_with_the_font_given(run):
    result = run("build", "si-joint-starter", "--patient", "王伟", "-o", "wang.pdf", "--font", CJK_FONT,
                 "--date", "2026-11-23", "--clinic", "example")
    assert result.exit_code == 0, result.output
    assert "Name: 王伟" in text_of("wang.pdf")
    fonts = {str(f["/FontDescriptor"].get("/FontName")): "/FontFile2" in f["/FontDescriptor"]
             for page in PdfReader("wang.pdf").pages for f in page["/Resources"]["/Font"].values()
             if "/FontDescriptor" in f}
    assert any("WenQuanYi" in name or "Ming" in name for name in fonts) and all(fonts.values())
    again = run("build", "si-joint-starter", "--patient", "王伟", "-o", "again.pdf", "--font", CJK_FONT,
                "--date", "2026-11-23", "--clinic", "example")
    assert again.exit_code == 0 and Path("again.pdf").read_bytes() == Path("wang.pdf").read_bytes()


@needs_cjk_font
def test_the_clinic_file_can_name_the_font(run, tmp_path):
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text(f"name: Riverbend\nphone: 555-0142\nfont: {CJK_FONT}\n", encoding="utf-8")
    result = run("build", "si-joint-starter", "--patient", "李娜", "-o", "li.pdf", "--clinic", clinic)
    assert result.exit_code == 0, result.output
    assert "Name: 李娜" in text_of("li.pdf")


@pytest.mark.parametrize("font", [None, "noto"])
def test_an_arabic_name_is_refused_with_or_without_a_font(run, font):
    args = ["build", "si-joint-starter", "--patient", "محمد علي", "-o", "m.pdf", "--clinic", "example"]
    if font:
        import fontpkg_noto_sans as noto

        args += ["--font", sorted((noto.ROOT / "files").glob("NotoSans[[]*.ttf"))[0]]
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "error: cannot print 'محمد علي': Arabic is written right to left, and handouts would print its letters "
        "in the wrong order, with any font. Write it in Latin letters (as in a passport), or leave it out and "
        "write it on the printed sheet by hand")
    assert not Path("m.pdf").exists()


@pytest.mark.parametrize("name, script", [("देवी", "Devanagari"), ("สมชาย", "Thai"), ("דוד", "Hebrew")])
def test_scripts_that_need_shaping_or_run_right_to_left_are_refused(run, name, script):
    result = run("build", "si-joint-starter", "--patient", name, "-o", "x.pdf", "--clinic", "example")
    assert result.exit_code == 1 and f"error: cannot print '{name}': {script} " in result.stderr
    assert not Path("x.pdf").exists()


@pytest.mark.parametrize("font", [None, "noto"])
def test_a_vietnamese_name_prints_through_the_fallback_font(run, font):
    args = ["build", "si-joint-starter", "--patient", "Nguyễn Thị Minh Khai", "-o", "v.pdf", "--clinic", "example"]
    if font:
        import fontpkg_noto_sans as noto

        args += ["--font", sorted((noto.ROOT / "files").glob("NotoSans[[]*.ttf"))[0]]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "Name: Nguyễn Thị Minh Khai" in text_of("v.pdf")


def test_a_font_that_is_not_truetype_is_a_clear_error(run, tmp_path):
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"not a font")
    result = run("build", "si-joint-starter", "--patient", "王伟", "-o", "w.pdf", "--font", fake,
                 "--clinic", "example")
    assert result.exit_code == 1 and f"error: {fake}: cannot use this font (" in result.stderr
    assert not Path("w.pdf").exists()


def test_a_refused_name_writes_neither_file_with_format_both(run):
    result = run("build", "si-joint-starter", "--patient", "王伟", "-o", "w.pdf", "--format", "both",
                 "--clinic", "example")
    assert result.exit_code == 1
    assert not Path("w.pdf").exists() and not Path("w.html").exists()


def test_a_batch_row_with_a_refused_name_fails_alone(run, tmp_path):
    patients = tmp_path / "list.csv"
    patients.write_text("patient,sheet\n王伟,si-joint-starter\nTom Lee,si-joint-starter\n", encoding="utf-8")
    result = run("batch", "--patients", patients, "-o", "out", "--clinic", "example", "--date", "2026-11-23")
    assert result.exit_code == 1
    assert "cannot print '王伟'" in result.stderr
    assert sorted(p.name for p in Path("out").glob("*.pdf")) == ["tom-lee-si-joint-starter-normal-letter.pdf"]
