"""Extraction: one document in, its facts out — a pure function of the document, the names known so far (a
:class:`~rekg.ingest.linking.Registry` it only reads) and the spaCy pipeline.

    read → normalise → split → recognise → link → relate

:func:`extract_document` returns an :class:`Extraction`: the document's facts, and the names it taught (new
entities, and known ones with names it added). Only an orchestrator (:class:`Extractor`, used by ingest,
build and evaluate) merges those into its registry, so documents can also be read in any order or in
parallel against the same snapshot of names.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from rekg.graph.iri import IriMinter
from rekg.graph.labels import labels_graph_name
from rekg.graph.named import named_entities
from rekg.graph.projection import most_specific
from rekg.graph.store import QuadStore
from rekg.ingest.document_relations import counted_members, member_lists, post_lines
from rekg.ingest.lexicon import (
    NameBook,
    is_generic_name,
    kind_from_suffix,
    matching_form,
)
from rekg.ingest.linking import DocumentNames, KnownEntity, Registry, is_global_name, link
from rekg.ingest.model import (
    DocumentFacts,
    DocumentText,
    EntityRecord,
    Mention,
    NormalizedText,
    Quantity,
    RelationRecord,
)
from rekg.ingest.normalize import normalize, remove_pinyin_glosses, start
from rekg.ingest.patterns import CIRCULATED, DOCUMENT_NUMBER
from rekg.ingest.recognize import recognize
from rekg.ingest.record_rules import (
    joint_units,
    key_value_blocks,
    named_units,
    project_blocks,
    shareholding_tables,
    subsidiary_tables,
    table_rows,
)
from rekg.ingest.reference import known_entities
from rekg.ingest.relations import extract, stock_code_attributes
from rekg.ingest.sentence_view import SentenceView, sentence_views
from rekg.ingest.sentence_view import record as relation_record
from rekg.ingest.sentences import split_sentences
from rekg.ingest.tagging import make_pipeline
from rekg.ontology import ENTITY_CLASSES, ORGANIZATION_KINDS

_POLICY_TITLE = re.compile(
    r".{2,60}(?:规划|条例|办法|意见|通知|标准|决定|方案|纲要|规定|法|共识|倡议|宣言|公约|计划|细则|要点)"
    r"(?:\(\d{4}[-—–]\d{4}年\))?$"
    # 广东省自然资源厅关于…采矿权挂牌出让的公告: a public body's notice (a company's 公告 is no policy)
    r"|.{2,30}?(?:厅|局|部|委员会|委|人民政府|政府|办公厅|办公室|署)关于.{2,60}的公告"
    r"|(?i:(?:commission |council )?(?:implementing |delegated )?(?:regulation|directive|decision) \((?:eu|ec)\) \d{2,4}/\d{1,4})"
    r"|(?:[A-Z][\w'’-]*\s+){1,8}(?:Act|Regulations?|Directive|Decision|Order|Ordinance|Rules)(?: of \d{4})?"
)


@dataclass(frozen=True)
class Extraction:
    """What one document gave: its facts, and the entities it taught (to be merged by the orchestrator)."""

    facts: DocumentFacts
    taught: tuple[KnownEntity, ...]


@dataclass
class Extractor:
    """The orchestrator's side of extraction: the spaCy pipeline, and the registry of names known so far,
    which it alone grows — with what each document it extracts taught."""

    minter: IriMinter
    registry: Registry
    nlp: Any = field(default=None)

    @classmethod
    def create(
        cls,
        minter: IriMinter,
        *,
        store: QuadStore | None = None,
        use_tagger: bool = True,
        nlp: Any = None,
        without: Iterable[str] = (),
    ) -> Extractor:
        """A fresh registry (the curated names, and the store's if given — but for the graphs ``without``,
        those of the documents about to be read again) with ``nlp`` or a new pipeline."""
        registry = known_names(minter, store=store, without=without)
        return cls(minter, registry, nlp if nlp is not None else make_pipeline(use_tagger=use_tagger))

    def read(self, document: DocumentText) -> Extraction:
        """The document's extraction against the names known now; the registry is left as it is."""
        with _fewer_collections():
            return extract_document(document, self.registry, self.nlp)

    def extract(self, document: DocumentText) -> DocumentFacts:
        """The document's facts; what it taught joins the registry, for the documents read after it."""
        extraction = self.read(document)
        self.registry.merge(extraction.taught)
        return extraction.facts


