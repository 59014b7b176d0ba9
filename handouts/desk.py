"""What every command works from: the catalogue, the clinic file and the settings folder.

The catalogue is the shipped one plus the clinician's own folders, read through the
parsed-file cache (parsecache.py); the clinic file is the one named, else the saved
clinic.yaml, else plain branding (clinicfile.py). Nothing is read until a command
asks for it, and each is read once, so `--help` never touches a file.
"""

from __future__ import annotations


class Desk:
    """One command's catalogue folders, clinic file and settings folder (the command line finds them)."""

    def __init__(self, settings, catalogues=(), clinic_file=None):
        self.settings = settings  # a pathlib.Path: clinic.yaml and programmes/ live here
        self.catalogues = list(catalogues)
        self.clinic_file = clinic_file
        self._library = None

    @property
    def cache(self):
        """The user's cache folder for handouts: parsed catalogue files (parsecache.py) and pose drawings
        (figurestore.py) are kept there."""
        from . import figurestore
        from .parsecache import user_cache_folder

        folder = user_cache_folder()
        figurestore.keep_in(folder)
        return folder

    def library(self):
        """The catalogue, read once (ValidationFailed listing every problem in it)."""
        if self._library is None:
            from .catalogue import load_library

            self._library = load_library(self.catalogues, cache=self.cache)
        return self._library

    def library_for_list(self, search: bool = False):
        """What `list` shows from: what an earlier list kept while no file has changed (listing.py), else the
        catalogue, kept for next time. A search reads the steps, which only the full catalogue holds."""
        from . import listing
        from .parsecache import user_cache_folder_path

        folder = user_cache_folder_path()  # a plain path: `list` does without the pathlib import
        library = None if search else listing.kept(self.catalogues, folder)
        if library is None:
            library = self.library()
            listing.keep(library, self.catalogues, folder)
        return library

    def clinic(self, pdfa: bool = False, font=None):
        """The clinic file's settings, with --pdfa and --font on top (ValidationFailed or BadChoice)."""
        from .clinicfile import load_clinic, with_file_options

        return with_file_options(load_clinic(self.clinic_file, self.settings), pdfa, font)
