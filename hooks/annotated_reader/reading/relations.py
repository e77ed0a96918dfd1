"""The relation vocabulary: each type's wording from the subject's side and from the target's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RelationType:
    """A relation as written in front matter (``leader_of``) and as read on either page."""

    key: str
    wording: str
    inverse_wording: str


RELATION_TYPES: dict[str, RelationType] = {
    relation.key: relation
    for relation in (
        RelationType("leader_of", "leader of", "led by"),
        RelationType("member_of", "member of", "has member"),
        RelationType("part_of", "part of", "includes"),
        RelationType("allied_with", "allied with", "allied with"),
        RelationType("rival_of", "rival of", "rival of"),
        RelationType("fought_against", "fought against", "fought against"),
        RelationType("pledged_allegiance_to", "pledged allegiance to", "received allegiance from"),
        RelationType("located_in", "located in", "contains"),
        RelationType("took_part_in", "took part in", "involved"),
        RelationType("supported", "supported", "supported by"),
        RelationType("see_also", "see also", "see also"),
    )
}