def known_names(
    minter: IriMinter, *, store: QuadStore | None = None, without: Iterable[str] = ()
) -> Registry:
    """The names known before a run: the curated ones, and the store's if given (but for the graphs
    ``without``). A registry is plain data: it pickles, so worker processes can be given a copy."""
    registry = Registry.from_curated(minter, known_entities())
    if store is not None:
        add_store_entities(registry, store, without)
    return registry


@contextmanager
def _fewer_collections(first_generation: int = 50_000) -> Iterator[None]:
    """Reading a document makes hundreds of thousands of short-lived tuples (words, spans, candidates), and
    with the collector's default threshold (700 new objects) it would walk the young objects thousands of
    times a document: the threshold is raised while a document is read (collections still run), then put
    back."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(first_generation, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def extract_document(document: DocumentText, known: Registry, nlp: Any) -> Extraction:
    """Read one document against the names ``known`` (never changed here) with the spaCy pipeline ``nlp``."""
    normalized = normalize(document.text)
    sentences = split_sentences(normalized.text)
    book = known.name_book()
    mentions = recognize(normalized, sentences, nlp, book)
    document_policy_mention = _document_policy(document, normalized, sentences)
    if document_policy_mention is not None:
        mentions = [
            document_policy_mention,
            *[
                m
                for m in mentions
                if m.end <= document_policy_mention.start or m.start >= document_policy_mention.end
            ],
        ]
    originals = _originals(document, normalized, mentions)
    short_names = {**book.short_names, **_number_under_title(document_policy_mention, mentions, sentences)}
    assignment, records, names = link(mentions, short_names, known, originals)
    kinds = {r.key: r.kind for r in records}
    # A mention is of its entity's kind (中铝秘鲁矿业 read as a group somewhere is still the company).
    mentions = [_of_kind(m, kinds.get(assignment.get(i), m.kind)) for i, m in enumerate(mentions)]
    publisher = _publisher(document, names) or _defined_subject(mentions, assignment, book, sentences)
    policy_iri = assignment.get(0) if document_policy_mention is not None else None
    relations = []
    attributes: dict[str, set[tuple[str, str]]] = {}
    byline = None if publisher else _dated_issuer(mentions, assignment, sentences)
    views = list(sentence_views(sentences, mentions, assignment, kinds, publisher, policy_iri, byline))
    for view in views:
        relations.extend(extract(view))
        for subject, code in stock_code_attributes(view):
            attributes.setdefault(subject, set()).add(("stockCode", code))
    seen = {(r.subject, r.predicate, str(r.object), r.sentence) for r in relations}
    issuers = issuers_in_titles(mentions, assignment, names)
    document_level = [
        *member_lists(views),
        *counted_members(views),
        *post_lines(views),
        *issuers,
        *issuers_above_title(views),
        *key_value_blocks(views),
        *project_blocks(views),
        *named_units(views),
        *joint_units(views),
        *shareholding_tables(views),
        *subsidiary_tables(views),
        *table_rows(views),
    ]
    for record in document_level:
        key = (record.subject, record.predicate, str(record.object), record.sentence)
        if key not in seen:
            seen.add(key)
            relations.append(record)
    relations = reconcile(relations)
    records = [_with_attributes(r, attributes.get(r.key, ())) for r in records]
    present = {r.key for r in records}
    missing = {r.subject for r in relations} | {r.object for r in relations if isinstance(r.object, str)}
    records += [_record_for(names.entity(iri)) for iri in sorted(missing - present) if iri in names]
    facts = DocumentFacts(document, normalized, sentences, tuple(mentions), tuple(records), tuple(relations))
    return Extraction(facts, names.taught)


def _of_kind(mention: Mention, kind: str) -> Mention:
    """The mention, of this kind."""
    return mention if mention.kind == kind else replace(mention, kind=kind)


def _with_attributes(record: EntityRecord, extra: Iterable[tuple[str, str]]) -> EntityRecord:
    """The record with these attributes too, all of them sorted."""
    merged = tuple(sorted({*record.attributes, *extra}))
    return record if merged == record.attributes else replace(record, attributes=merged)


def issuers_in_titles(
    mentions: Sequence[Mention], assignment: Mapping[int, str], registry: DocumentNames
) -> Iterable[RelationRecord]:
    """《中国稀土集团有限公司固体废物管理暂行办法》: a policy whose title begins with an organisation's
    name was issued by that organisation."""
    for index, mention in enumerate(mentions):
        if mention.kind != "policy" or index not in assignment:
            continue
        for length in range(len(mention.text) - 4, 3, -1):
            issuer = registry.find(mention.text[:length], "company")
            if issuer is not None and not is_generic_name(mention.text[:length]):
                yield RelationRecord(
                    assignment[index], "issuedBy", issuer, mention.sentence, 0.75, "issuer-in-title"
                )
                break


def reconcile(relations: Sequence[RelationRecord]) -> list[RelationRecord]:
    """One document, one account of a fact: a partnership stated with a date in one sentence and without
    in another (a headline) gets the date; a quantity stated with and without its year is one quantity; a
    fact read of the document's issuer by default gives way to the same fact the sentence states of a
    party it names (法定代表人：韩立舟 in a block about another company)."""
    stated: dict[tuple[int, str, str, object], set[str | None]] = {}
    for r in relations:
        if not r.implied and isinstance(r.object, str):
            for end, iri in (("subject", r.subject), ("object", r.object)):
                stated.setdefault((r.sentence, r.predicate, end, iri), set()).add(r.role)
    # …unless the sentence gives the two different posts (会长：冯家骏（宝隆稀金董事总经理）: chair here, MD there)
    relations = [
        r
        for r in relations
        if not r.implied
        or _named_end(r) not in stated
        or (r.role is not None and None not in stated[_named_end(r)] and r.role not in stated[_named_end(r)])
    ]
    dates: dict[frozenset[str], str] = {}
    years: dict[tuple[str, str, str, str], int] = {}
    for r in relations:
        if r.predicate == "partnerOf" and r.date and isinstance(r.object, str):
            dates.setdefault(frozenset((r.subject, r.object)), r.date)
        if isinstance(r.object, Quantity) and r.object.year:
            years.setdefault((r.subject, r.predicate, r.object.value, r.object.unit), r.object.year)
    out = []
    for r in relations:
        if r.predicate == "partnerOf" and not r.date and isinstance(r.object, str):
            r = replace(r, date=dates.get(frozenset((r.subject, r.object))))
        if isinstance(r.object, Quantity):
            year = years.get((r.subject, r.predicate, r.object.value, r.object.unit))
            r = replace(r, object=replace(r.object, year=year))
        out.append(r)
    return out


def _named_end(r: RelationRecord) -> tuple[int, str, str, object]:
    """The end of an implied fact the sentence names, as a key of :func:`reconcile`'s ``stated``."""
    return (
        r.sentence,
        r.predicate,
        *(("object", r.object) if r.implied == "subject" else ("subject", r.subject)),
    )


