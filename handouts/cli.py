"""The `handouts` command. Thin: parse options, call one library function, print.

Only this module imports Click, and it imports the rest lazily inside each
command, so `handouts --help` starts fast and never loads ReportLab.
Exit codes: 0 done, 1 bad data (every problem listed), 2 usage mistake.
"""

from __future__ import annotations

import datetime  # free: Click imports it already
import sys

import click

from . import __version__, completion
from .paper import PAGE_SIZES, PRINT_STYLES
from .errors import HandoutsError, ValidationFailed, Withheld, printable, shown

CLINIC_ENV = "HANDOUTS_CLINIC"
MAX_WIDTH = 100  # help text is never wider, however wide the terminal
CATALOGUE_ENV = "HANDOUTS_CATALOGUE"


class Path:
    """click's `path_type`: gives a real pathlib.Path, importing pathlib only once a path is given.

    pathlib and what it imports are a tenth of `handouts --help`; every
    `Path(...)` below still makes a pathlib.Path.
    """

    def __new__(cls, *parts):
        from pathlib import Path as RealPath

        return RealPath(*parts)


class DataError(click.ClickException):
    """Bad data: shown as the problem lines themselves, exit 1."""

    def show(self, file=None):
        click.echo(printable(self.message), err=True)


class UsageMistake(click.UsageError):
    """A mistake in how the command was typed: the usage line, then one `error: ...` line; exit 2."""

    def show(self, file=None):
        if self.ctx is not None:
            click.echo(self.ctx.get_usage(), err=True)
            click.echo(f"Try '{self.ctx.command_path} --help' for help.\n", err=True)
        click.echo(f"error: {printable(self.message)}", err=True)


class ChoiceMistake(click.ClickException):
    """A choice that names nothing (an unknown id): one `error: OPTION: ...` line each, no usage line; exit 2."""

    exit_code = 2

    def show(self, file=None):
        click.echo(printable(self.message), err=True)


# Planning names a wrong choice by the request's field (request.py); the command line names its option.
OPTION_OF_FIELD = {"font": "--font", "sheet": "SHEET", "add": "-e/--add", "drop": "--drop", "doses": "--set",
                   "precautions": "--precaution", "condition": "--condition", "patient": "--patient",
                   "clinician": "--clinician", "note": "--note"}


def say(text, err: bool = False) -> None:
    """Echo text that may hold anything a file held: control characters are shown as escapes."""
    click.echo(printable(text), err=err)


def _fail(exc: HandoutsError):
    from .browse import plural

    if isinstance(exc, ValidationFailed):
        raise DataError(f"{exc}\n{plural(len(exc.problems), 'problem')} found.")
    if isinstance(exc, Withheld):
        raise DataError(str(exc))
    raise DataError(f"error: {exc}")


def _choice_failed(exc) -> None:
    """BadChoice in the command line's words; a choice read from a saved programme is named by its line."""
    places = exc.places
    in_files = [places[p.key].problem(p.key, p.message) for p in exc.problems if p.key in places]
    if in_files:
        _fail(ValidationFailed(in_files))
    from .request import with_hint

    raise ChoiceMistake("\n".join(f"error: {OPTION_OF_FIELD.get(p.field, p.field)}: {with_hint(p)}"
                                  for p in exc.problems))


def _as_usage_mistake(exc: click.UsageError) -> UsageMistake:
    if isinstance(exc, click.BadParameter):
        hint = exc.param_hint
        if hint is None and exc.param is not None:
            hint = exc.param.get_error_hint(exc.ctx) if exc.ctx is not None else exc.param.name
        if isinstance(hint, (list, tuple)):
            hint = " / ".join(hint)
        message = f"{str(hint).replace(chr(39), '')}: {exc.message}" if hint else exc.message
    else:
        message = exc.format_message()
    mistake = UsageMistake(printable(message), exc.ctx or click.get_current_context(silent=True))
    mistake.exit_code = exc.exit_code
    return mistake


class Commands(click.Group):
    """Turns every error raised below into one format: `error: ...`, and the right exit code.

    Only a mistake in how the command was typed shows the usage line. Click's own
    usage errors quote what was typed; a command line pasted from a file could
    carry control characters, so every message is escaped.
    """

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None and click.formatting.FORCED_WIDTH is None:  # Click's test runner forces a width
            extra.setdefault("terminal_width", _terminal_width())
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _as_usage_mistake(exc) from None

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            raise _as_usage_mistake(exc) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except HandoutsError as exc:
            # Only planning raises BadChoice, so request.py is loaded if it was raised;
            # importing it here would slow every command that does not plan a sheet.
            request = sys.modules.get(f"{__package__}.request")
            if request is not None and isinstance(exc, request.BadChoice):
                _choice_failed(exc)
            _fail(exc)
        except (UsageMistake, ChoiceMistake, DataError):
            raise
        except click.UsageError as exc:
            raise _as_usage_mistake(exc) from None
        except click.ClickException as exc:
            raise DataError(f"error: {printable(exc.format_message())}") from None


