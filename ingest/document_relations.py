"""Relations read across sentences: member lists and org charts under a cue, counted announcements of
members, and management pages (a name line above a post line). Each rule takes a document's sentence views.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from rekg.ingest.model import RelationRecord
from rekg.ingest.posts import post_pattern
from rekg.ingest.sentence_view import Linked, SentenceView, record, subject_before

_MEMBERS_CUE = re.compile(r"(?:及|和|与)(?:其)?(?:下属|所属|控股)(?:成员|子)?(?:企业|公司|单位)")
_CHART_CUE = re.compile(r"组织架构|组织机构|组织结构")
_MEMBER_KINDS = {"company", "group", "institute"}


def _name_only(view: SentenceView) -> bool:
    """A line that is a list of names (a table row, an org-chart box), not a sentence."""
    if not view.mentions or any(m.kind == "policy" for m in view.mentions):
        return False
    rest = view.text
    for mention in reversed(view.mentions):
        rest = rest[: mention.start] + rest[mention.end :]
    rest = re.sub(r"[\s、,，()（）]", "", rest)
    return len(rest) <= max(3, len(view.text) // 4)


def member_lists(views: Sequence[SentenceView], *, reach: int = 60) -> Iterator[RelationRecord]:
    """Member lists and org charts: ``X及下属成员公司`` or ``组织架构`` followed by lines that only list
    names → each listed company subsidiaryOf X (the publisher for an org chart)."""
    for index, view in enumerate(views):
        cue = _MEMBERS_CUE.search(view.text)
        parent = None
        if cue:
            parent = next((m.iri for m in reversed(view.mentions) if m.is_org and m.end <= cue.start()), None)
        elif len(view.text) <= 12 and _CHART_CUE.search(view.text):
            parent = view.publisher
        if parent is None:
            continue
        misses = 0
        for follower in views[index + 1 : index + 1 + reach]:
            if follower.text.startswith("#"):
                break  # a heading ends the list
            if not _name_only(follower):
                if len(follower.text) > 40:
                    break  # so does a real sentence
                misses += 1
                if misses > 4:
                    break
                continue
            misses = 0
            for member in follower.mentions:
                if member.kind in _MEMBER_KINDS and member.iri != parent:
                    yield record(follower, member.iri, "subsidiaryOf", parent, 0.7, "member-list")


_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_COUNTED_MEMBERS = re.compile(
    r"(?:下属|所属|旗下|控股)(\d{1,2}|[两二三四五六七八九十])家(?:上市公司|企业|公司|子公司)"
)


def counted_members(views: Sequence[SentenceView]) -> Iterator[RelationRecord]:
    """下属六家上市公司……中国铝业、中铝国际、云南铜业…: the companies named right after a counted
    announcement of members (in the same or the next sentence, up to the count) → subsidiaryOf."""
    for index, view in enumerate(views):
        for cue in _COUNTED_MEMBERS.finditer(view.text):
            parent = subject_before(view, cue.start())
            if parent is None:
                continue
            count = int(cue.group(1)) if cue.group(1).isdigit() else _NUMERALS[cue.group(1)]
            named: list[tuple[SentenceView, Linked]] = []
            for follower in views[index : index + 3]:
                start = cue.end() if follower is view else 0
                named += [
                    (follower, m) for m in follower.mentions if m.start >= start and m.kind in _MEMBER_KINDS
                ]
            members = list({m.iri: (v, m) for v, m in named if m.iri != parent}.values())
            if len(members) >= count:  # the list is there in full: a shorter one may be something else
                for follower, member in members[:count]:
                    yield record(follower, member.iri, "subsidiaryOf", parent, 0.65, "counted-members")


_POST_LIST = re.compile(f"^\\s*((?:{post_pattern()})(?:、(?:{post_pattern()}))*)\\s*[:：]")
_POST_LINE = re.compile(f"^(?:(?:{post_pattern()}|党组成员|党委成员|成员)[、,，\\s]*)+$")


def post_lines(views: Sequence[SentenceView]) -> Iterator[RelationRecord]:
    """A line holding only a person's name followed by lines holding only post titles (a report's
    management page) → the person holdsPostIn the publisher, with the first post as role; a line that opens
    with a post and a colon (副会长：A（…）、B（…）) → each person it lists holds that post at the publisher."""
    for view in views:
        listed = _POST_LIST.match(view.text)
        if view.publisher is None or listed is None:
            continue
        for person in (m for m in view.mentions if m.kind == "person" and m.start >= listed.end()):
            yield record(
                view, person.iri, "holdsPostIn", view.publisher, 0.6, "post-list-line", role=listed.group(1)
            )
    for view, following in itertools.pairwise(views):
        if view.publisher is None or len(view.mentions) != 1 or view.mentions[0].kind != "person":
            continue
        person = view.mentions[0]
        if view.text.strip() != person.text or not _POST_LINE.match(following.text.strip()):
            continue
        role = re.match(post_pattern(), following.text.strip())
        yield record(
            view,
            person.iri,
            "holdsPostIn",
            view.publisher,
            0.6,
            "post-line",
            role=role.group() if role else None,
        )
