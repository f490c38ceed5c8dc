"""``rekg evaluate``: precision, recall and F1 of the pipeline against hand-annotated documents.

The annotations (``seeds/annotations/*.json`` and the held-out sets, see GUIDELINES.md there) are exhaustive
inside their passages, so predictions are judged only inside passages. Entities are compared as distinct
(name, type) pairs per passage, names in matching form; relations as (subject, predicate, object) where an
entity matches when one of its names is one of the gold entity's names in the passage.

Besides the scores, two kinds of error are counted because they cost a reference graph most:

- a **wrong merge**: one graph node that holds the names of two different gold entities of a document (a
  listed company and its parent group, a ministry and the one that replaced it);
- a **description minted**: a spurious mention that reads as a description rather than a name (该公司, 一家澳洲
  矿企, "a Perth-based explorer"), by the heuristic of :func:`reads_as_description`.

Scores are kept per document and added up by script (zh-Hans, zh-Hant, en), by genre (the blind corpus's
six) and by type. :func:`evaluate_suite` scores every annotated set of the repository in one go.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rekg.errors import ValidationError
from rekg.ingest.lexicon import is_generic_name, matching_form
from rekg.ingest.model import DocumentFacts
from rekg.ingest.normalize import remove_pinyin_glosses, start
from rekg.ontology import ENTITY_CLASSES, ORGANIZATION_KINDS
from rekg.seeds import ANNOTATIONS_DIR, DOCUMENTS_DIR, SEEDS_DIR

TYPE_TO_KIND = {str(cls).rsplit("#", 1)[-1]: kind for cls, kind in ENTITY_CLASSES.items()}
SYMMETRIC = {"partnerOf"}
#: The kinds the development set annotates (seeds/annotations/GUIDELINES.md): all but agreements, which are
#: read as facts between their parties rather than as names.
ANNOTATED_KINDS = frozenset(TYPE_TO_KIND.values()) - {"agreement"}
#: Kinds a description can be minted as (not places, people or policies).
_DESCRIBED_KINDS = ANNOTATED_KINDS - {"place", "person", "policy"}
#: A document's script from its file name, where its annotation does not say.
_SCRIPT_SUFFIXES = ((".zh-hant.", "zh-Hant"), (".zh-en.", "zh-Hans en"), (".zh.", "zh-Hans"), (".en.", "en"))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_json(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class DocumentScore:
    entities: Score
    relations: Score
    script: str
    genre: str
    merges: int = 0
    descriptions: int = 0
    listed: Score = field(default_factory=lambda: Score())  # organisations of the reference list: tp and fn


@dataclass
class Evaluation:
    documents: dict[str, DocumentScore] = field(default_factory=dict)
    entity_types: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relation_types: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (document, kind of error, item)

    def _total(self, part: str, documents: Sequence[DocumentScore] | None = None) -> Score:
        total = Score()
        for score in self.documents.values() if documents is None else documents:
            total.add(getattr(score, part))
        return total

    @property
    def entities(self) -> Score:
        return self._total("entities")

    @property
    def relations(self) -> Score:
        return self._total("relations")

    @property
    def merges(self) -> int:
        return sum(d.merges for d in self.documents.values())

    @property
    def descriptions(self) -> int:
        return sum(d.descriptions for d in self.documents.values())

    @property
    def listed(self) -> Score:
        """Recall of the gold organisations the reference list (``seeds/reference``) names: found with any
        organisation kind."""
        return self._total("listed")

    def grouped(self, attribute: str) -> dict[str, tuple[Score, Score]]:
        """(entities, relations) added up per value of ``attribute`` (``script`` or ``genre``)."""
        groups: dict[str, list[DocumentScore]] = defaultdict(list)
        for score in self.documents.values():
            groups[getattr(score, attribute)].append(score)
        return {
            key: (self._total("entities", scores), self._total("relations", scores))
            for key, scores in sorted(groups.items())
        }

    def as_json(self) -> dict[str, Any]:
        def pair(scores: tuple[Score, Score]) -> dict[str, Any]:
            return {"entities": scores[0].as_json(), "relations": scores[1].as_json()}

        return {
            "entities": self.entities.as_json(),
            "relations": self.relations.as_json(),
            "wrong_merges": self.merges,
            "descriptions_minted": self.descriptions,
            "listed_organisations": {
                "found": self.listed.tp,
                "missed": self.listed.fn,
                "recall": self.listed.recall,
            },
            "documents": {
                name: {
                    **pair((d.entities, d.relations)),
                    "script": d.script,
                    "genre": d.genre,
                    "wrong_merges": d.merges,
                    "descriptions_minted": d.descriptions,
                }
                for name, d in self.documents.items()
            },
            "scripts": {k: pair(v) for k, v in self.grouped("script").items()},
            "genres": {k: pair(v) for k, v in self.grouped("genre").items()},
            "entity_types": {k: v.as_json() for k, v in sorted(self.entity_types.items())},
            "relation_types": {k: v.as_json() for k, v in sorted(self.relation_types.items())},
        }


def _norm(text: str) -> str:
    return matching_form(remove_pinyin_glosses(start(text)).text)


def load_annotations(directory: Path = ANNOTATIONS_DIR) -> list[dict[str, Any]]:
    out = []
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise ValidationError(f"{path.name} is not valid JSON: {e}") from e
        if "document" not in data or "passages" not in data:
            raise ValidationError(f"{path.name} needs 'document' and 'passages'")
        out.append(data)
    return out


def script_of(annotation: dict[str, Any]) -> str:
    """The annotation's ``script``, else the one its document's file name says (``x.zh-hant.txt``)."""
    if annotation.get("script"):
        return str(annotation["script"])
    name = str(annotation["document"]).lower()
    return next((script for suffix, script in _SCRIPT_SUFFIXES if suffix in name), "unknown")


# A description begins with a determiner or a quantifier, ends in a word for a kind of business that no name
# ends in, or is made only of generic words before a generic head (标的公司, 稀土分离厂); in English a
# lower-case word outside the small words of names (of, and, de …) gives it away (GUIDELINES.md, "Descriptions
# are not entities").
_DESCRIPTION_START = re.compile(
    r"^(?:该|該|这|這|那|此|其|本|某|一家|一間|一间|一座|一個|一个|多家|各|上述|有关|有關|相关|相關|国内|國內|"
    r"我国|我國|境内|境內|首座|首家)"
    r"|^(?:the|a|an|this|that|its|their|our|such)\s",
    re.IGNORECASE,
)
_DESCRIPTION_END = re.compile(
    r"(?:矿企|礦企|厂商|廠商|开发商|開發商|生产商|生產商|供应商|供應商|制造商|製造商|勘探商|贸易商|貿易商|"
    r"磁材商|稀土商|运营商|營運商|上市公司|龙头|龍頭|民企|国企|國企|央企)$"
)
_GENERIC_ONLY = re.compile(
    r"^(?:标的|標的|目标|目標|发行|發行|勘探|矿业|礦業|分离|分離|冶炼|冶煉|合资|合資|项目|項目|上市|控股|参股|參股|"
    r"全资|全資|下属|下屬|关联|關聯|合作|稀土|磁材|磁石|回收|国有|國有|民营|民營|地方|海外|境外|外资|外資|示范|示範|"
    r"材料|新材料|金属|金屬|再生|资源|資源|投资|投資)+"
    r"(?:公司|厂|廠|工厂|工廠|企业|企業|集团|集團)$"
)
_NAME_SMALL_WORDS = frozenset({"of", "and", "de", "du", "la", "le", "for", "the", "&"})


def reads_as_description(text: str) -> bool:
    """Whether a mention, as printed, reads as a description rather than a name: 该公司, 一家澳洲矿企, 标的
    公司, 本港上市公司, "the company", "a Perth-based explorer", "refinery"."""
    compact = "".join(text.split())
    if _DESCRIPTION_START.search(text) or _DESCRIPTION_END.search(compact) or _GENERIC_ONLY.match(compact):
        return True
    if is_generic_name(matching_form(text)):
        return True
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    return any(w[0].islower() and w.lower() not in _NAME_SMALL_WORDS for w in words)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def score_document(facts: DocumentFacts, annotation: dict[str, Any], evaluation: Evaluation) -> DocumentScore:
    original = facts.normalized.original
    lines = _line_spans(original)
    entity_score, relation_score = Score(), Score()
    names_of = {
        record.key: {record.canonical, *record.names, *record.english_names} for record in facts.entities
    }
    name = annotation["document"]
    descriptions = 0
    listed, listed_names = Score(), _listed_organisation_names()
    for passage in annotation["passages"]:
        first, last = passage["lines"]
        begin, end = lines[first - 1][0], lines[min(last, len(lines)) - 1][1]
        gold = {(_norm(e["text"]), TYPE_TO_KIND.get(e["type"], e["type"])) for e in passage["entities"]}
        predicted, printed = set(), {}
        for mention in facts.mentions:
            if is_generic_name(mention.text) or mention.kind not in ANNOTATED_KINDS:
                continue  # a self-reference (集团 for the publisher) is not a name mention
            a, b = facts.normalized.original_span(mention.start, mention.end)
            if begin <= a and b <= end + 1:
                predicted.add((_norm(mention.text), mention.kind))
                printed[_norm(mention.text)] = original[a:b]
        found_organisations = {text for text, kind in predicted if kind in ORGANIZATION_KINDS}
        for text, kind in gold:
            if kind in ORGANIZATION_KINDS and text in listed_names:
                listed.tp += text in found_organisations
                listed.fn += text not in found_organisations
                if text not in found_organisations:
                    evaluation.errors.append((name, "listed-organisation-fn", text))
        for item in gold & predicted:
            entity_score.tp += 1
            evaluation.entity_types[item[1]].tp += 1
        gold_texts = {text for text, _ in gold}
        for item in predicted - gold:
            entity_score.fp += 1
            evaluation.entity_types[item[1]].fp += 1
            evaluation.errors.append((name, "entity-fp", f"{item[0]} ({item[1]})"))
            if (
                item[0] not in gold_texts
                and item[1] in _DESCRIBED_KINDS
                and reads_as_description(printed[item[0]])
            ):
                descriptions += 1
                evaluation.errors.append((name, "description-minted", f"{item[0]} ({item[1]})"))
        for item in gold - predicted:
            entity_score.fn += 1
            evaluation.entity_types[item[1]].fn += 1
            evaluation.errors.append((name, "entity-fn", f"{item[0]} ({item[1]})"))
        _score_relations(facts, passage, (begin, end), names_of, relation_score, evaluation, name)
    merges = _wrong_merges(annotation, names_of, evaluation)
    return DocumentScore(
        entity_score,
        relation_score,
        script_of(annotation),
        str(annotation.get("genre", "—")),
        merges,
        descriptions,
        listed,
    )


@cache
def _listed_organisation_names() -> frozenset[str]:
    """Every name of every organisation of the reference list, in matching form."""
    from rekg.ingest.reference import reference_entities

    return frozenset(
        _norm(name)
        for entity in reference_entities()
        if entity.kind in ORGANIZATION_KINDS
        for name in entity.names
    )


def _wrong_merges(annotation: dict[str, Any], names_of: dict[str, set[str]], evaluation: Evaluation) -> int:
    """Graph nodes of the document that carry the names of two or more gold entities."""
    gold_of: dict[str, set[str]] = defaultdict(set)  # surface form → the gold entities it names
    for passage in annotation["passages"]:
        for entity in passage["entities"]:
            gold_of[_norm(entity["text"])].add(entity["name"])
    merges = 0
    for names in names_of.values():
        held = {next(iter(gold_of[n])) for n in map(_norm, names) if len(gold_of.get(n, ())) == 1}
        if len(held) > 1:
            merges += 1
            label = min(names, key=lambda n: (len(n), n))
            evaluation.errors.append(
                (annotation["document"], "wrong-merge", f"{label}: {' + '.join(sorted(held))}")
            )
    return merges


def _score_relations(
    facts: DocumentFacts,
    passage: dict[str, Any],
    span: tuple[int, int],
    names_of: dict[str, set[str]],
    score: Score,
    evaluation: Evaluation,
    name: str,
) -> None:
    gold_names: dict[str, set[str]] = defaultdict(set)
    for entity in passage["entities"]:
        gold_names[entity["name"]].update({_norm(entity["text"]), _norm(entity["name"])})
    gold = {(r["subject"], r["predicate"], r["object"]) for r in passage["relations"]}
    predicted = set()
    for relation in facts.relations:
        if not isinstance(relation.object, str):
            continue
        sentence = facts.sentences[relation.sentence]
        a, _ = facts.normalized.original_span(sentence.start, sentence.end)
        if span[0] <= a <= span[1]:
            predicted.add((relation.subject, relation.predicate, relation.object))

    def names(key: str) -> set[str]:
        return {_norm(n) for n in names_of.get(key, set())}

    def matches(g: tuple[str, str, str], p: tuple[str, str, str]) -> bool:
        if g[1] != p[1]:
            return False
        gs = gold_names.get(g[0], {_norm(g[0])}) | {_norm(g[0])}
        go = gold_names.get(g[2], {_norm(g[2])}) | {_norm(g[2])}
        forward = bool(names(p[0]) & gs) and bool(names(p[2]) & go)
        backward = g[1] in SYMMETRIC and bool(names(p[2]) & gs) and bool(names(p[0]) & go)
        return forward or backward

    matched_predictions: set[tuple[str, str, str]] = set()
    for g in gold:
        hit = next((p for p in predicted if p not in matched_predictions and matches(g, p)), None)
        if hit is None:
            score.fn += 1
            evaluation.relation_types[g[1]].fn += 1
            evaluation.errors.append((name, "relation-fn", f"{g[0]} {g[1]} {g[2]}"))
        else:
            matched_predictions.add(hit)
            score.tp += 1
            evaluation.relation_types[g[1]].tp += 1
    for p in predicted - matched_predictions:
        if any(matches(g, p) for g in gold):
            continue  # a duplicate of a matched fact (same names, other entity): not an error
        score.fp += 1
        evaluation.relation_types[p[1]].fp += 1
        label = lambda key: min(names_of.get(key, {key}), key=len)  # noqa: E731
        evaluation.errors.append((name, "relation-fp", f"{label(p[0])} {p[1]} {label(p[2])}"))


def evaluate(
    documents: Sequence[Path] | None = None,
    *,
    use_tagger: bool = True,
    annotations_dir: Path = ANNOTATIONS_DIR,
    documents_dir: Path = DOCUMENTS_DIR,
    nlp: Any = None,
) -> Evaluation:
    """Run the pipeline over the annotated documents (in build order: each links against the names the ones
    before it taught) and score it.

    By default the development set in ``seeds/annotations`` over the bundled documents; another set (a
    held-out one) is a folder of annotations and a folder of documents (with its MANIFEST.md, if any).
    ``nlp``: a spaCy pipeline already loaded (from :func:`rekg.ingest.tagging.make_pipeline`), to share."""
    from rekg.graph.iri import IriMinter
    from rekg.ingest.extraction import Extractor
    from rekg.ingest.reading import read_document, read_manifest

    annotations = {a["document"]: a for a in load_annotations(annotations_dir)}
    if not annotations:
        raise ValidationError(f"no annotation files (*.json) in {annotations_dir}")
    manifest_path = documents_dir / "MANIFEST.md"
    manifest = read_manifest(manifest_path) if manifest_path.exists() else {}
    missing = sorted(name for name in annotations if not (documents_dir / name).is_file())
    if missing:
        raise ValidationError(f"annotated documents not found in {documents_dir}: {', '.join(missing)}")
    extractor = Extractor.create(IriMinter(), use_tagger=use_tagger, nlp=nlp)
    evaluation = Evaluation()
    paths = documents or [documents_dir / name for name in sorted(annotations)]
    for path in paths:
        annotation = annotations.get(path.name)
        if annotation is None:
            continue
        facts = extractor.extract(read_document(path, manifest=manifest))
        evaluation.documents[path.name] = score_document(facts, annotation, evaluation)
    return evaluation


@dataclass(frozen=True)
class AnnotatedSet:
    """A folder of annotations over a folder of documents. ``final``: a held-out half that is only ever
    scored, never studied error by error."""

    name: str
    annotations: Path
    documents: Path
    final: bool = False


def annotated_sets(root: Path | None = None) -> list[AnnotatedSet]:
    """Every annotated set: the bundled documents' development set, then each held-out set of a source
    checkout (``tests/data``; absent from an installed package) — tuning halves before final ones."""
    data = (root or SEEDS_DIR.parent) / "tests" / "data"
    sets = [AnnotatedSet("bundled (development)", ANNOTATIONS_DIR, DOCUMENTS_DIR)]
    candidates = [
        AnnotatedSet("heldout/tuning", data / "heldout" / "tuning", data / "heldout" / "documents"),
        AnnotatedSet("heldout/final", data / "heldout" / "final", data / "heldout" / "documents", final=True),
        AnnotatedSet(
            "heldout2", data / "heldout2" / "annotations", data / "heldout2" / "documents", final=True
        ),
        AnnotatedSet("blind/tuning", data / "blind" / "tuning", data / "blind" / "documents"),
        AnnotatedSet("blind/final", data / "blind" / "final", data / "blind" / "documents", final=True),
        AnnotatedSet("blind2/tuning", data / "blind2" / "tuning", data / "blind2" / "documents"),
        AnnotatedSet("blind3/tuning", data / "blind3" / "tuning", data / "blind3" / "documents"),
        AnnotatedSet("blind4/tuning", data / "blind4" / "tuning", data / "blind4" / "documents"),
        AnnotatedSet("blind5/final", data / "blind5" / "final", data / "blind5" / "documents", final=True),
        AnnotatedSet("blind6/tuning", data / "blind6" / "tuning", data / "blind6" / "documents"),
        AnnotatedSet("blind7/final", data / "blind7" / "final", data / "blind7" / "documents", final=True),
        AnnotatedSet("blind8/tuning", data / "blind8" / "tuning", data / "blind8" / "documents"),
        AnnotatedSet("blind9/final", data / "blind9" / "final", data / "blind9" / "documents", final=True),
        AnnotatedSet("blind10/tuning", data / "blind10" / "tuning", data / "blind10" / "documents"),
        AnnotatedSet("blind11/tuning", data / "blind11" / "tuning", data / "blind11" / "documents"),
    ]
    return sets + [s for s in candidates if s.annotations.is_dir() and s.documents.is_dir()]


def evaluate_suite(
    *, use_tagger: bool = True, sets: Sequence[AnnotatedSet] | None = None
) -> dict[str, Evaluation]:
    """Every annotated set scored, each with a registry of its own (no set learns names from another); the
    spaCy pipeline is loaded once and shared."""
    from rekg.ingest.tagging import make_pipeline

    nlp = make_pipeline(use_tagger=use_tagger)
    return {
        s.name: evaluate(
            annotations_dir=s.annotations, documents_dir=s.documents, use_tagger=use_tagger, nlp=nlp
        )
        for s in (sets if sets is not None else annotated_sets())
    }