def _terminal_width() -> int:
    """The width shutil.get_terminal_size gives, without importing shutil (and bz2, lzma) for every
    command: Click imports it to lay out help only when it is not told the width."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(min(columns or 80, MAX_WIDTH) - 2, 50)  # as Click's help formatter works it out


def print_options(command):
    """--print, --printer, --copies: for build and batch."""
    for option in reversed([
        click.option("--print", "print_after", is_flag=True,
                     help="Send the saved PDF to the printer (lp or lpr; on Windows, the default printer)."),
        click.option("--printer", metavar="NAME", help="With --print: this printer instead of the default "
                                                       "(see `lpstat -p`)."),
        click.option("--copies", type=WholeNumber(1, 50, "copies"), default=1, help="With --print: how many copies."),
    ]):
        command = option(command)
    return command


def catalogue_option(command):
    return click.option(
        "--catalogue", "catalogues", multiple=True, envvar=CATALOGUE_ENV,
        type=click.Path(path_type=Path, file_okay=False),
        help=f"Your own folder of exercises, avoid items and sheets, added to the shipped ones. "
             f"Repeat for more folders; also read from ${CATALOGUE_ENV}.",
    )(command)


def strict_option(command):
    return click.option("--strict", is_flag=True,
                        help="Treat warnings (clashes with the do-not-do list, dose concerns) as errors.")(command)


FORMATS = {"pdf": ("pdf",), "html": ("html",), "both": ("pdf", "html")}


def file_options(command):
    """--pdfa, --font and --format: what kind of file a sheet is written as (build and batch)."""
    command = click.option("--format", "file_format", type=click.Choice(list(FORMATS)), default="pdf",
                           show_default=True,
                           help="pdf; html: an accessible web page for a screen reader or a patient portal "
                                "(one self-contained file); both.")(command)
    command = click.option("--font", type=click.Path(path_type=Path, dir_okay=False, exists=True),
                           help="A TrueType font (.ttf/.ttc) for letters the sheet's fonts lack, such as "
                                "Chinese; embedded in the PDF (also `font:` in the clinic file).")(command)
    return click.option("--pdfa", is_flag=True,
                        help="Write PDF/A-2b, for a records system (also `pdfa: true` in the clinic file).")(command)


def tell(text) -> None:
    """A line for the clinician beside the output: a warning, or what was saved where."""
    say(text, err=True)


def desk(catalogues=(), clinic_file=None):
    """The catalogue, clinic file and settings folder this command works from (desk.py)."""
    from .desk import Desk

    return Desk(_settings(), catalogues, clinic_file)


class WholeNumber(click.ParamType):
    """A whole number in a range, read by the same reader as YAML and patient lists."""

    name = "integer"

    def __init__(self, low: int, high: int, unit: str = ""):
        self.low, self.high, self.unit = low, high, unit

    def convert(self, value, param, ctx):
        from .fields import check_whole

        if isinstance(value, int):
            return value
        errors: list[str] = []
        number = check_whole(value, self.low, self.high, self.unit, errors.append)
        if number is None:
            self.fail(errors[0], param, ctx)
        return number


def _picture_name(ctx, param, value):
    """--picture: a name the system can hold, ending in a kind of picture the drawing is saved as."""
    value = _file_name(ctx, param, value)
    if value is not None:
        from .render.picture import FORMATS as KINDS  # only when a picture is asked for: it loads the renderer

        if value.suffix.lower() not in KINDS:
            raise click.BadParameter(f"'{value}' must end in {', '.join(KINDS)}", ctx, param)
    return value


def _file_name(ctx, param, value):
    """A path whose name the system cannot hold is a usage mistake, said before any work is done."""
    for path in value if isinstance(value, tuple) else [value]:
        if path is not None and str(path) != "-":
            from .output import name_problem  # here: output.py imports tempfile, which `show` never needs

            problem = name_problem(path)
            if problem:
                raise click.BadParameter(problem, ctx, param)
    return value


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": MAX_WIDTH})
@click.version_option(__version__, "--version", prog_name="handouts")
def cli():
    """Print clear, branded home-exercise sheets for your patients.

    \b
    Examples:
      handouts list --tag si-joint
      handouts show glute-bridge
      handouts build si-joint-starter --patient "María Gómez" -o maria.pdf
      handouts validate my-exercises/
    """


@cli.command("list")
@click.option("--kind", help="Only this kind: stretch, mobility, strength, aerobic, balance.")
@click.option("--tag", help="Only exercises with this tag, for example si-joint.")
@click.option("--equipment", help="Only exercises that use this, for example band.")
@click.option("--position", help="Only this position, for example 'lying on your back'.")
@click.option("--search", help="Words to look for in names, steps and tags; the best-matching names come first.")
@click.option("--condition", help="Only exercises (or, with --sheets, sheets) for this condition, "
                                   "for example low-back-pain.")
@click.option("--sheets", is_flag=True, help="List the standard sheets instead.")
@click.option("--avoid", is_flag=True, help="List the avoid items (the do-not-do list) instead.")
@click.option("--precautions", is_flag=True, help="List the precautions (pregnancy, a new hip...) instead.")
@catalogue_option
def list_command(kind, tag, equipment, position, search, condition, sheets, avoid, precautions, catalogues):
    """List exercises (grouped by condition), standard sheets or avoid items.

    \b
    Examples:
      handouts list --condition neck-pain
      handouts list --tag si-joint --kind strength
      handouts list --search bridge
      handouts list --sheets --condition low-back-pain
      handouts list --precautions
    """
    from .describe import listing
    from .desk import Desk

    if kind:
        from .models import KINDS

        if kind not in KINDS:
            raise click.BadParameter(f"'{kind}' is not one of: {', '.join(KINDS)}", param_hint="--kind")
    # No settings folder: listing reads none, and a kept list loads neither the models nor pathlib.
    say(listing(Desk(None, catalogues).library_for_list(search=bool(search)), condition=condition, sheets=sheets,
                avoid=avoid, precautions=precautions, kind=kind, tag=tag, equipment=equipment, position=position,
                search=search))


@cli.command()
@click.argument("item_id", metavar="ID", shell_complete=completion.any_ids)
@click.option("--picture", type=click.Path(path_type=Path, dir_okay=False, allow_dash=False), callback=_picture_name,
              help="Save the exercise's drawing as FILE.png, FILE.pdf or FILE.svg, to check a pose.")
@click.option("--precaution", "precautions", multiple=True, metavar="ID", shell_complete=completion.precaution_ids,
              help="For a standard sheet: plan it for a patient with this precaution (repeat for more).")
@click.option("--force", is_flag=True, help="With --picture, replace a file that handouts did not make.")
@catalogue_option
def show(item_id, picture, precautions, force, catalogues):
    """Show everything about one exercise, standard sheet, avoid item, condition or precaution.

    A standard sheet is shown as planned: every word the patient will read,
    with the sources, and any warnings.

    \b
    Examples:
      handouts show glute-bridge
      handouts show si-joint-starter --precaution pregnancy
      handouts show pregnancy
      handouts show glute-bridge --picture bridge.png
    """
    library = desk(catalogues).library()
    if picture is not None:
        from .drawings import save_picture

        save_picture(library, item_id, picture, force=force)
        tell(f"Saved {picture}")
        return
    from .describe import describe

    described = describe(library, item_id, precautions)
    say(described.text)
    for warning in described.warnings:
        tell(str(warning))


@cli.command()
@click.argument("ids", nargs=-1, metavar="[ID]...", shell_complete=completion.exercise_ids)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default="pictures.pdf",
              show_default=True, help="The contact sheet (PDF) to write.")
@click.option("--png", "png_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Also save each drawing as ID.png in this folder.")
@catalogue_option
def pictures(ids, output, png_dir, catalogues):
    """Print every exercise's drawing large, with its id and name, to check poses in one look.

    With no ID, draws every exercise (shipped and your --catalogue folders).

    \b
    Examples:
      handouts pictures -o gallery.pdf
      handouts pictures glute-bridge cat-cow -o two.pdf --png pngs/
      handouts pictures --catalogue my-exercises/ -o mine.pdf
    """
    from .drawings import gallery_choice, save_gallery

    chosen, skipped = gallery_choice(desk(catalogues).library(), ids)
    if skipped:  # all of them were asked for: those with a photo instead of a pose are left out, and said so
        click.echo(f"Not drawn (no pose): {', '.join(skipped)}", err=True)
    save_gallery(chosen, output, png_dir)
    click.echo(f"Saved {output} ({len(chosen)} drawings)", err=True)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--clinic", "clinic_file", type=click.Path(path_type=Path), envvar=CLINIC_ENV,
              help="Also check this clinic file.")
@click.option("--brief", is_flag=True, help="Leave out the reading grade of each exercise and avoid item.")
@strict_option
@catalogue_option
def validate(paths, clinic_file, brief, strict, catalogues):
    """Check catalogue folders, sheet files and clinic files, and list every problem.

    With no PATH, checks the shipped catalogue and your --catalogue folders.
    Also warns about clashes between a sheet's exercises and its do-not-do
    list, doses worth a second look, and text that is hard to read (reading
    grade above 8, sentences over 20 words, unexplained medical words).
    Exit 0 when all is well (warnings allowed), 1 when there are problems.

    \b
    Examples:
      handouts validate
      handouts validate my-exercises/ my-sheets/knee-week-1.yaml
      handouts validate --clinic my-clinic.yaml --strict
      handouts validate --brief
    """
    from .cautions import hold_back
    from .review import validate_files

    place = desk(catalogues, clinic_file)
    checked = validate_files([*catalogues, *paths], clinic_file, settings=place.settings, cache=place.cache)
    say(checked.report(brief))
    hold_back(sorted(set(checked.review.warnings)), strict, tell)
    say(checked.verdict)


def _dose_change(ctx, param, values):
    # Checked for form here, by the reader a patient list uses too; whether the exercise is on the sheet
    # is planning's to check.
    from .request import dose_change

    changes = []
    for value in values:
        try:
            changes.append(dose_change(value))
        except ValueError as exc:
            raise click.BadParameter(str(exc), ctx, param) from None
    return tuple(changes)


def _date(ctx, param, value):
    from .fields import check_date

    if value is None:
        return datetime.date.today().isoformat()
    date = check_date(value)
    if date is None:
        raise click.BadParameter(f"'{shown(value)}' is not a date; write it as YYYY-MM-DD, like 2026-03-09",
                                 ctx, param)
    return date




@cli.command()
@click.argument("sheet", required=False, shell_complete=completion.sheet_ids)
@click.option("-e", "--add", "exercises", multiple=True, metavar="ID", shell_complete=completion.exercise_ids,
              help="Add an exercise by id (repeat; kept in the order given).")
@click.option("--drop", multiple=True, metavar="ID", shell_complete=completion.exercise_ids,
              help="Leave this exercise off the standard sheet.")
@click.option("--set", "dose_changes", multiple=True, metavar="ID.FIELD=VALUE", callback=_dose_change,
              shell_complete=completion.dose_changes,
              help="Change a dose for this patient, e.g. glute-bridge.reps=12 or walking.minutes=20.")
@click.option("--patient", help="The patient's name, printed at the top.")
@click.option("--clinician", help="Your name, printed at the top.")
@click.option("--date", "issued", callback=_date, metavar="YYYY-MM-DD", help="Date on the sheet (default: today).")
@click.option("--note", help="Your own words to the patient, printed in a box at the top.")
@click.option("--log-weeks", type=WholeNumber(0, 12, "weeks"), help="Weeks of tick-box log to print (0 to 12).")
@click.option("--condition", metavar="ID", help="The condition's advice to print (default: the sheet's).")
@click.option("--clinic", "clinic_file", type=click.Path(path_type=Path), envvar=CLINIC_ENV,
              help=f"Clinic file with your name, logo, colours and phone (also ${CLINIC_ENV}; "
                   "default: clinic.yaml in your handouts settings folder; 'example' for the shipped one).")
@click.option("--page-size", type=click.Choice(PAGE_SIZES, case_sensitive=False),
              help="Paper size (default: the clinic file's, else letter).")
@click.option("--large-print/--normal-print", default=None,
              help="Body text 18 pt, for patients who see poorly (--normal-print undoes a saved programme's).")
@click.option("--card", is_flag=True, help="Add one page with every exercise's picture, name and dose, "
                                           "for the fridge or the gym bag.")
@click.option("--card-only", is_flag=True, help="Print only that one-page card.")
@click.option("--precaution", "precautions", multiple=True, metavar="ID", shell_complete=completion.precaution_ids,
              help="The patient is pregnant, has a new hip or knee, weak bones or falls "
                   "(repeat; `handouts list --precautions`). Rules out or changes exercises, and adds a box.")
@click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True), callback=_file_name,
              help="Where to save the PDF; '-' writes it to standard output. "
                   "Default: a name from the sheet, patient and date, in this folder.")
@click.option("--force", is_flag=True,
              help="Replace the output even if it is not a sheet made by handouts, or is another patient's.")
@click.option("--open", "open_after", is_flag=True, help="Open the saved PDF in your PDF viewer.")
@print_options
@click.option("--programme", metavar="NAME", shell_complete=completion.programme_names, help="Build a saved programme again (a name from `handouts programmes`, "
                                                 "or a .yaml file); other options change it for this visit.")
@click.option("--from", "from_pdf", metavar="FILE.pdf", type=click.Path(path_type=Path, dir_okay=False),
              help="Issue a sheet again from a PDF handouts made (it carries its request inside); "
                   "other options change it, as with --programme.")
@click.option("--save", metavar="NAME", help="Also save this request as programme NAME (in the programmes folder, "
                                             "or a file if NAME ends in .yaml), to rebuild at the next visit.")
@file_options
@strict_option
@catalogue_option
def build(sheet, exercises, drop, dose_changes, patient, clinician, issued, note, log_weeks, condition,
          clinic_file, page_size, large_print, card, card_only, precautions, output, force, open_after,
          print_after, printer, copies, programme, from_pdf, save, pdfa, font, file_format, strict, catalogues):
    """Build one patient's sheet as a PDF, from a standard SHEET, picked exercises, or both.

    \b
    Examples:
      handouts build si-joint-starter --patient "María Gómez" -o maria.pdf
      handouts build -e knee-to-chest -e glute-bridge --set glute-bridge.reps=12 --set glute-bridge.hold_seconds=5
      handouts build si-joint-strength --drop bird-dog --add hip-extension --large-print --page-size a4
      handouts build si-joint-starter --patient "Tom Lee" --card
      handouts build si-joint-strength --precaution pregnancy --patient "Ana Ruiz"
      handouts build si-joint-starter --patient "María Gómez" --pdfa --format both
      handouts build si-joint-starter --patient "王伟" --font /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
      handouts build si-joint-starter --patient "María Gómez" --save maria-gomez
      handouts build --programme maria-gomez --set glute-bridge.reps=12 --save maria-gomez
      handouts build --from old-sheet.pdf
    """
    from .issuing import Delivery, build_sheet

    delivery = Delivery(output=output, formats=FORMATS[file_format], card="only" if card_only else "add" if card
                        else "none", force=force, strict=strict, save=save, open_after=open_after,
                        print_after=print_after, printer=printer, copies=copies)
    if delivery.to_stdout and file_format == "both":
        raise click.BadParameter("'-o -' writes one file; use --format pdf or html, or give a file name",
                                 param_hint="--format")
    if delivery.to_stdout and (open_after or print_after):
        raise click.BadParameter("--open and --print need a saved file; to print from standard output, "
                                 "send it to the printer: handouts build ... -o - | lp", param_hint="-o")
    _printer_needs_print(print_after, printer, copies)
    if from_pdf is not None and programme is not None:
        raise click.BadParameter("give --from or --programme, not both", param_hint="--from")
    visit = dict(programme=programme, from_pdf=from_pdf, sheet=sheet, add=exercises, drop=drop, doses=dose_changes,
                 patient=patient, clinician=clinician, note=note, log_weeks=log_weeks, condition=condition,
                 page_size=page_size.lower() if page_size else None, precautions=precautions,
                 print_style=None if large_print is None else "large" if large_print else "normal")
    build_sheet(desk(catalogues, clinic_file), visit, issued, delivery, tell, pdfa=pdfa, font=font)


def _printer_needs_print(print_after: bool, printer, copies: int) -> None:
    if (printer or copies != 1) and not print_after:
        raise click.BadParameter("goes with --print", param_hint="--printer" if printer else "--copies")


def _settings() -> Path:
    """The user's handouts settings folder (clinic.yaml, and programmes/ unless the clinic file names a folder)."""
    return Path(click.get_app_dir("handouts"))


