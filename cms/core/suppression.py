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
