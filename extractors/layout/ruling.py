"""Table cells from ruling segments, and their place on a row × column grid.

The cells are what pdfplumber's ``Page.find_tables()`` finds with its default
``lines`` strategy, reproduced on bare segments so that any source that draws
rulings (a PDF, an OFD, lines detected in a scan) gets the same cells: keep
segments at least :data:`PREFILTER_MIN_LENGTH` long, snap and join them
(:data:`SNAP_TOLERANCE`, :data:`JOIN_TOLERANCE`), drop those shorter than
:data:`EDGE_MIN_LENGTH`, intersect (:data:`INTERSECTION_TOLERANCE`), and group
the smallest closed rectangles into tables. pdfplumber's functions do each
step; only the page they would read edges from is replaced by segments.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
from pdfplumber.utils.geometry import filter_edges

from extractors.layout.page import Segment
from extractors.model import BBox

PREFILTER_MIN_LENGTH = 1
"""``TableSettings.edge_min_length_prefilter``: shorter segments are noise."""
SNAP_TOLERANCE = 3
"""``TableSettings.snap_tolerance``: parallel segments this close are one line."""
JOIN_TOLERANCE = 3
"""``TableSettings.join_tolerance``: collinear segments with a gap this small are one."""
EDGE_MIN_LENGTH = 3
"""``TableSettings.edge_min_length``, applied after snapping and joining."""
INTERSECTION_TOLERANCE = 3
"""``TableSettings.intersection_tolerance``: how near two segments must pass to cross."""


def _edge(segment: Segment) -> dict[str, Any]:
    """The edge dict pdfplumber's table functions read; lengths come from the
    coordinates, which is what pdfplumber's own edges hold up to rounding."""
    return {
        "x0": segment.x0, "x1": segment.x1, "top": segment.top, "bottom": segment.bottom,
        "width": segment.x1 - segment.x0, "height": segment.bottom - segment.top,
        "orientation": segment.orientation,
    }


def table_cells(segments: Iterable[Segment]) -> list[list[BBox]]:
    """The cell boxes of every ruled table the segments draw, tables top to
    bottom (pdfplumber's order), each with more than one cell."""
    edges = [_edge(s) for s in segments]
    kept = (filter_edges(edges, "v", min_length=PREFILTER_MIN_LENGTH)
            + filter_edges(edges, "h", min_length=PREFILTER_MIN_LENGTH))
    merged = merge_edges(kept, snap_x_tolerance=SNAP_TOLERANCE, snap_y_tolerance=SNAP_TOLERANCE,
                         join_x_tolerance=JOIN_TOLERANCE, join_y_tolerance=JOIN_TOLERANCE)
    merged = filter_edges(merged, min_length=EDGE_MIN_LENGTH)
    intersections = edges_to_intersections(merged, INTERSECTION_TOLERANCE, INTERSECTION_TOLERANCE)
    cells = intersections_to_cells(intersections)
    return [table for table in cells_to_tables(cells) if len(table) > 1]


class Grid:
    """The cells of one table placed on a row × column grid.

    Column and row lines are the distinct left and top edges of the cells
    (as pdfplumber's ``Table.rows`` has them); a cell spans every line it
    crosses, so a merged section row is one cell with ``col_span = n_cols``
    while an empty cell stays a cell of its own.
    """

    def __init__(self, cells: list[BBox]) -> None:
        self.cells = cells
        self.xs = sorted({c[0] for c in cells})
        self.tops = sorted({c[1] for c in cells})
        self.right = max(c[2] for c in cells)
        self.bottom = max(c[3] for c in cells)
        self.origin: list[tuple[int, int, int, int]] = []
        """(row, col, row_span, col_span) of each cell."""
        self.owner: dict[tuple[int, int], int] = {}
        for i, (x0, top, x1, bottom) in enumerate(cells):
            col, row = self.xs.index(x0), self.tops.index(top)
            col_span = sum(1 for x in self.xs if x0 <= x < x1 - 0.5)
            row_span = sum(1 for t in self.tops if top <= t < bottom - 0.5)
            self.origin.append((row, col, row_span, col_span))
            for r in range(row, row + row_span):
                for c in range(col, col + col_span):
                    self.owner[(r, c)] = i

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.tops[0], self.right, self.bottom)

    def cell_at(self, x: float, y: float) -> int | None:
        """Index of the cell whose box holds the point, if any."""
        row, col = bisect_right(self.tops, y) - 1, bisect_right(self.xs, x) - 1
        if row < 0 or col < 0 or x > self.right:
            return None
        i = self.owner.get((row, col))
        return i if i is not None and y <= self.cells[i][3] else None
