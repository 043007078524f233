"""The four age groups the VRU plans for, and which services serve each one."""

from __future__ import annotations

from dataclasses import dataclass

OLDEST = 120


@dataclass(frozen=True)
class AgeGroup:
    key: str
    label: str
    youngest: int
    oldest: int

    def served_by(self, minimum_age: int | None, maximum_age: int | None) -> bool:
        """A service serves the group when its age range overlaps the group's at all."""
        return (minimum_age is None or minimum_age <= self.oldest) and (
            maximum_age is None or maximum_age >= self.youngest
        )


AGE_GROUPS = (
    AgeGroup("under_11", "Under 11", 0, 10),
    AgeGroup("11_17", "11 to 17", 11, 17),
    AgeGroup("18_24", "18 to 24", 18, 24),
    AgeGroup("25_plus", "25 and over", 25, OLDEST),
)
AGE_GROUP_CHOICES = [(group.key, group.label) for group in AGE_GROUPS]
BY_KEY = {group.key: group for group in AGE_GROUPS}