@cli.command()
@click.option("--port", type=WholeNumber(0, 65535), default=8470, show_default=True,
              help="The port to serve on; 0 picks any free port.")
@click.option("--no-browser", is_flag=True, help="Only print the address; do not open a browser.")
@click.option("--clinic", "clinic_file", type=click.Path(path_type=Path), envvar=CLINIC_ENV,
              help="Clinic file for the branding (as for build).")
@catalogue_option
def serve(port, no_browser, clinic_file, catalogues):
    """Open a page in your browser to build, check, preview and print a sheet.

    It runs on this computer only (127.0.0.1). The first line printed is the
    address to open, with a one-time secret; keep it to yourself. Ctrl-C stops it.

    \b
    Examples:
      handouts serve
      handouts serve --clinic my-clinic.yaml --port 0 --no-browser
    """
    from .serve import run

    def load_engine():  # after the address is printed: reading the files takes a few tenths of a second
        from .serve.engine import Engine

        place = desk(catalogues, clinic_file)
        return Engine(place.library(), place.clinic(), place.settings, clinic_file=clinic_file,
                      catalogues=catalogues)

    try:
        run(load_engine, port=port, open_browser=not no_browser)
    except OSError as exc:
        raise click.BadParameter(f"cannot serve on port {port} ({exc.strerror}); try another, or --port 0",
                                 param_hint="--port") from None


