"""Build the operation one entry and phase measures: the data, the model, one pass over the items.

scikit-learn, torch and transformers are imported here, inside the functions that need them. The
scikit-learn pipelines are those of ``recommender.baselines`` (the ones ``frugal trial`` runs).
Transformers are built from their published ``config.json`` with random weights; inputs are
random token ids of the workload's lengths.
"""

from __future__ import annotations

import importlib.util
import json
import time
from dataclasses import dataclass
from typing import Callable

from .suites import CATALOG_DATA_KIND, Entry

SEED = 0
VOCABULARY = 5000
"""Distinct words in generated text."""
NEEDS = {"sklearn": ("sklearn",), "crf": ("sklearn_crfsuite",), "extractive": ("sklearn",), "transformer": ("torch", "transformers"), "vision": ("torch",), "spin": ()}


@dataclass(frozen=True)
class Operation:
    """One pass of the measured work: ``run()`` processes ``items`` items once."""

    run: Callable[[], object]
    items: int
    data: str
    """What the items are, in words."""
    weights: str
    """``random (published config <file>)``, ``fitted on the data`` or ``none``."""
    batch_size: int | None = None
    tokens_in: int | None = None
    tokens_out: int | None = None
    epochs: float | None = None


def missing_packages(entry: Entry) -> list[str]:
    """The packages this entry needs that are not installed."""
    return [p for p in NEEDS[entry.kind] if importlib.util.find_spec(p) is None]


def set_threads(threads: int) -> Callable[[], None]:
    """Fix the thread count of BLAS/OpenMP pools and torch; returns a function undoing it."""
    undo: list[Callable[[], None]] = []
    if importlib.util.find_spec("threadpoolctl"):
        from threadpoolctl import threadpool_limits

        limits = threadpool_limits(threads)
        undo.append(limits.restore_original_limits)
    if importlib.util.find_spec("torch"):
        import torch

        before = torch.get_num_threads()
        torch.set_num_threads(threads)
        undo.append(lambda: torch.set_num_threads(before))

    def restore() -> None:
        for f in undo:
            f()
    return restore


def build(entry: Entry, phase: str, threads: int) -> Operation:
    """The operation measuring ``entry`` in ``phase`` (``fit`` or ``inference``)."""
    if entry.kind == "spin":
        return _spin(entry)
    if entry.kind == "transformer":
        return _transformer(entry, phase)
    if entry.kind == "vision":
        return _vision(entry, phase)
    if entry.kind == "crf":
        return _crf(entry, phase)
    if entry.kind == "extractive":
        return _extractive(entry)
    return _sklearn(entry, phase, threads)


# -- spin: a busy loop, for tests and meter calibration

def _spin(entry: Entry) -> Operation:
    w = entry.workload
    seconds = w.items * (w.item_ms or 1.0) / 1000

    def run() -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            pass
    return Operation(run, w.items, f"busy loop, {w.item_ms or 1.0:g} ms per item", "none")


# -- scikit-learn

def generated_text(n: int, tokens: int, seed: int = SEED) -> tuple[list[str], list[int]]:
    """``n`` documents of ``tokens`` words drawn from two overlapping Zipf-like vocabularies."""
    import numpy as np

    rng = np.random.default_rng(seed)
    words = np.array([f"w{i}" for i in range(VOCABULARY)])
    ranks = np.arange(1, VOCABULARY + 1)
    base = 1 / ranks
    labels = rng.integers(0, 2, n)
    shifted = np.roll(base, 50)
    probs = [base / base.sum(), shifted / shifted.sum()]
    docs = [" ".join(rng.choice(words, tokens, p=probs[y])) for y in labels]
    return docs, labels.tolist()


ENTITY_WORDS = 200
"""Distinct words that open or continue an entity in generated tagged text."""


def generated_tagged_text(n: int, tokens: int, seed: int = SEED) -> tuple[list[list[str]], list[list[str]]]:
    """``n`` sentences of ``tokens`` words and their tags: entities (B-ENT then I-ENT) of one to three
    words drawn from ``ENTITY_WORDS`` words, each word opening one with probability 0.1, the rest O."""
    import numpy as np

    rng = np.random.default_rng(seed)
    common = np.array([f"w{i}" for i in range(VOCABULARY)])
    entity = np.array([f"Gene{i}" for i in range(ENTITY_WORDS)])
    sentences, tags = [], []
    for _ in range(n):
        words, labels = [], []
        while len(words) < tokens:
            if rng.random() < 0.1:
                span = int(rng.integers(1, 4))
                words += [str(word) for word in rng.choice(entity, span)]
                labels += ["B-ENT"] + ["I-ENT"] * (span - 1)
            else:
                words.append(str(rng.choice(common)))
                labels.append("O")
        sentences.append(words[:tokens])
        tags.append(labels[:tokens])
    return sentences, tags


