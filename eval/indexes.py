"""The two indexes the question sets are asked against, and the one embedding cache they share.

    python -m eval.indexes test          # build (or bring up to date) the test index, with progress

- **dev index** (``.index/eval``): ``data/reports`` and ``data/national``, each with its manifest, and
  the policy documents of ``DEV_POLICY_FILES`` **without** a manifest (the own-documents dev set
  ``eval/sets/dev_own_docs.jsonl`` is asked about them; none is a gold source of a test question).
- **test index** (``.index/eval-test``): the dev corpora plus ``eval/corpora/national``, ``hailar``,
  ``jiangxi_bulletins``, ``provincial/2025``, ``provincial/2026`` (each with its manifest) and
  ``eval/corpora/policy`` **without** a manifest (its manifest is gold, see eval/QUESTIONS.md).

Embedding the test corpora takes the better part of an hour on two cores, so every index (and every
git worktree of the project) reads and writes one SQLite embedding cache: ``$ASSISTANT_EMBEDDING_CACHE``
if set, else ``.index/embeddings-cache.sqlite`` of the main checkout (found through ``.git`` when
this checkout is a worktree).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.api import Assistant
from assistant.core.settings import PROJECT_ROOT, Settings
from assistant.core.datatypes import IngestReport

logger = logging.getLogger(__name__)

DATA = PROJECT_ROOT / "data"
CORPORA = PROJECT_ROOT / "eval" / "corpora"


@dataclass(frozen=True)
class IndexSpec:
    name: str  # "dev" or "test"
    directory: str  # under PROJECT_ROOT/.index
    with_manifest: tuple[Path, ...]  # folders ingested with their manifest.csv
    without_manifest: tuple[Path, ...] = ()  # folders ingested with inferred metadata only
    files_without_manifest: tuple[Path, ...] = ()  # single files ingested with inferred metadata only


# The policy documents the dev index holds (without their manifest), for eval/sets/dev_own_docs.jsonl:
# notices, measures and plans of eval/corpora/policy that no test question has as a gold source.
DEV_POLICY_FILES = (
    "national_004_2024-09-01.txt", "national_017_2023-12-19.txt", "national_019_2023-10-13.txt",
    "national_041_2022-09-27.txt", "national_042_2022-09-23.txt", "national_060_2022-03-30.txt",
    "national_070_2021-07-30.txt", "national_079_2020-12-24.txt", "national_085_2020-09-16.txt",
    "national_096_2019-11-08.txt", "national_134_2018-04-11.txt", "national_161_2013-08-21.txt",
    "province_014_2020-06-02.txt", "province_015_2020-12-04.txt", "province_024_2021-12-31.txt",
    "province_027_2021-08-29.txt", "province_038_2022-08-18.txt", "province_039_2023-01-05.txt",
    "province_042_2023-02-22.txt", "province_043_2023-12-26.txt",
)
DEV = IndexSpec(
    "dev", "eval", (DATA / "reports", DATA / "national"),
    files_without_manifest=tuple(CORPORA / "policy" / name for name in DEV_POLICY_FILES),
)
TEST = IndexSpec(
    "test",
    "eval-test",
    (
        *DEV.with_manifest,
        CORPORA / "national",
        CORPORA / "hailar",
        CORPORA / "jiangxi_bulletins",
        CORPORA / "provincial" / "2025",
        CORPORA / "provincial" / "2026",
    ),
    (CORPORA / "policy",),
)
SPECS: dict[str, IndexSpec] = {"dev": DEV, "test": TEST}


def set_index(set_name: str) -> IndexSpec:
    """The index a set file is asked against: ``test_*`` files the test index, the rest the dev index."""
    return TEST if set_name.startswith("test") else DEV


def main_checkout(root: Path = PROJECT_ROOT) -> Path:
    """The main checkout of the repository ``root`` belongs to (``root`` itself unless it is a worktree)."""
    marker = root / ".git"
    if marker.is_file():
        text = marker.read_text(encoding="utf-8").strip()
        if text.startswith("gitdir:"):
            gitdir = Path(text.split(":", 1)[1].strip())
            if not gitdir.is_absolute():
                gitdir = (root / gitdir).resolve()
            parts = gitdir.parts
            if ".git" in parts:
                return Path(*parts[: parts.index(".git")])
    return root


def shared_cache_path(env: Mapping[str, str] | None = None, root: Path = PROJECT_ROOT) -> Path:
    env = os.environ if env is None else env
    if env.get("ASSISTANT_EMBEDDING_CACHE"):
        return Path(env["ASSISTANT_EMBEDDING_CACHE"]).expanduser()
    return main_checkout(root) / ".index" / "embeddings-cache.sqlite"


def index_settings(spec: IndexSpec, settings: Settings, base_dir: Path | None = None) -> Settings:
    """``settings`` pointed at the spec's index directory and the shared embedding cache."""
    base_dir = base_dir or PROJECT_ROOT / ".index"
    cache = settings.embedding_cache or str(shared_cache_path())
    return replace(settings, index_dir=base_dir / spec.directory, upload_dir=base_dir / spec.directory / "uploads",
                   embedding_cache=cache)


def build(spec: IndexSpec, settings: Settings, progress=None) -> tuple[Assistant, list[IngestReport]]:
    """The assistant over ``spec``'s corpora, indexing whatever is missing or changed (the product's ingest)."""
    bot = Assistant(settings=settings)
    reports = []
    with_manifest = [p for p in spec.with_manifest if p.is_dir()]
    if with_manifest:
        reports.append(bot.ingest(with_manifest, progress=progress))
    for folder in spec.without_manifest:
        if folder.is_dir():
            reports.append(bot.ingest([folder], progress=progress))
    files = [p for p in spec.files_without_manifest if p.is_file()]
    if files:
        reports.append(bot.ingest(files, progress=progress))
    for report in reports:
        logger.info("%s index: %s", spec.name, report.summary())
    return bot, reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.indexes", description="Build the dev or test index.")
    parser.add_argument("names", nargs="*", default=["dev", "test"], choices=sorted(SPECS))
    parser.add_argument("--recipe", action="store_true", help="also build the LangChain recipe's Chroma store (eval.baselines)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in args.names:
        spec = SPECS[name]
        settings = index_settings(spec, replace(Settings.load(), llm_base_url="", llm_model=""))
        started = time.perf_counter()
        last = [0.0]

        def progress(done: int, total: int, label: str) -> None:
            now = time.perf_counter()
            if now - last[0] > 30 or done == total:
                last[0] = now
                sys.stderr.write(f"{name}: {done}/{total} passages ({label}) {now - started:.0f}s\n")
                sys.stderr.flush()

        bot, reports = build(spec, settings, progress)
        for report in reports:
            print(f"{name}: {report.summary()}")
        if args.recipe:
            from eval.baselines import recipe_corpus

            recipe_corpus(bot, Path(settings.index_dir))
        print(f"{name} index in {settings.index_dir}, cache {settings.embedding_cache}: {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