@cli.command()
@click.argument("name", required=False, shell_complete=completion.programme_names)
@click.option("--clinic", "clinic_file", type=click.Path(path_type=Path), envvar=CLINIC_ENV,
              help="Clinic file whose `programmes:` folder to list (as for build).")
@catalogue_option
def programmes(name, clinic_file, catalogues):
    """List the saved programmes, or show one.

    A programme is saved with `handouts build ... --save NAME`.

    They are kept in the clinic file's `programmes:` folder (by default the
    programmes folder of your handouts settings folder), one small YAML file each. Build one again with
    `handouts build --programme NAME`, adding options to change it.

    \b
    Examples:
      handouts programmes
      handouts programmes maria-gomez
    """
    from .programmes import listing, saved_text

    place = desk(catalogues, clinic_file)
    clinic = place.clinic()
    say(saved_text(name, place.settings, clinic, place.library()) if name
        else listing(place.settings, clinic, place.library()))


@cli.group()
def init():
    """Start your own files: a clinic file, or a catalogue folder with examples.

    \b
    Examples:
      handouts init clinic
      handouts init clinic my-clinic.yaml --name "Riverbend Physiotherapy" --phone 555-0142
      handouts init catalogue my-catalogue
    """


def _clinic_answer(key: str):
    """A callback that checks one clinic detail with the same rule as the prompt (starter.check_answer)."""
    def check(ctx, param, value):
        from .starter import check_answer

        if not value:
            return value
        value, problem = check_answer(key, value)
        if problem:
            raise click.BadParameter(problem, ctx, param)
        return value
    return check


