"""Every layout number of the sheet, as data: one theme for normal print, one for large.

The renderer reads sizes only from here, so large print is the same code with
other numbers. All lengths are in points (1/72 inch).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import inch


@dataclass(frozen=True)
class Theme:
    """Every size on a sheet, normal or large print."""

    name: str
    # Text
    body: float
    leading: float
    title: float
    heading: float
    small: float            # captions, the log's key, figure labels
    step_gap: float         # space after each numbered step
    # Page geometry
    side_margin: float = 0.5 * inch      # inside every office printer's reach (most need 0.25 in)
    top_margin: float = 0.4 * inch
    bottom_margin: float = 0.4 * inch
    letterhead_height: float = 0.78 * inch
    running_head_height: float = 0.42 * inch
    band: float = 0.12 * inch            # the brand band across the top of page 1
    head_name: float = 14                # clinic name in the letterhead
    head_contact: float = 11
    running_head: float = 11
    footer: float = 10
    rule: float = 0.9                    # rules and box edges: dark and thick enough to photocopy
    # Boxes
    box_padding: float = 6
    section_gap: float = 8               # before a heading
    block_gap: float = 7                 # after an exercise block
    # Pictures: the drawing beside the steps, and the thumbnail in the table on page 1
    picture_width: float = 260           # at most, for lying figures (start above finish)
    picture_width_upright: float = 240   # at most, for standing figures
    picture_height: float = 420          # a limit only: the figure sizes below set the height
    lying_figure: float = 2.2 * inch     # how long a lying figure prints, at least
    standing_figure: float = 1.5 * inch  # how tall a standing or sitting one prints, at least
    points_per_head: float = 22          # the card's pictures
    diagram_height: float = 62           # the body diagram beside what the condition is
    picture_gap: float = 10
    thumb_width: float = 78
    thumb_height: float = 32
    thumb_points_per_head: float = 7
    caution_mark: float = 14
    qr_size: float = 60
    # The log
    log_row: float = 16
    log_box: float = 14                  # a tick box's column is 1.3 times this
    log_day_column: float = 38
    log_date_column: float = 42
    log_minutes_column: float = 30
    log_pain_column: float = 34
    # The one-page card
    card_picture_height: float = 96
    card_gap: float = 8

    @property
    def figure_caption(self) -> float:
        return self.small


NORMAL = Theme(name="normal", body=12, leading=14.4, title=19, heading=14, small=11, step_gap=0.5)

# Large print: body 18 pt with 1.3 line spacing; pictures never smaller than in
# normal print; labels, running head and footer at 14 pt.
LARGE = Theme(
    name="large", body=18, leading=23.4, title=26, heading=21, small=14, step_gap=0,
    letterhead_height=0.95 * inch, running_head_height=0.55 * inch, head_name=17, head_contact=14,
    running_head=14, footer=14, rule=1.2, box_padding=8, section_gap=8, block_gap=10,
    picture_width=280, picture_width_upright=250, picture_height=460, lying_figure=2.25 * inch,
    standing_figure=1.55 * inch, points_per_head=24, picture_gap=12, diagram_height=80,
    thumb_width=96, thumb_height=50, thumb_points_per_head=9, caution_mark=20, qr_size=80,
    log_row=22, log_box=20, log_day_column=58, log_date_column=64, log_minutes_column=44, log_pain_column=52,
    card_picture_height=110, card_gap=10,
)


def theme_for(large_print: bool) -> Theme:
    return LARGE if large_print else NORMAL