def _record_for(known: KnownEntity) -> EntityRecord:
    return EntityRecord(known.iri, known.kind, known.canonical, frozenset(), curated=known.curated)


def _number_under_title(
    title: Mention | None, mentions: Sequence[Mention], sentences: Sequence[Any]
) -> dict[str, str]:
    """赣工信原材料字〔2025〕146号 alone on the line under a notice's title: the title's number, a name of the same
    policy."""
    if title is None or title.sentence + 1 >= len(sentences):
        return {}
    if sentences[title.sentence].text.strip() != title.text:
        return {}  # 关于印发《…方案》的通知: the number is the notice's, not the plan's the document is read as
    below = sentences[title.sentence + 1]
    numbers = [m for m in mentions if m.sentence == below.index and m.kind == "policy"]
    if (
        len(numbers) == 1
        and below.text.strip() == numbers[0].text
        and DOCUMENT_NUMBER.fullmatch(numbers[0].text)
    ):
        return {numbers[0].text: title.text}
    return {}


def _document_policy(
    document: DocumentText, normalized: NormalizedText, sentences: Sequence[Any]
) -> Mention | None:
    """A document that is itself a policy (a plan, a regulation) becomes a policy mention at its title."""
    if not sentences:
        return None
    first = sentences[0]
    # 包头市工业和信息化局　包头市财政局 / 关于下达…的通知: a notice's issuers may stand on the line above its title
    line = sentences[1] if len(sentences) > 1 and _ISSUERS_LINE.fullmatch(first.text) else first
    for candidate in (
        document.title or "",
        document.title.split(",")[0] if document.title else "",
        first.text,
        line.text,
    ):
        title = candidate.strip("#* ")
        title = matching_form(title) if re.search(r"[\u4e00-\u9fff]", title) else re.sub(r"\s+", " ", title)
        circulated = CIRCULATED.search(title)
        if circulated and "关于下达" not in title:
            # 山东省人民政府办公厅关于印发…行动方案的通知: the document is the plan it circulates (a notice that
            # 下达 a plan of projects or quotas is itself the document)
            title = circulated.group(1)
        if title and _POLICY_TITLE.fullmatch(title):
            # the title as printed: 江西省工业和信息化厅 江西省自然资源厅关于…的通知 keeps the space between its issuers
            printed = re.compile(r"\s*".join(map(re.escape, re.sub(r"\s+", "", title))))
            for sentence in dict.fromkeys((first, line)):
                found = printed.search(normalized.text, sentence.start, sentence.end + 1)
                if found is not None:
                    text = found.group()
                    return Mention(found.start(), found.end(), text, "policy", "title", sentence.index)
    return None