@init.command("clinic")
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False), callback=_file_name)
@click.option("--name", help="The clinic's name, printed at the top.")
@click.option("--phone", help="The phone number patients call, printed on every page.")
@click.option("--address", help="The address.")
@click.option("--web", help="The web site.")
@click.option("--email", help="The email address.")
@click.option("--logo", callback=_clinic_answer("logo"), help="A PNG or JPEG logo.")
@click.option("--colour", callback=_clinic_answer("colour"), help="Brand colour, like '#1F5C8B'.")
@click.option("--page-size", type=click.Choice(PAGE_SIZES, case_sensitive=False), help="Paper size.")
@click.option("--locale", type=click.Choice(["en-US", "en-GB"]), help="Spelling and dates.")
@click.option("--private", is_flag=True, help="Keep patient names out of file names, PDF details and batch lists.")
@click.option("--ask/--no-ask", default=None, help="Ask for each detail not given (default: when on a terminal).")
@click.option("--force", is_flag=True, help="Replace an existing clinic file.")
def init_clinic(file, ask, force, **values):
    """Write a clinic file: your name, phone, logo and colours on every sheet.

    With no FILE, writes clinic.yaml in your handouts settings folder, which
    every build then uses. On a terminal it asks for each detail; press Enter
    to leave one out (it is written as a note to fill in later).

    \b
    Examples:
      handouts init clinic
      handouts init clinic --name "Riverbend Physiotherapy" --phone 555-0142 --page-size a4 --no-ask
      handouts init clinic my-clinic.yaml --name "Riverbend Physiotherapy" --logo logo.png --colour "#1F5C8B"
    """
    from .schema import schema_uri
    from .starter import write_clinic_file

    target = file or _settings() / "clinic.yaml"
    from .clinicfile import exists

    if exists(target, "file") and not force:
        raise click.UsageError(f"{target} already exists; edit it, or add --force to start it again")
    if ask is None:
        ask = sys.stdin.isatty()
    if ask:
        from .starter import QUESTIONS, check_answer

        for key, question in QUESTIONS:
            while not values.get(key):
                answer = click.prompt(question, default="", show_default=False).strip()
                if not answer and key != "name":
                    break
                value, problem = check_answer(key, answer)
                if problem:
                    say(f"  {problem}", err=True)
                else:
                    values[key] = value
    if not values.get("name"):
        raise click.BadParameter("give the clinic's name (or run this on a terminal to be asked)",
                                 param_hint="--name")
    if values.get("page_size"):
        values["page_size"] = values["page_size"].lower()
    path = write_clinic_file(target, values, force=force, schema_uri=schema_uri("clinic"))
    say(f"Wrote {path}", err=True)
    if file is None:
        say("Every build now uses it. Check it with: handouts validate --clinic " + str(path), err=True)
    else:
        say(f"Use it with --clinic {path} (or set {CLINIC_ENV}); check it with: handouts validate --clinic {path}",
            err=True)


