"""A scripted, deterministic chat model on loopback, to measure the LLM reader's verification.

``fake-parrot`` is not a language model. It is an OpenAI-compatible server
(:class:`eval.openai_loopback.LoopbackOpenAIServer`, the same protocol code as the tests' scripted
server: JSON and streamed replies) whose "model" copies text out of the prompt it is sent. It knows
the product's prompts (``prompts/answer_*.txt``, ``answer_passages_*.txt``, ``ledger_*.txt`` and the
retry, ``retry_*.txt``), reads the numbered passages ``[1] … [n]`` and the question from them, and
answers in the prompt's language:

- a figure question (``answer``): one sentence copying the clause, among the passages' clauses that
  hold a figure, that shares the most words with the question (the first such clause on a tie), cited
  ``[n]``;
- a what / how question (``answer_passages``): a heading line, then up to three sentences copied from
  the passages (those sharing the most words with the question), each cited ``[n]``;
- a target against a result (``ledger``): the clause holding a figure of ``[1]`` and of ``[2]``;
- when no clause or sentence shares a word with the question: the prompt's own "not mentioned" reply.

Words of the question: jieba's dictionary words of two or more characters that are not question or
stop words (``data/question_words.toml``), the indicators it names (with their Chinese names and
aliases) and, for an English question, the glossary's Chinese terms and its Latin words.

**Deliberately unfaithful answers.** The first answer to every question whose SHA-256 (of the
question text as the prompt gives it) has a first byte divisible by :data:`EVERY` (so about one
question in four, always the same ones) is made wrong on purpose: when the answer states a figure
and the second byte of the hash is even, its first figure gets another last digit (6% -> 7%), one
that no passage of the prompt states; otherwise its first citation becomes ``[n+1]``, a passage
that was not given. The retry prompt (the product's second try, after verification failed) always
gets the faithful answer. The server counts what it sent (:meth:`FakeLLM.sent`), so the eval can
compare what was made wrong with what the product's verification caught.

    with FakeLLM() as model:                       # python -m eval --llm-fake does this
        settings = replace(settings, llm_base_url=model.base_url, llm_model=MODEL, llm_api_key="fake")
        ...
        model.sent()                               # ModelCounts: requests, retries, made wrong, ...
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, fields
from functools import lru_cache

from assistant.core.settings import PROJECT_ROOT
from assistant.knowledge.clauses import split_clauses, split_sentences
from assistant.knowledge.figures import Figure, extract_figures, figures_equal
from assistant.knowledge.glossary import english_terms
from assistant.knowledge.lexicon import find_indicators
from assistant.knowledge.question_words import question_words
from assistant.knowledge.words import word_boundaries
from eval.openai_loopback import LoopbackOpenAIServer, RecordedRequest, Reply

MODEL = "fake-parrot"
EVERY = 4  # one question in EVERY (by its hash) gets a deliberately unfaithful first answer
PROMPTS = ("answer", "answer_passages", "ledger")
PROMPTS_DIR = PROJECT_ROOT / "prompts"
MAX_POINTS = 3

__all__ = ["EVERY", "MODEL", "FakeLLM", "ModelCounts", "Prompt", "answer", "read_prompt", "unfaithful"]

_CITATION = re.compile(r"\[(\d+)\]")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_NOT_MENTIONED = (re.compile(r"只回答：([^。\n]+。)"), re.compile(r"answer only: ([^.\n]+\.)"))


# -- the prompts it knows --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Template:
    prompt: str  # "answer", "answer_passages", "ledger"
    language: str  # "zh" or "en"
    system: re.Pattern[str]  # the system message, {count} a number
    before_passages: str
    between: str  # the user message between {passages} and {question}
    not_mentioned: str  # the reply the prompt asks for when the passages do not answer ("" for the ledger)


def _read(name: str) -> str:
    return (PROMPTS_DIR / f"{name}.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _templates() -> tuple[_Template, ...]:
    found = []
    for prompt in PROMPTS:
        for language in ("zh", "en"):
            system, user = _read(f"{prompt}_{language}").split("[user]", 1)
            system = system.replace("[system]", "", 1).strip()
            user = user.strip()
            before, rest = user.split("{passages}", 1)
            between, _ = rest.split("{question}", 1)
            pattern = re.compile(re.escape(system).replace(re.escape("{count}"), r"(\d+)"))
            reply = next((m.group(1) for p in _NOT_MENTIONED for m in [p.search(system)] if m), "")
            found.append(_Template(prompt, language, pattern, before, between, reply))
    return tuple(found)


@dataclass(frozen=True)
class Prompt:
    """What the model was asked, read back from the messages the product sent."""

    prompt: str  # "answer", "answer_passages" or "ledger"
    language: str
    question: str
    passages: tuple[str, ...]  # the texts of [1] … [n], without their "来源" / "Source" line
    heads: tuple[str, ...]  # those lines: the region, year and title of each passage
    retry: bool  # the product's second try (the conversation holds the first answer and its problems)
    not_mentioned: str


def read_prompt(messages: list[dict]) -> Prompt | None:
    """The product's prompt in ``messages`` (OpenAI chat messages); None for any other prompt."""
    system = next((str(m.get("content", "")) for m in messages if m.get("role") == "system"), "")
    user = next((str(m.get("content", "")) for m in messages if m.get("role") == "user"), "")
    retry = any(m.get("role") == "assistant" for m in messages)
    for template in _templates():
        match = template.system.fullmatch(system.strip())
        if not match or not user.startswith(template.before_passages) or template.between not in user:
            continue
        block, question = user[len(template.before_passages):].rsplit(template.between, 1)
        count = int(match.group(1)) if match.groups() else 0
        heads, texts = _passages(block, count)
        return Prompt(template.prompt, template.language, question.strip(), texts, heads, retry, template.not_mentioned)
    return None


