"""Small-group suppression for every breakdown of people that is shown or exported.

WHY more than hiding small groups: when a total is shown and every group but one is shown,
the hidden group's figures are the total minus the rest, exactly. So what is hidden must
itself be a crowd: at least `threshold` people, drawn from at least two sources (groups, or
people who gave no group), or nothing at all. Until it is, the smallest shown group is
hidden as well (secondary suppression). No group under the threshold is ever shown.
"""

from collections.abc import Mapping

MIN_GROUP_SIZE = 5


def groups_to_show(
    sizes: Mapping[str, int], total: int, threshold: int = MIN_GROUP_SIZE
) -> set[str]:
    """The groups whose figures may be shown, given each group's size and the total count of
    people (which may include people in no group). Everything else is hidden."""
    shown = {name for name, size in sizes.items() if size >= threshold}
    while True:
        hidden_people = total - sum(sizes[name] for name in shown)
        hidden_sources = len(sizes) - len(shown) + (total > sum(sizes.values()))
        safe = hidden_people == 0 or (hidden_people >= threshold and hidden_sources >= 2)
        if safe or not shown:
            return shown
        shown.remove(min(shown, key=lambda name: (sizes[name], name)))


Cell = int | None
Position = tuple[int, int]


def suppress_cells(table: list[list[int]], threshold: int = MIN_GROUP_SIZE) -> list[list[Cell]]:
    """A table of counts with every cell from 1 to `threshold - 1` hidden (None), and, where a
    row or a column would then hide just one cell (recoverable from its total by
    subtraction), another of its cells hidden too, until no line hides exactly one. The other
    cell is one that mends a second such line if there is one (so hidden cells form
    rectangles rather than spreading), else the smallest."""
    hidden = {
        (r, c)
        for r, row in enumerate(table)
        for c, count in enumerate(row)
        if 0 < count < threshold
    }
    rows = [[(r, c) for c in range(len(row))] for r, row in enumerate(table)]
    width = max((len(row) for row in table), default=0)
    columns = [[(r, c) for r in range(len(table)) if c < len(table[r])] for c in range(width)]

    def lone(line: list[Position]) -> bool:
        return sum(cell in hidden for cell in line) == 1

    # Each line, with how to find a cell's other line (a row's cell lies in a column too).
    passes = ((rows, lambda cell: columns[cell[1]]), (columns, lambda cell: rows[cell[0]]))
    changed = True
    while changed:
        changed = False
        for lines, other_line in passes:
            for line in lines:
                open_cells = [cell for cell in line if cell not in hidden]
                if lone(line) and open_cells:
                    hidden.add(
                        min(
                            open_cells,
                            key=lambda cell: (not lone(other_line(cell)), table[cell[0]][cell[1]]),
                        )
                    )
                    changed = True
    return [
        [None if (r, c) in hidden else count for c, count in enumerate(row)]
        for r, row in enumerate(table)
    ]
