"""The finished file for records systems: metadata every sheet carries, and PDF/A-2b on request.

ReportLab writes the pages; this step (pikepdf, on the bytes) gives every
sheet what a document store reads: creation and modification dates from the
sheet's date (never the clock, so rebuilds stay byte-identical), XMP metadata
that agrees with the document information, the title shown by viewers
(DisplayDocTitle) and the language (/Lang).

With `pdfa`, the file is also made PDF/A-2b: an sRGB output intent (the
profile pikepdf ships), the logo's transparency flattened onto white, and a
PDF/A declaration in the XMP. pikepdf's validator (`pikepdf.pdfa`, an
allowlist checker built on the veraPDF rules) then checks the bytes written;
a file it does not pass is an error, never written.
"""

from __future__ import annotations

import io
from ..errors import HandoutsError
from .fileinfo import FileInfo

FLAVOUR = "2b"
# Midday UTC: the sheet's date reads as the same calendar day in every time zone a clinic is in.
TIME_OF_DAY = "12:00:00"


def finish_pdf(pdf: bytes, info: FileInfo, pdfa: bool = False) -> bytes:
    """The same pages with full metadata; with `pdfa`, a validated PDF/A-2b file."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            if "/Trans" in page.obj:  # ReportLab writes an empty transition: meaningless, and unknown to PDF/A
                del page.obj["/Trans"]
        doc.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        doc.Root.Lang = pikepdf.String(info.lang)
        if pdfa:
            _flatten_transparent_images(doc)
            from pikepdf import pdfa as checker

            checker.prepare(doc, FLAVOUR, output_intent="sRGB")
        _write_metadata(doc, info, pdfa)
        _attach_request(doc, info, pdfa)
        out = io.BytesIO()
        if pdfa:
            from pikepdf import pdfa as checker

            kwargs = checker.resolve_save_kwargs(FLAVOUR, deterministic_id=True)
            doc.save(out, **kwargs)
            report = checker.validate_written(io.BytesIO(out.getvalue()), FLAVOUR, save_kwargs=kwargs)
            if not report.passed:
                found = "; ".join(str(f) for f in report.findings[:3])
                raise HandoutsError(f"'{info.title}' did not pass PDF/A-{FLAVOUR} validation, so it was not "
                                    f"written ({found})")
        else:
            doc.save(out, deterministic_id=True, compress_streams=True,
                     object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def pdf_date(iso: str) -> str:
    """'2026-11-23' as the document information's date, D:20261123120000Z."""
    return "D:" + iso.replace("-", "") + TIME_OF_DAY.replace(":", "") + "Z"


def _write_metadata(doc, info: FileInfo, pdfa: bool) -> None:
    import pikepdf

    when = f"{info.date}T{TIME_OF_DAY}Z"
    docinfo = {"/Title": info.title, "/Author": info.author, "/Subject": info.subject, "/Keywords": info.keywords,
               "/Creator": info.creator, "/Producer": "handouts (ReportLab, pikepdf)",
               "/CreationDate": pdf_date(info.date), "/ModDate": pdf_date(info.date)}
    doc.trailer.Info = doc.make_indirect(pikepdf.Dictionary({k: pikepdf.String(v) for k, v in docinfo.items()}))
    with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = info.title
        meta["dc:creator"] = [info.author]
        meta["dc:description"] = info.subject
        meta["dc:language"] = [info.lang]
        meta["pdf:Keywords"] = info.keywords
        meta["pdf:Producer"] = docinfo["/Producer"]
        meta["xmp:CreatorTool"] = info.creator
        meta["xmp:CreateDate"] = when
        meta["xmp:ModifyDate"] = when
        meta["xmp:MetadataDate"] = when  # not the clock: the same sheet gives the same bytes
        if pdfa:
            meta["pdfaid:part"] = FLAVOUR[0]
            meta["pdfaid:conformance"] = FLAVOUR[1].upper()


def _attach_request(doc, info: FileInfo, pdfa: bool) -> None:
    """The request as request.yaml inside the file, for `build --from`; dated with the sheet, never the clock.

    PDF/A-2 allows only PDF/A files as attachments (pikepdf's validator refuses
    embedded files, page /PieceInfo and XMP properties outside the predefined
    schemas), so a PDF/A sheet keeps the same text in its XMP as dc:source,
    Dublin Core's "a resource from which this one is derived"; `build --from`
    reads either.
    """
    if not info.request:
        return
    import pikepdf

    from ..programmes import ATTACHMENT

    when = pdf_date(info.date)
    data = info.request.encode("utf-8")
    if pdfa:
        with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:source"] = info.request
        return
    doc.attachments[ATTACHMENT] = pikepdf.AttachedFileSpec(
        doc, data, description="handouts request", filename=ATTACHMENT, mime_type="application/yaml",
        creation_date=when, mod_date=when)


def _flatten_transparent_images(doc) -> None:
    """Every image with a soft mask (the logo's alpha) painted onto white, so the file has no transparency."""
    import zlib

    import pikepdf
    from PIL import Image

    for obj in doc.objects:
        if not isinstance(obj, pikepdf.Stream) or obj.get("/Subtype") != "/Image" or "/SMask" not in obj:
            continue
        colour = pikepdf.PdfImage(obj).as_pil_image().convert("RGB")
        alpha = pikepdf.PdfImage(obj.SMask).as_pil_image().convert("L")
        flat = Image.new("RGB", colour.size, "white")
        flat.paste(colour, mask=alpha)
        obj.write(zlib.compress(flat.tobytes(), 9), filter=pikepdf.Name.FlateDecode)
        obj.ColorSpace = pikepdf.Name.DeviceRGB
        obj.BitsPerComponent = 8
        for key in ("/SMask", "/DecodeParms", "/Decode", "/Mask"):
            if key in obj:
                del obj[key]