def _passages(block: str, count: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The head lines and texts of the numbered passages (the product's format: ``[1] head``, a line
    break, the text, a blank line, ``[2] head`` …)."""
    starts = []
    position = 0
    for number in range(1, count + 1):
        marker = f"[{number}] " if number == 1 else f"\n\n[{number}] "
        found = block.find(marker, position)
        if found < 0:
            break
        starts.append(found)
        position = found + len(marker)
    heads, texts = [], []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(block)
        head, _, text = block[start:end].strip().partition("\n")
        heads.append(head)
        texts.append(text.strip())
    return tuple(heads), tuple(texts)


# -- the faithful answer ---------------------------------------------------------------------------

Words = tuple[frozenset[str], ...]  # the question's words, each with the other names it goes by


def question_words_of(question: str, language: str) -> Words:
    """The words of the question a clause can share (see the module docstring); an indicator is one
    word, whichever of its names a clause uses."""
    lists = question_words()
    words: list[frozenset[str]] = []
    if language == "en":
        words += [frozenset({term}) for term in english_terms(question)]
        words += [frozenset({w}) for w in _LATIN.findall(question) if w.lower() not in lists.en_stopwords]
    else:
        stop = lists.cn_stopwords | lists.cn_non_keywords
        bounds = word_boundaries(question)
        for start, end in zip(bounds, bounds[1:]):
            word = question[start:end].strip()
            if len(word) >= 2 and word not in stop and not re.fullmatch(r"\d+年?", word):
                words.append(frozenset({word}))
    for indicator, start, end in find_indicators(question):
        names = frozenset(name for name in (indicator.zh, *indicator.aliases, question[start:end]) if name)
        words = [w for w in words if not (w & names)] + [names]
    return tuple(dict.fromkeys(words))


def _shared(text: str, words: Words) -> int:
    """How many of the question's words ``text`` holds."""
    folded = text.casefold()
    return sum(1 for names in words if any(name.casefold() in folded for name in names))


def _score(text: str, head: str, words: Words) -> int:
    """Words shared by ``text`` (none: 0), counting those of its passage's head line (region, year) too."""
    return _shared(f"{head}\n{text}", words) if _shared(text, words) else 0


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _cite(text: str, number: int, language: str) -> str:
    return f"{_tidy(text)} [{number}]." if language == "en" else f"{_tidy(text)}[{number}]。"


def _figure_clause(text: str, head: str, words: Words, *, any_clause: bool = False) -> tuple[int, str]:
    """The clause of ``text`` holding a figure that shares the most words (the first on a tie), with
    its score; with ``any_clause``, when none shares one, the first clause holding a figure (else the
    first clause)."""
    best = (0, "")
    first_figure = first = ""
    for start, end in split_clauses(text):
        clause = text[start:end]
        first = first or clause
        if not extract_figures(clause):
            continue
        first_figure = first_figure or clause
        score = _score(clause, head, words)
        if score > best[0]:
            best = (score, clause)
    if not best[1] and any_clause:
        return 0, first_figure or first
    return best


def answer(prompt: Prompt) -> str:
    """The faithful answer to ``prompt``: text copied from its passages and cited (see the module docstring)."""
    words = question_words_of(prompt.question, prompt.language)
    en = prompt.language == "en"
    if prompt.prompt == "ledger":
        parts = []
        for number, label in ((1, "Target" if en else "目标"), (2, "Result" if en else "结果")):
            if number <= len(prompt.passages):
                _, clause = _figure_clause(prompt.passages[number - 1], prompt.heads[number - 1], words, any_clause=True)
                if clause:
                    parts.append(f"{label}: {_cite(clause, number, 'en')}" if en else f"{label}：{_cite(clause, number, 'zh')}")
        return " ".join(parts) if en else "".join(parts)
    if prompt.prompt == "answer_passages":
        scored = []
        for number, text in enumerate(prompt.passages, start=1):
            for start, end in split_sentences(text):
                score = _score(text[start:end], prompt.heads[number - 1], words)
                if score:
                    scored.append((-score, number, start, text[start:end]))
        if not scored:
            return prompt.not_mentioned
        points = [_cite(sentence, number, prompt.language) for _, number, _, sentence in sorted(scored)[:MAX_POINTS]]
        heading = "What the passages say on this:" if en else "资料中与问题相关的内容如下："
        return "\n".join([heading, *points])
    best = (0, 0, "")
    for number, text in enumerate(prompt.passages, start=1):
        score, clause = _figure_clause(text, prompt.heads[number - 1], words)
        if score > best[0]:
            best = (score, number, clause)
    if not best[2]:
        return prompt.not_mentioned
    _, number, clause = best
    return f"The report says: {_cite(clause, number, 'en')}" if en else _cite(clause, number, "zh")


# -- the deliberately unfaithful answer ------------------------------------------------------------


def _digest(question: str) -> bytes:
    return hashlib.sha256(question.encode("utf-8")).digest()


def made_wrong(question: str) -> bool:
    """Whether the first answer to ``question`` is deliberately unfaithful (one question in :data:`EVERY`)."""
    return _digest(question)[0] % EVERY == 0


def _statement_figures(text: str) -> list[Figure]:
    blanked = _CITATION.sub(lambda m: " " * len(m.group()), text)
    return extract_figures(blanked)


def _changed_figure(text: str, passages: tuple[str, ...]) -> str | None:
    """``text`` with the last digit of its first figure changed to a figure no passage states; None if it has none."""
    figures = _statement_figures(text)
    if not figures:
        return None
    figure = figures[0]
    stated = [g for passage in passages for g in extract_figures(passage)]
    digits = [i for i, ch in enumerate(figure.text) if unicodedata.digit(ch, None) is not None]
    last = figure.start + digits[-1]
    old = unicodedata.digit(text[last])
    for step in range(1, 10):
        candidate = text[:last] + str((old + step) % 10) + text[last + 1:]
        changed = [g for g in _statement_figures(candidate) if g.start == figure.start]
        if changed and not any(figures_equal(changed[0], g) for g in stated):
            return candidate
    return None


def _bad_citation(text: str, count: int) -> str:
    """``text`` with its first citation turned into ``[count + 1]`` (one is added when it cites nothing)."""
    wrong = f"[{count + 1}]"
    if _CITATION.search(text):
        return _CITATION.sub(wrong, text, count=1)
    stripped = text.rstrip()
    if stripped and stripped[-1] in "。.!?！？":
        return stripped[:-1] + wrong + stripped[-1]
    return stripped + wrong


def unfaithful(text: str, prompt: Prompt) -> tuple[str, str]:
    """The faithful ``text`` made wrong, and how: ``"figure"`` (a figure no passage states) or
    ``"citation"`` (a passage number that was not given)."""
    if _digest(prompt.question)[1] % 2 == 0:
        changed = _changed_figure(text, prompt.passages)
        if changed is not None:
            return changed, "figure"
    return _bad_citation(text, len(prompt.passages)), "citation"


# -- the server ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelCounts:
    """What the scripted model sent. ``answers`` = ``first`` + ``retries`` (+ ``unknown`` prompts)."""

    answers: int = 0
    first: int = 0  # first answers to a question (the product's first try)
    retries: int = 0  # answers to the retry prompt (always faithful)
    made_wrong: int = 0  # first answers deliberately unfaithful
    wrong_figure: int = 0  # ... by a changed figure
    wrong_citation: int = 0  # ... by a passage number that was not given
    not_mentioned: int = 0  # the prompt's "not mentioned" reply (no clause shared a word with the question)
    unknown: int = 0  # prompts it does not know (not the product's): answered with a fixed line

    def __sub__(self, other: "ModelCounts") -> "ModelCounts":
        return ModelCounts(**{f.name: getattr(self, f.name) - getattr(other, f.name) for f in fields(self)})

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


class FakeLLM(LoopbackOpenAIServer):
    """The scripted model ``fake-parrot`` on an ephemeral port of 127.0.0.1 (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__(model=MODEL)
        self._counts: dict[str, int] = {f.name: 0 for f in fields(ModelCounts)}

    def sent(self) -> ModelCounts:
        """What it has sent so far; subtract two of these for what it sent in between."""
        with self._lock:
            return ModelCounts(**self._counts)

    def _count(self, *names: str) -> None:
        with self._lock:
            for name in names:
                self._counts[name] += 1

    def respond(self, request: RecordedRequest) -> Reply:
        prompt = read_prompt(request.messages)
        if prompt is None:
            self._count("answers", "unknown")
            return Reply(text=f"{MODEL} answers only the assistant's own prompts.")
        text = answer(prompt)
        counted = ["answers", "retries" if prompt.retry else "first"]
        if text == prompt.not_mentioned:
            counted.append("not_mentioned")
        if not prompt.retry and made_wrong(prompt.question):
            text, how = unfaithful(text, prompt)
            counted += ["made_wrong", f"wrong_{how}"]
        self._count(*counted)
        return Reply(text=text)