#: A first line that only names the bodies issuing a notice (…局　…局, …人民政府办公厅).
_ISSUERS_LINE = re.compile(
    r"(?:[\u4e00-\u9fff()（）]{2,30}?(?:局|厅|委|部|府|会|办公室|院|署|中心|公司)[\s\u3000]*){1,4}"
)


def issuers_above_title(views: Sequence[SentenceView]) -> Iterator[RelationRecord]:
    """The bodies named on the line above a notice's title (包头市工业和信息化局　包头市财政局) issued it."""
    if len(views) < 2 or not views[1].document_policy or not _ISSUERS_LINE.fullmatch(views[0].text):
        return
    if not any(m.kind == "policy" and m.iri == views[1].document_policy for m in views[1].mentions):
        return
    for issuer in (m for m in views[0].mentions if m.is_org and m.text):
        yield relation_record(
            views[0], views[1].document_policy, "issuedBy", issuer.iri, 0.8, "issuers-above-title"
        )


def _originals(
    document: DocumentText, normalized: NormalizedText, mentions: Sequence[Mention]
) -> dict[int, str]:
    if "zh-Hant" not in (document.language or ""):
        return {}
    out = {}
    for index, mention in enumerate(mentions):
        printed = remove_pinyin_glosses(start(normalized.original_text(mention.start, mention.end))).text
        printed = re.sub(r"\s+", "", printed)
        if printed != mention.text:
            out[index] = printed
    return out


def _publisher(document: DocumentText, registry: DocumentNames) -> str | None:
    if not document.publisher:
        return None
    name = matching_form(document.publisher)
    return registry.find(name, kind_from_suffix(name) or "company")


def _dated_issuer(
    mentions: Sequence[Mention], assignment: Mapping[int, str], sentences: Sequence[Any]
) -> str | None:
    """国瑞证券股份有限公司　2025年7月15日 near the top of a report: the body whose staff sign it (分析师：X) — not
    what its 公司 stands for, which is whatever the report named last."""
    for sentence in list(sentences)[:6]:
        for index, mention in enumerate(mentions):
            if (
                mention.sentence == sentence.index
                and mention.kind in ORGANIZATION_KINDS
                and index in assignment
                and _DATE_ONLY.fullmatch(sentence.text, mention.end - sentence.start)
            ):
                return assignment[index]
    return None


