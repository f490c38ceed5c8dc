"""Relation rules about people's posts: ORG+post … PERSON, an institution before a titled person (中南大学
桂卫华院士), a post with no organisation (one in the publisher), and PERSON出任/担任 ORG POST.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rekg.ingest.model import RelationRecord
from rekg.ingest.patterns import post_pattern
from rekg.ingest.sentence_view import SentenceView, organisations, record

_TITLE_AFTER = re.compile(r"院士|教授|研究员|博士|总工程师")


_APPOINTED = re.compile(r"\s*(?:将|已)?(?:出任|担任|兼任|接任|改任)")


def appointments(view: SentenceView) -> Iterator[RelationRecord]:
    """PERSON出任/担任 ORG POST → PERSON holdsPostIn ORG (李承泽出任黔稀新材董事长)."""
    if "person" not in view.kinds:
        return
    for person in (m for m in view.mentions if m.kind == "person"):
        cue = _APPOINTED.match(view.text, person.end)
        if cue is None:
            continue
        organisation = next((m for m in organisations(view) if 0 <= m.start - cue.end() <= 1), None)
        post = re.match(f"(?:{post_pattern()})", view.text[organisation.end :]) if organisation else None
        if organisation is not None and post is not None:
            yield record(
                view, person.iri, "holdsPostIn", organisation.iri, 0.8, "appointment", role=post.group()
            )


def posts(view: SentenceView) -> Iterator[RelationRecord]:
    """ORG+post, ORG+post … PERSON → PERSON holdsPostIn each ORG (post title kept as role); a post with no
    organisation in the sentence is a post in the publisher (a report's management)."""
    if "person" not in view.kinds:
        return
    persons = [m for m in view.mentions if m.kind == "person"]
    previous_end = 0
    for person in persons:
        span_start = previous_end
        previous_end = person.end
        window = view.text[span_start : person.start]
        tail = re.search(f"({post_pattern()})[、,，:：]?\\s*$", window)
        title = _TITLE_AFTER.match(view.text, person.end)
        if tail is None and title:  # 中南大学桂卫华院士: the institution named right before a titled person
            for org in (m for m in view.mentions if m.is_org and 0 <= person.start - m.end <= 1):
                yield record(
                    view,
                    person.iri,
                    "holdsPostIn",
                    org.iri,
                    0.7,
                    "organisation-person-title",
                    role=title.group(),
                )
        if tail is None:
            continue
        found = False
        for org in (m for m in view.mentions if m.is_org and span_start <= m.start and m.end <= person.start):
            after = view.text[org.end : person.start]
            post = re.match(f"(?:[^、,，。]{{0,6}}?)({post_pattern()})", after)
            if post:
                found = True
                yield record(
                    view,
                    person.iri,
                    "holdsPostIn",
                    org.iri,
                    0.8,
                    "organisation-post-person",
                    role=post.group(1),
                )
        if (
            not found
            and view.publisher
            and not any(m.kind == "place" for m in view.mentions if span_start <= m.start < person.start)
        ):
            yield record(
                view, person.iri, "holdsPostIn", view.publisher, 0.6, "post-in-publisher", role=tail.group(1)
            )