def _crf(entry: Entry, phase: str) -> Operation:
    """The CRF tagger (``baselines.crf_tagger``) fitted on generated tagged sentences, or tagging them."""
    from ..baselines import crf_tagger, sentence_features

    w = entry.workload
    tokens, train_n = w.tokens_in or 300, w.train_items or 500
    train_words, train_tags = generated_tagged_text(train_n, tokens, SEED)
    use_words, _ = generated_tagged_text(w.items, tokens, SEED + 1)
    x_train = [sentence_features(s) for s in train_words]
    x_use = [sentence_features(s) for s in use_words]
    data = f"generated tagged text, {tokens} words per sentence, tags B-ENT/I-ENT/O"

    def fit():
        return crf_tagger().fit(x_train, train_tags)

    if phase == "fit":
        return Operation(fit, train_n, data, "fitted on the data", tokens_in=tokens, epochs=1)
    model = fit()
    return Operation(lambda: model.predict(x_use), w.items, data, "fitted on the data", batch_size=w.items,
                     tokens_in=tokens)


SENTENCE_WORDS = 20
"""Words per sentence of a generated document."""


def _extractive(entry: Entry) -> Operation:
    """The TF-IDF centrality summarizer (``baselines.extract_summary``) over generated documents."""
    from ..baselines import SUMMARY_SENTENCES, extract_summary

    w = entry.workload
    tokens = w.tokens_in or 1000
    documents, _ = generated_text(w.items, tokens, SEED)
    split = [[" ".join(words[i:i + SENTENCE_WORDS]) for i in range(0, len(words), SENTENCE_WORDS)]
             for words in (d.split() for d in documents)]
    data = f"generated documents, {tokens} words in sentences of {SENTENCE_WORDS}, {SUMMARY_SENTENCES} kept"
    return Operation(lambda: [extract_summary(s) for s in split], w.items, data, "none (not trained)",
                     batch_size=1, tokens_in=tokens)


BENCH_CLUSTERS = 2
"""k of the bench's k-means (and PCA + k-means): the breast cancer data set has two classes."""


def sklearn_pipeline(entry: Entry, threads: int):
    """The pipeline ``recommender.baselines`` builds for the entry's catalog id, kind of data and
    task (the one ``frugal trial`` runs); random forests use ``threads`` processes."""
    from ..baselines import pipeline

    w = entry.workload
    rows = (w.train_items or 2000) if w.data == "generated-text" else None
    return pipeline(entry.model, CATALOG_DATA_KIND[w.data], entry.task, clusters=BENCH_CLUSTERS, rows=rows,
                    n_jobs=threads)


