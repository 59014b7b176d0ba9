"""Exercise drawings saved on their own, to check a pose: one picture (`show --picture`) or a gallery (`pictures`)."""

from __future__ import annotations

from pathlib import Path


def _exercise(library, item_id: str):
    """The exercise with this id, or BadChoice: an unknown id (did-you-mean), or an id of something else."""
    from .describe import find
    from .request import BadChoice

    kind, item = find(library, item_id)
    if kind != "exercise":
        raise BadChoice.one("ID", f"'{item_id}' is not an exercise, so it has no picture")
    return item


def save_picture(library, item_id: str, path: Path, *, force: bool = False) -> None:
    """The exercise's drawing as path (.png, .pdf or .svg); a file handouts did not make is kept without --force."""
    exercise = _exercise(library, item_id)
    from .output import made_by_handouts, write_output
    from .render.picture import picture_bytes

    write_output(path, picture_bytes(exercise, Path(path).suffix.lower()), force=force, made_here=made_by_handouts)


def gallery_choice(library, ids=()):
    """(exercises to draw, ids left out): those named, in order, or every exercise that has a pose."""
    chosen = [_exercise(library, item_id) if item_id not in library.exercises else library.exercises[item_id]
              for item_id in ids or sorted(library.exercises)]
    if ids:
        return chosen, []
    return [e for e in chosen if e.pose is not None], [e.id for e in chosen if e.pose is None]


def save_gallery(exercises, output: Path, png_dir: Path | None = None) -> None:
    """The contact sheet (PDF) of these drawings, and with png_dir each as ID.png there."""
    from .output import write_atomically
    from .render.gallery import gallery_pdf, picture_pngs

    write_atomically(output, gallery_pdf(exercises))
    if png_dir is not None:
        png_dir.mkdir(parents=True, exist_ok=True)
        for name, data in picture_pngs(exercises).items():
            write_atomically(png_dir / name, data)