@init.command("catalogue")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), callback=_file_name)
@click.option("--force", is_flag=True, help="Replace example files already in the folder.")
def init_catalogue(folder, force):
    """Make a catalogue folder with one example of each kind of file, and a README of every field.

    It holds exercises/, avoid/, conditions/ and templates/ (standard sheets),
    each with a commented example that validates as written, and schema/
    for editors that check YAML as you type.

    \b
    Examples:
      handouts init catalogue my-catalogue
      handouts validate my-catalogue
      handouts build my-knee-starter --catalogue my-catalogue --patient "Tom Lee"
    """
    from .schema import schema_texts
    from .starter import write_catalogue

    written = write_catalogue(folder, schema_texts(), force=force)
    for path in written:
        if path.parent.name != "schema":
            say(f"Wrote {path}", err=True)
    say(f"Next: handouts validate {folder}   (and read {folder / 'README.md'})", err=True)


@cli.command("schema")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), callback=_file_name)
def schema_command(folder):
    """Write JSON Schema files for every kind of YAML file, for editors that check YAML as you type.

    Then start a YAML file with a line naming its schema, for example
    `# yaml-language-server: $schema=schema/exercise.json` (a path relative to
    the YAML file), and VS Code with the Red Hat YAML extension checks and
    completes its fields. `handouts validate` still has the last word.

    \b
    Examples:
      handouts schema my-catalogue/schema
    """
    from .schema import write_schemas

    for path in write_schemas(folder):
        say(f"Wrote {path}", err=True)