def _defined_subject(
    mentions: Sequence[Mention],
    assignment: Mapping[int, str],
    book: NameBook,
    sentences: Sequence[Any],
) -> str | None:
    """Whom 公司, 本公司 and "the Company" stand for in a document with no known publisher: the organisation it
    defines as such (XX股份有限公司(以下简称"公司"), 「恒昇稀材」或「本公司」, ("Iluka" or "the Company")), else
    the issuer an announcement's header names (证券简称：中国稀土, 股票代號：2002 公司簡稱：中鋼, ASX: ILU) or
    signs at its end (…股份有限公司董事会). A news story has none: its 公司 is whatever it named last."""
    selves = {book.short_names[s] for s in _SELF_NAMES if s in book.short_names}
    ordered = sorted(enumerate(mentions), key=lambda im: im[1].start)
    for index, mention in ordered:
        if mention.text in selves and mention.kind in ORGANIZATION_KINDS and index in assignment:
            return assignment[index]
    if (
        sentences
    ):  # 衡嶽稀土控股有限公司：須予披露交易…, 香港稀土及磁性材料商會《2025年度市場回顧》, …局关于下达…的通知
        title = sentences[0]
        for index, mention in ordered:
            if (
                mention.sentence != title.index
                or mention.kind not in ORGANIZATION_KINDS
                or index not in assignment
            ):
                continue
            if mention.start - title.start <= 1 and _TITLE_ISSUER_AFTER.match(
                title.text, mention.end - title.start
            ):
                return assignment[index]
            break
    head = {s.index for s in sentences[:8] if _ISSUER_LINE.search(s.text)}
    # the code's own line, then the names above it (HK: the name, its English name, where it was incorporated),
    # then the line below
    for line in sorted(head):
        for near in (line, line - 1, line - 2, line - 3, line + 1):
            for index, mention in ordered:
                if mention.sentence == near and mention.kind in ORGANIZATION_KINDS and index in assignment:
                    return assignment[index]
    for sentence in list(sentences)[-4:]:
        signed = _SIGNATURE.fullmatch(sentence.text)
        if signed:
            for index, mention in ordered:
                if (
                    mention.sentence == sentence.index
                    and mention.kind in ORGANIZATION_KINDS
                    and index in assignment
                ):
                    return assignment[index]
    return None


_SELF_NAMES = (
    "公司", "本公司", "集团", "本集团", "本会", "本协会", "本商会", "本联盟", "本院", "本所",
    "the Company", "The Company", "the Group", "The Group",
)  # fmt: skip
_ISSUER_LINE = re.compile(
    r"证券简称|股票简称|公司简称|证券代码|股票代码|股票代号|股份代号|公告编号|\b(?:ASX|TSX|TSXV|NYSE|Nasdaq|AIM)\s*:\s*[A-Z]"
)
#: What follows the issuer that heads a title: a colon, 关于, the quoted name of its report, another issuer.
_TITLE_ISSUER_AFTER = re.compile(r"\s*(?:[:：]|关于|《|公告|\u3000|\s{2,}|$)")
_DATE_ONLY = re.compile(
    r"[\s\u3000]*(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}[-./]\d{1,2}[-./]\d{1,2})\s*"
)
_SIGNATURE = re.compile(r".{2,40}(?:董事会|Board of Directors|the Board)")


def add_store_entities(registry: Registry, store: QuadStore, without: Iterable[str] = ()) -> None:
    """Entities already in the store join the registry, so a new document links to them — with the names
    the documents' graphs and the curated graph give them, not those of the graphs ``without`` (a document
    read again links as if it had not been read before) nor the derived labels graph (its English names
    are generated, not read). An entity of several classes is of the most specific; the entities join in
    the order of their IRIs (whichever way the store gives them, :func:`rekg.graph.named.named_entities`)."""
    found: dict[str, tuple[set[str], set[str], set[str]]] = {}
    kind_of = {str(c): kind for c, kind in ENTITY_CLASSES.items()}
    for entity, rdf_type, label, language in named_entities(
        store, labels_graph_name(registry.minter), set(without)
    ):
        kinds, chinese, english = found.setdefault(entity, (set(), set(), set()))
        kinds.add(kind_of[rdf_type])
        if language.lower() == "en":
            english.add(label)
        else:
            chinese.add(matching_form(label))
    names = {
        iri: (most_specific(kinds), chinese, english)
        for iri, (kinds, chinese, english) in sorted(found.items())
    }
    taught = []
    for iri, (kind, chinese, english) in names.items():
        known = registry.entities.get(iri)
        if known is not None:  # a curated entity: the names documents taught it count too
            taught.append(
                replace(
                    known,
                    names=known.names | {n for n in chinese if is_global_name(n)},
                    english=known.english | english,
                )
            )
        elif chinese:
            canonical = sorted(chinese, key=lambda n: (kind_from_suffix(n) is None, -len(n), n))[0]
            taught.append(KnownEntity(iri, kind, canonical, chinese, english))
    registry.merge(taught)
