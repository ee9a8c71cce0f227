"""Chinese labels in matplotlib plots, on any machine.

matplotlib's bundled DejaVu Sans has no CJK glyphs: unit names and section
titles would render as empty boxes ("tofu") with a "Glyph … missing" warning.
The ``notebook`` extra installs mplfonts, a PyPI package that ships Noto Sans
CJK SC, so nothing has to be installed system-wide. We register that one file
with matplotlib for this process only, instead of running ``mplfonts init``,
which rewrites the user's matplotlibrc.
"""

from __future__ import annotations

from importlib.resources import files

import matplotlib
from matplotlib import font_manager

FONT_FILE = "NotoSansCJKsc-Regular.otf"


def use_cjk_font() -> str:
    """Make Noto Sans CJK SC the default sans-serif font; return its family name."""
    path = str(files("mplfonts") / "fonts" / FONT_FILE)
    font_manager.fontManager.addfont(path)
    family = font_manager.FontProperties(fname=path).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, *matplotlib.rcParams["font.sans-serif"]]
    # The CJK font has no U+2212 MINUS SIGN; an ASCII hyphen keeps negative ticks readable.
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family