def _breast_cancer(train_n: int | None, items: int):
    """Training rows, their labels and ``items`` rows to predict, as pandas (the data set tiled
    when more rows are asked than its 569), and whether it was tiled."""
    import numpy as np
    from sklearn.datasets import load_breast_cancer

    x, y = load_breast_cancer(return_X_y=True, as_frame=True)
    train_n = train_n or len(x)
    reps = -(-max(train_n, items) // len(x))
    rows = np.tile(np.arange(len(x)), reps)
    x_all, y_all = x.iloc[rows].reset_index(drop=True), y.iloc[rows].reset_index(drop=True)
    return x_all.iloc[:train_n], y_all.iloc[:train_n], x_all.iloc[:items], reps > 1


def _sklearn(entry: Entry, phase: str, threads: int) -> Operation:
    w = entry.workload
    if w.data == "generated-text":
        train_n = w.train_items or 2000
        x_train, y_train = generated_text(train_n, w.tokens_in or 300, SEED)
        x_use, _ = generated_text(w.items, w.tokens_in or 300, SEED + 1)
        data = f"generated text, {w.tokens_in or 300} words per document, 2 classes"
    else:
        x_train, y_train, x_use, tiled = _breast_cancer(w.train_items, w.items)
        train_n = len(x_train)
        data = "scikit-learn breast cancer (569 rows × 30 features" + (", tiled)" if tiled else ")")
    unsupervised = entry.task in ("clustering", "dimensionality-reduction")

    def fit():
        model = sklearn_pipeline(entry, threads)
        return model.fit(x_train) if unsupervised else model.fit(x_train, y_train)

    if phase == "fit":
        return Operation(fit, train_n, data, "fitted on the data", tokens_in=w.tokens_in, epochs=1)
    model = fit()
    use = model.transform if entry.task == "dimensionality-reduction" else model.predict
    return Operation(lambda: use(x_use), w.items, data, "fitted on the data", batch_size=w.items,
                     tokens_in=w.tokens_in)


# -- transformers with random weights

def load_config(entry: Entry):
    from transformers import AutoConfig

    raw = json.loads(entry.config.read_text(encoding="utf-8"))
    model_type = raw.pop("model_type")
    for key in ("architectures", "transformers_version", "torch_dtype", "dtype", "_name_or_path"):
        raw.pop(key, None)
    return AutoConfig.for_model(model_type, **raw)


def _transformer(entry: Entry, phase: str) -> Operation:
    import torch
    from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification, AutoModelForTokenClassification

    if phase != "inference":
        raise NotImplementedError("transformer fine-tuning is not measured yet")
    w = entry.workload
    config = load_config(entry)
    torch.manual_seed(SEED)
    generative = getattr(config, "is_decoder", False) or config.model_type in ("llama", "mistral", "qwen2", "gpt2")
    batch = w.batch_size or 1
    tokens_in = w.tokens_in or 128
    ids = torch.randint(0, config.vocab_size, (batch, tokens_in))
    mask = torch.ones_like(ids)
    reps = -(-w.items // batch)
    if generative:
        tokens_out = w.tokens_out or 1
        model = AutoModelForCausalLM.from_config(config).eval()

        def run():
            with torch.inference_mode():
                for _ in range(reps):
                    model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=tokens_out,
                                   min_new_tokens=tokens_out, do_sample=False, pad_token_id=0)
    else:
        tokens_out = None
        head = AutoModelForTokenClassification if entry.task == "ner" else AutoModelForSequenceClassification
        config.num_labels = 2
        model = head.from_config(config).eval()

        def run():
            with torch.inference_mode():
                for _ in range(reps):
                    model(input_ids=ids, attention_mask=mask)
    params = sum(p.numel() for p in model.parameters())
    data = (f"synthetic token ids, {tokens_in} in" + (f" / {tokens_out} out" if tokens_out else "")
            + f" per item, batch {batch}; {params / 1e6:.0f} M parameters, fp32")
    return Operation(run, reps * batch, data, f"random (published config {entry.config.name})",
                     batch_size=batch, tokens_in=tokens_in, tokens_out=tokens_out)


# -- image networks in plain PyTorch with random weights (``measure.vision``)

def _vision(entry: Entry, phase: str) -> Operation:
    """Inference: ``items`` synthetic images in batches; fit: one training epoch (SGD) over
    ``train_items`` synthetic images in batches."""
    import torch

    from .vision import VISION_MODELS, build_network, parameter_count, synthetic_batch, training_step

    if entry.model not in VISION_MODELS:
        raise ValueError(f"no vision network for '{entry.model}'; accepted: {', '.join(VISION_MODELS)}")
    w = entry.workload
    network = build_network(entry.model, SEED)
    batch = w.batch_size or 8
    images, targets = synthetic_batch(network, batch, SEED)
    side = network.resolution
    params = parameter_count(network.module)
    data = (f"synthetic images {side}x{side}x{network.channels}, batch {batch}; {params:,} parameters, fp32; "
            "weights random (architecture only)")
    weights = "random (architecture in recommender/measure/vision.py)"
    if phase == "fit":
        reps = -(-(w.train_items or batch) // batch)
        optimizer = torch.optim.SGD(network.module.parameters(), lr=1e-3, momentum=0.9)

        def train():
            network.module.train()
            for _ in range(reps):
                training_step(network, optimizer, images, targets)
        return Operation(train, reps * batch, data + ", one training epoch", weights, batch_size=batch, epochs=1)
    reps = -(-w.items // batch)
    network.module.eval()

    def run():
        with torch.inference_mode():
            for _ in range(reps):
                network.module(images)
    return Operation(run, reps * batch, data, weights, batch_size=batch)
