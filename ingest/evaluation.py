"""``rekg evaluate``: precision, recall and F1 of the pipeline against the hand-annotated development set.

The annotations (``seeds/annotations/*.json``, see GUIDELINES.md there) are exhaustive inside their
passages, so predictions are judged only inside passages. Entities are compared as distinct (name, type)
pairs per passage, names in matching form; relations as (subject, predicate, object) where an entity
matches when one of its names is one of the gold entity's names in the passage.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rekg.errors import ValidationError
from rekg.ingest.lexicon import is_generic_name, matching_form
from rekg.ingest.model import DocumentFacts
from rekg.ingest.normalize import remove_pinyin_glosses, start
from rekg.ontology import ENTITY_CLASSES
from rekg.seeds import ANNOTATIONS_DIR, DOCUMENTS_DIR

TYPE_TO_KIND = {str(cls).rsplit("#", 1)[-1]: kind for cls, kind in ENTITY_CLASSES.items()}
SYMMETRIC = {"partnerOf"}
#: The kinds the development set annotates (seeds/annotations/GUIDELINES.md): all but agreements, which are
#: read as facts between their parties rather than as names.
ANNOTATED_KINDS = frozenset(TYPE_TO_KIND.values()) - {"agreement"}


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
class Evaluation:
    documents: dict[str, tuple[Score, Score]] = field(default_factory=dict)  # name → (entities, relations)
    entity_types: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relation_types: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (document, kind of error, item)

    def _total(self, part: int) -> Score:
        total = Score()
        for scores in self.documents.values():
            total.add(scores[part])
        return total

    @property
    def entities(self) -> Score:
        return self._total(0)

    @property
    def relations(self) -> Score:
        return self._total(1)

    def as_json(self) -> dict[str, Any]:
        return {
            "entities": self.entities.as_json(),
            "relations": self.relations.as_json(),
            "documents": {
                n: {"entities": e.as_json(), "relations": r.as_json()} for n, (e, r) in self.documents.items()
            },
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


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def score_document(
    facts: DocumentFacts, annotation: dict[str, Any], evaluation: Evaluation
) -> tuple[Score, Score]:
    original = facts.normalized.original
    lines = _line_spans(original)
    entity_score, relation_score = Score(), Score()
    names_of = {
        record.key: {record.canonical, *record.names, *record.english_names} for record in facts.entities
    }
    name = annotation["document"]
    for passage in annotation["passages"]:
        first, last = passage["lines"]
        begin, end = lines[first - 1][0], lines[min(last, len(lines)) - 1][1]
        gold = {(_norm(e["text"]), TYPE_TO_KIND.get(e["type"], e["type"])) for e in passage["entities"]}
        predicted = set()
        for mention in facts.mentions:
            if is_generic_name(mention.text) or mention.kind not in ANNOTATED_KINDS:
                continue  # a self-reference (集团 for the publisher) is not a name mention
            a, b = facts.normalized.original_span(mention.start, mention.end)
            if begin <= a and b <= end + 1:
                predicted.add((_norm(mention.text), mention.kind))
        for item in gold & predicted:
            entity_score.tp += 1
            evaluation.entity_types[item[1]].tp += 1
        for item in predicted - gold:
            entity_score.fp += 1
            evaluation.entity_types[item[1]].fp += 1
            evaluation.errors.append((name, "entity-fp", f"{item[0]} ({item[1]})"))
        for item in gold - predicted:
            entity_score.fn += 1
            evaluation.entity_types[item[1]].fn += 1
            evaluation.errors.append((name, "entity-fn", f"{item[0]} ({item[1]})"))
        _score_relations(facts, passage, (begin, end), names_of, relation_score, evaluation, name)
    return entity_score, relation_score


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
) -> Evaluation:
    """Run the pipeline over the annotated documents (in build order) and score it.

    By default the development set in ``seeds/annotations`` over the bundled documents; another set (a
    held-out one) is a folder of annotations and a folder of documents with its MANIFEST.md.
    """
    from rekg.graph.iri import IriMinter
    from rekg.ingest.pipeline import Extractor, prime
    from rekg.ingest.reading import read_document, read_manifest

    annotations = {a["document"]: a for a in load_annotations(annotations_dir)}
    if not annotations:
        raise ValidationError(f"no annotation files (*.json) in {annotations_dir}")
    manifest_path = documents_dir / "MANIFEST.md"
    manifest = read_manifest(manifest_path) if manifest_path.exists() else {}
    missing = sorted(name for name in annotations if not (documents_dir / name).is_file())
    if missing:
        raise ValidationError(f"annotated documents not found in {documents_dir}: {', '.join(missing)}")
    extractor = Extractor.create(IriMinter(), use_tagger=use_tagger)
    evaluation = Evaluation()
    paths = documents or [documents_dir / name for name in sorted(annotations)]
    prime(extractor, paths, manifest)
    for path in paths:
        annotation = annotations.get(path.name)
        if annotation is None:
            continue
        facts = extractor.extract(read_document(path, manifest=manifest))
        evaluation.documents[path.name] = score_document(facts, annotation, evaluation)
    return evaluation


def print_evaluation(evaluation: Evaluation, console: Any) -> None:
    from rich.table import Table

    def row(table: Table, label: str, *scores: Score) -> None:
        cells = []
        for s in scores:
            cells += [f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp + s.fn)]
        table.add_row(label, *cells)

    table = Table(
        "document",
        "ent P",
        "ent R",
        "ent F1",
        "gold",
        "rel P",
        "rel R",
        "rel F1",
        "gold",
        title="per document",
    )
    for name, (entities, relations) in evaluation.documents.items():
        row(table, name, entities, relations)
    row(table, "[bold]all[/]", evaluation.entities, evaluation.relations)
    console.print(table)
    for title, scores in (
        ("per entity type", evaluation.entity_types),
        ("per relation type", evaluation.relation_types),
    ):
        table = Table("type", "P", "R", "F1", "gold", title=title)
        for kind, score in sorted(scores.items(), key=lambda kv: -(kv[1].tp + kv[1].fn)):
            row(table, kind, score)
        console.print(table)


def print_errors(evaluation: Evaluation, console: Any) -> None:
    """Every error, by document: missed (fn) and spurious (fp) entities and relations."""
    from rich.markup import escape

    for document, kind, item in sorted(evaluation.errors):
        console.print(f"{escape(document)}\t{kind}\t{escape(item)}", highlight=False)
