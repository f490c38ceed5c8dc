"""Check a folder of annotated documents against ``seeds/annotations/GUIDELINES.md``.

    python tools/check_annotations.py tests/data/blind/documents tests/data/blind/tuning tests/data/blind/final

The first argument is the folder of documents, the others are folders of annotation files. Prints every
problem (one per line) and exits 1 if there is any. It reads only the texts and the annotations: it never
runs or imports the pipeline, so the people who annotate blind sets can use it.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

TYPES = {
    "EnterpriseGroup",
    "Company",
    "GovernmentBody",
    "ResearchInstitution",
    "University",
    "Association",
    "Organization",
    "Mine",
    "Facility",
    "Project",
    "Policy",
    "Place",
    "Person",
}
PREDICATES = {
    "subsidiaryOf",
    "shareholderOf",
    "foundedBy",
    "partnerOf",
    "operates",
    "leads",
    "participatesIn",
    "projectSite",
    "locatedIn",
    "issuedBy",
    "cites",
    "holdsPostIn",
}
SCRIPTS = {"zh-Hans", "zh-Hant", "en"}
GENRES = {"announcement", "notice", "wire", "release", "feature", "report"}
SUFFIX_SCRIPT = {".zh.txt": "zh-Hans", ".zh-hant.txt": "zh-Hant", ".en.txt": "en"}
HAN = re.compile(r"[\u3400-\u9fff]")


def _to_simplified():
    try:
        from opencc import OpenCC
    except ImportError:  # the check still runs, without the traditional-character test
        return None
    return OpenCC("t2s").convert


def check_file(path: Path, documents: Path, t2s, types_of: dict[str, set[str]]) -> list[str]:
    problems: list[str] = []

    def problem(message: str) -> None:
        problems.append(f"{path.name}: {message}")

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        return [f"{path.name}: not readable JSON ({e})"]
    document = documents / str(data.get("document", ""))
    if not document.is_file():
        return [f"{path.name}: document {data.get('document')!r} not found in {documents}"]
    if path.stem + ".txt" != document.name:
        problem("the annotation file must be named after the document (<document without .txt>.json)")
    lines = document.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    script = data.get("script")
    if script not in SCRIPTS:
        problem(f"script {script!r} is not one of {sorted(SCRIPTS)}")
    expected = next((s for suffix, s in SUFFIX_SCRIPT.items() if document.name.endswith(suffix)), None)
    if expected and script != expected:
        problem(f"script {script!r} does not agree with the file name ({expected})")
    if data.get("genre") not in GENRES:
        problem(f"genre {data.get('genre')!r} is not one of {sorted(GENRES)}")
    text = "\n".join(lines)
    size = len(text.split()) if script == "en" else len(re.sub(r"\s", "", text))
    low, high = (150, 1000) if script == "en" else (300, 3000)  # a news story to a short report
    if not low <= size <= high:
        unit = "words" if script == "en" else "characters"
        problem(f"{size} {unit}, outside {low}–{high}")
    covered: list[int] = []
    for number, passage in enumerate(data.get("passages", []), 1):
        where = f"passage {number}"
        first, last = passage.get("lines", [0, 0])
        if not 1 <= first <= last <= len(lines):
            problem(f"{where}: lines {first}–{last} outside 1–{len(lines)}")
            continue
        covered.extend(range(first, last + 1))
        body = "\n".join(lines[first - 1 : last])
        names: dict[str, str] = {}
        seen_texts: set[str] = set()
        for entity in passage.get("entities", []):
            surface, name, kind = entity.get("text", ""), entity.get("name", ""), entity.get("type")
            if kind not in TYPES:
                problem(f"{where}: {surface!r} has type {kind!r}")
            if surface in seen_texts:
                problem(f"{where}: {surface!r} is listed twice")
            seen_texts.add(surface)
            if not surface or surface not in body:
                problem(f"{where}: {surface!r} does not occur in lines {first}–{last}")
            if names.get(name, kind) != kind:
                problem(f"{where}: {name!r} has two types")
            names[name] = kind
            types_of[name].add(kind)
            if t2s and HAN.search(name) and t2s(name) != name:
                problem(f"{where}: name {name!r} is not in simplified characters ({t2s(name)})")
            if any(c in name for c in "（）"):
                problem(f"{where}: name {name!r} must use half-width brackets")
        seen_relations: set[tuple[str, str, str]] = set()
        for relation in passage.get("relations", []):
            triple = (relation.get("subject"), relation.get("predicate"), relation.get("object"))
            if triple[1] not in PREDICATES:
                problem(f"{where}: predicate {triple[1]!r}")
            for end in (triple[0], triple[2]):
                if end not in names:
                    problem(f"{where}: relation {triple} names {end!r}, which is no entity of the passage")
            if triple in seen_relations:
                problem(f"{where}: relation {triple} is listed twice")
            seen_relations.add(triple)
            line = relation.get("line")
            if not isinstance(line, int) or not first <= line <= last:
                problem(f"{where}: relation {triple} has line {line!r} outside {first}–{last}")
    missing = sorted(set(range(1, len(lines) + 1)) - set(covered))
    if missing:
        problem(f"lines not in any passage: {missing[:10]}")
    if len(covered) != len(set(covered)):
        problem("passages overlap")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    documents = Path(argv[0])
    t2s = _to_simplified()
    types_of: dict[str, set[str]] = defaultdict(set)
    problems: list[str] = []
    files = 0
    for folder in map(Path, argv[1:]):
        for path in sorted(folder.glob("*.json")):
            files += 1
            problems += check_file(path, documents, t2s, types_of)
    problems += [
        f"{name!r} has several types across files: {sorted(kinds)}"
        for name, kinds in types_of.items()
        if len(kinds) > 1
    ]
    for line in problems:
        print(line)
    print(f"{files} annotation files, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
