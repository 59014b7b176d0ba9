"""Everything that draws a sheet: PDF (ReportLab) and the accessible HTML version."""

# ReportLab checks each attribute set on a drawing's shapes against its rules: a help
# while writing drawing code, and a fifth of the time spent drawing a figure. The
# figures are made by tested code, so the checks are off; they never change a value,
# so the bytes are the same. Set before any drawing module imports reportlab.graphics.
from reportlab import rl_config as _rl_config

_rl_config.shapeChecking = 0