@cli.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion_command(shell):
    """Print the script that lets your shell complete handouts commands, ids and options on Tab.

    \b
    Add one line to your shell's start-up file:
      bash (~/.bashrc):                eval "$(handouts completion bash)"
      zsh (~/.zshrc):                  eval "$(handouts completion zsh)"
      fish (~/.config/fish/config.fish): handouts completion fish | source
    """
    from click.shell_completion import get_completion_class

    script = get_completion_class(shell)(cli, {}, "handouts", "_HANDOUTS_COMPLETE").source()
    click.echo(script)


def _choices(allowed):
    def parse(ctx, param, value):
        if value is None:
            return None
        chosen = [v.strip().lower() for v in value.split(",") if v.strip()]
        wrong = [v for v in chosen if v not in allowed]
        if wrong or not chosen:
            raise click.BadParameter(f"'{value}': use one or more of {', '.join(allowed)}, separated by commas",
                                     ctx, param)
        return list(dict.fromkeys(chosen))
    return parse


@cli.command()
@click.argument("sources", nargs=-1, metavar="[SHEET or FOLDER]...", shell_complete=completion.sheet_ids)
@click.option("-o", "--output-dir", type=click.Path(path_type=Path, file_okay=False), required=True, callback=_file_name,
              help="Folder for the PDFs (made if missing), with a manifest.json of what was built.")
@click.option("--page-size", "sizes", callback=_choices(PAGE_SIZES), metavar=",".join(PAGE_SIZES),
              shell_complete=completion.comma_list(*PAGE_SIZES),
              help="Paper sizes to make (default: the clinic file's, else letter).")
@click.option("--print-style", "styles", callback=_choices(PRINT_STYLES), metavar=",".join(PRINT_STYLES),
              shell_complete=completion.comma_list(*PRINT_STYLES),
              help="Normal print, large print (18 pt), or both (default: normal).")
@click.option("--combined", type=click.Path(path_type=Path, dir_okay=False), callback=_file_name,
              help="Also put every sheet into this one PDF, with a bookmark for each: one file to print.")
@click.option("--pad/--no-pad", default=True, show_default=True,
              help="In --combined, end every sheet on an even page (a page that says it is left blank), "
                   "so double-sided printing never puts one patient's page on another's sheet.")
@click.option("--patients", type=click.Path(path_type=Path, dir_okay=False), callback=_file_name,
              help="A CSV list with one sheet per patient. Columns: patient (required), sheet, exercises, "
                   "drop, set, date, clinician, note, log_weeks, precautions.")
@click.option("--date", "issued", callback=_date, metavar="YYYY-MM-DD", help="Date on the sheets (default: today).")
@click.option("--jobs", "workers", type=WholeNumber(1, 64), help="Sheets built at the same time (default: all cores).")
@click.option("--force", is_flag=True, help="Rebuild every sheet, even those whose inputs have not changed, "
                                           "and replace files in the way that handouts did not make.")
