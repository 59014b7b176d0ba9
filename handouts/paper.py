"""Paper sizes and print styles: the one list every command, file reader and renderer takes them from.

No imports, so the command line can name the choices without slowing `handouts --help`.
render/pdf.py holds each size's measures; render/theme.py what large print changes.
"""

PAGE_SIZES = ("letter", "a4")
PRINT_STYLES = ("normal", "large")  # large: 18 pt body text