@click.option("--quiet", is_flag=True, help="Print only problems and the summary.")
@click.option("--clinic", "clinic_file", type=click.Path(path_type=Path), envvar=CLINIC_ENV,
              help="Clinic file for the branding (as for build).")
@print_options
@file_options
@strict_option
@catalogue_option
def batch(sources, output_dir, sizes, styles, combined, pad, patients, issued, workers, force, quiet, clinic_file,
          print_after, printer, copies, pdfa, font, file_format, strict, catalogues):
    """Build many sheets at once: standard sheets in every variant, or one per patient.

    With no SHEET or FOLDER, builds every standard sheet. Files are named
    SHEET-STYLE-SIZE.pdf (for a patient list, PATIENT-SHEET-STYLE-SIZE.pdf).
    Sheets whose inputs have not changed since the last run are skipped.
    One failing sheet never stops the others; exit 1 if any failed.

    \b
    Examples:
      handouts batch -o print/ --page-size letter,a4 --print-style normal,large
      handouts batch si-joint-starter si-joint-strength -o print/ --combined print/all.pdf
      handouts batch --patients tomorrow.csv -o tomorrow/ --clinic my-clinic.yaml
      handouts batch --patients tomorrow.csv -o tomorrow/ --pdfa --format both
    """
    from .batch import BatchInterrupted
    from .issuing import Delivery
    from .print_run import print_run

    _printer_needs_print(print_after, printer, copies)
    if combined is not None and file_format == "html":
        raise click.BadParameter("joins PDFs; use --format pdf or both with it", param_hint="--combined")
    if patients is not None and sources:
        raise click.UsageError("give either sheets or --patients, not both")
    try:
        done = print_run(
            desk(catalogues, clinic_file), sources, output_dir, tell, progress_for=_progress(quiet),
            waiting=lambda: tell(f"Another batch is writing to {output_dir}; "
                                 "waiting for it to finish (Ctrl-C to stop)."),
            sizes=sizes, styles=styles, patients=patients, issued=issued, strict=strict, pdfa=pdfa, font=font,
            workers=workers, force=force, formats=FORMATS[file_format], combined=combined, pad=pad,
            delivery=Delivery(print_after=print_after, printer=printer, copies=copies))
    except BatchInterrupted as stopped:
        tell(f"\n{stopped}")
        raise click.exceptions.Exit(130)
    if not done:
        raise click.exceptions.Exit(1)


def _progress(quiet: bool):
    """How a batch shows each sheet done: a bar on a terminal, else a line each (nothing with --quiet)."""
    from contextlib import contextmanager

    from .browse import plural

    show_bar = not quiet and sys.stderr.isatty()

    @contextmanager
    def progress_for(total: int):
        with click.progressbar(length=total, label="Building sheets", file=sys.stderr, show_eta=True,
                               show_pos=True) if show_bar else _NoBar() as bar:
            def progress(outcome):
                bar.update(1)
                if not show_bar and not quiet:
                    detail = f" ({plural(outcome.pages, 'page')})" if outcome.status != "failed" else ""
                    tell(f"{outcome.status:7}  {outcome.job.file_name}{detail}")
            yield progress
    return progress_for


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        pass


def main():
    """The installed command: also turns a failing standard output into one plain line."""
    import errno
    import os

    try:
        cli(prog_name="handouts")
        code = 0
    except SystemExit as exit:
        code = exit.code
    except OSError as exc:  # writing to a full disk or a closed stream, outside any file we write
        if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EBADF, errno.EDQUOT, errno.EFBIG):
            raise
        code = _output_failed(exc)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        code = _output_failed(exc) if code == 0 else code
    finally:
        # Whatever is still buffered cannot be written; do not let the exit try again and print noise.
        if sys.stdout is not None:
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):
                pass
    if code == 130:
        # A stopped batch killed its workers: skip the exit hooks, which join the process
        # pool's own thread and can wait for ever on a pipe to a worker that is gone.
        # Every file is written and the folder's lock released before we get here.
        try:
            sys.stderr.flush()
        finally:
            os._exit(130)
    sys.exit(code)


def _output_failed(exc: OSError) -> int:
    import errno

    if exc.errno == errno.EPIPE:
        return 1
    try:
        sys.stderr.write(f"error: cannot write the output ({exc.strerror})\n")
        sys.stderr.flush()
    except (OSError, AttributeError, ValueError):
        pass
    return 1
