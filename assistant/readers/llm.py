"""Generated answers through any OpenAI-compatible endpoint, every figure checked against its citation.

The chain, built from langchain-core runnables::

    {"question", "passages"} -> numbered passages [1]..[n] -> prompt (prompts/answer_<zh|en>.txt)
      -> ChatOpenAI (base_url, api_key, model, timeout, max_retries from Settings) -> text
      -> parse [n] citations and verify the figures (assistant.readers.verify) -> Draft

:class:`LLMReader` runs it (``read``, or ``stream`` token by token), regenerates ONCE with the
problems named (prompts/retry_<zh|en>.txt) when verification fails, and otherwise turns the draft
into an :class:`Answer` whose citations quote the exact original text. When the endpoint fails
(down, timeout, 429, malformed or garbage replies) or the answer fails verification twice, its
``fallback`` reader (the figure reader) answers instead, with a notice saying why. The API key never appears in logs or notices.

What happened to each answer the model sent is also logged as a record of this module's logger that
carries an :data:`EVENT` attribute (DEBUG for each answer verified, INFO when the fallback answers), so
a caller can count, per question, the model's answers, those verification rejected and the fallbacks
(the eval does: ``eval/drafts.py``)::

    {"event": "draft", "attempt": 1 or 2, "ok": bool, "problems": (...)}
    {"event": "fallback", "reason": "verification" or "endpoint"}

Time: each request is bounded by ``settings.llm_timeout`` (the client retries transport failures
``settings.llm_max_retries`` times); a streamed reply is abandoned once it has taken longer than
``llm_timeout``; the verification retry is one more request. With ``llm_max_retries=0`` the worst
case is about ``2 * llm_timeout``, and an endpoint that is down or stalls costs one timeout.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, replace

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from assistant.core.datatypes import Answer, AnswerKind, Citation, ParsedQuestion, Passage
from assistant.core.errors import ConfigError, LLMError
from assistant.core.settings import PROJECT_ROOT, Settings
from assistant.knowledge.clauses import split_clauses
from assistant.knowledge.figures import figures_equal
from assistant.readers.base import Locate, ReadContext, Reader
from assistant.readers.passages import select_sentences
from assistant.readers.verify import Verification, figures_by_citation, figures_in, verify

logger = logging.getLogger(__name__)

PROMPTS_DIR = PROJECT_ROOT / "prompts"

__all__ = ["EVENT", "Draft", "LLMReader", "build_chain", "build_text_chain", "make_chat_model"]

EVENT = "llm_event"  # the attribute of the log records that say what happened to the model's answers


@dataclass(frozen=True)
class Draft:
    """A generated text and what verification found in it."""

    text: str
    verification: Verification


# -- prompts ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def load_prompt(name: str) -> str:
    """The text of ``prompts/<name>.txt``."""
    path = PROMPTS_DIR / f"{name}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"prompt template {path} cannot be read ({error.strerror}); restore it from git") from error


def _answer_messages(language: str, prompt: str = "answer") -> list[tuple[str, str]]:
    """The ``[system]`` and ``[user]`` parts of prompts/<prompt>_<language>.txt."""
    text = load_prompt(f"{prompt}_{_lang(language)}")
    if "[system]" not in text or "[user]" not in text:
        raise ConfigError(f"prompts/{prompt}_{_lang(language)}.txt must have a [system] and a [user] part")
    system, user = text.split("[user]", 1)
    return [("system", system.replace("[system]", "", 1).strip()), ("human", user.strip())]


def _lang(language: str) -> str:
    return "en" if language == "en" else "zh"


def format_passages(passages: Sequence[Passage], language: str) -> str:
    """Numbered passages [1]..[n], each with where it comes from."""
    blocks = []
    for number, passage in enumerate(passages, start=1):
        year = passage.year or "?"
        title = passage.title or passage.source
        if language == "en":
            head = f"[{number}] Source: {passage.region}, {year} report 《{title}》"
            if passage.section:
                head += f", section: {passage.section}"
        else:
            head = f"[{number}] 来源：{passage.region}{year}年报告《{title}》"
            if passage.section:
                head += f"，章节：{passage.section}"
        blocks.append(f"{head}\n{passage.text.strip()}")
    return "\n\n".join(blocks)


def _prompt_inputs(inputs: dict) -> dict:
    question: ParsedQuestion = inputs["question"]
    passages: Sequence[Passage] = inputs["passages"]
    return {
        "question": question.text,
        "passages": format_passages(passages, question.language),
        "count": len(passages),
        "previous": inputs.get("previous", ""),
        "problems": "\n".join(f"- {p}" for p in inputs.get("problems", ())),
    }


def build_prompt(language: str, retry: bool = False, prompt: str = "answer") -> ChatPromptTemplate:
    """The answer prompt (``prompts/<prompt>_<zh|en>.txt``); with ``retry`` it continues with the
    previous answer and its problems."""
    messages = _answer_messages(language, prompt)
    if retry:
        messages += [("ai", "{previous}"), ("human", load_prompt(f"retry_{_lang(language)}").strip())]
    return ChatPromptTemplate.from_messages(messages)


# -- the chain -------------------------------------------------------------------------------------


def make_chat_model(settings: Settings):
    """A ``ChatOpenAI`` for the configured endpoint (imported here: langchain-openai is not cheap)."""
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    if not settings.llm_enabled:
        raise ConfigError("no language model is configured; set OPENAI_BASE_URL and OPENAI_MODEL")
    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=SecretStr(settings.llm_api_key or "not-needed"),  # local servers accept any key
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
        temperature=0,
        use_responses_api=False,  # OpenAI-compatible servers speak chat completions
    )


def build_text_chain(settings: Settings, language: str, retry: bool = False, prompt: str = "answer") -> Runnable:
    """inputs -> numbered passages -> prompt -> ChatOpenAI -> answer text (streams token by token)."""
    return (
        RunnableLambda(_prompt_inputs) | build_prompt(language, retry, prompt) | make_chat_model(settings)
        | StrOutputParser()
    )


def build_chain(settings: Settings, language: str, retry: bool = False, prompt: str = "answer") -> Runnable:
    """The text chain followed by citation parsing and verification: inputs -> :class:`Draft`.

    Inputs: ``{"question": ParsedQuestion, "passages": [Passage, ...]}``, plus ``previous`` (the
    failed answer) and ``problems`` (what verification said) when ``retry`` is True.
    """
    text_chain = build_text_chain(settings, language, retry, prompt)
    return RunnablePassthrough.assign(text=text_chain) | RunnableLambda(
        lambda state: _check(state["text"], state["passages"], language)
    )


def _check(text: str, passages: Sequence[Passage], language: str) -> Draft:
    text = text.strip()
    return Draft(text, verify(text, passages, language))


# -- the reader ------------------------------------------------------------------------------------


class LLMReader(Reader):
    """Answers written by the configured endpoint and verified; ``fallback`` answers, with a notice
    saying why, when the endpoint fails or its answer fails verification twice."""

    name = "llm"

    def __init__(self, settings: Settings, fallback: Reader, prompt: str = "answer") -> None:
        self.settings = settings
        self.fallback = fallback
        self.prompt = prompt  # prompts/<prompt>_<zh|en>.txt: "answer", or "ledger" for a target against a result

    def read(self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext) -> Answer:
        """A generated, verified answer; or the fallback's, with a notice, when that is not possible."""
        material, spans = _material(parsed, passages)
        if not material:
            return self._fallback(parsed, passages, context)
        inputs = {"question": parsed, "passages": material}
        try:
            draft = _verified(build_chain(self.settings, parsed.language, prompt=self.prompt).invoke(inputs), 1)
            if not draft.verification.ok:
                draft = _regenerate(parsed, material, self.settings, draft, self.prompt)
        except ConfigError:
            raise  # a missing prompt file or model name is for the operator to fix, not to hide
        except Exception as error:  # noqa: BLE001 - any failure of the endpoint falls back, with a notice
            _gave_up(error)
            return self._fallback(parsed, passages, context, _notice(error, self.settings, parsed.language))
        return self._finish(parsed, material, context, draft, spans)

    def stream(
        self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext
    ) -> Generator[str, None, Answer]:
        """Yield tokens as the endpoint sends them; return the final verified Answer.

        If the streamed answer fails verification it is regenerated once (not streamed); if that
        fails too, or the endpoint fails, the final Answer is the fallback's with a notice, and a
        page should replace the streamed text with it (``Response.replaced``).
        """
        material, spans = _material(parsed, passages)
        if not material:
            answer = self._fallback(parsed, passages, context)
            yield answer.text
            return answer
        inputs = {"question": parsed, "passages": material}
        pieces: list[str] = []
        started = time.monotonic()
        try:
            for token in build_text_chain(self.settings, parsed.language, prompt=self.prompt).stream(inputs):
                if token:
                    pieces.append(token)
                    yield token
                if time.monotonic() - started > self.settings.llm_timeout:
                    raise LLMError(f"the streamed answer took longer than {self.settings.llm_timeout:g}s")
            draft = _verified(_check("".join(pieces), material, parsed.language), 1)
            if not draft.verification.ok:
                draft = _regenerate(parsed, material, self.settings, draft, self.prompt)
        except ConfigError:
            raise  # a missing prompt file or model name is for the operator to fix, not to hide
        except Exception as error:  # noqa: BLE001 - any failure of the endpoint falls back, with a notice
            _gave_up(error)
            answer = self._fallback(parsed, passages, context, _notice(error, self.settings, parsed.language))
            if not pieces:
                yield answer.text
            return answer
        return self._finish(parsed, material, context, draft, spans)

    def _fallback(
        self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext, notice: str = ""
    ) -> Answer:
        answer = self.fallback.read(parsed, passages, context)
        if answer is None:
            raise LLMError(f"the fallback reader {self.fallback.name} gave no answer")
        return replace(answer, notices=answer.notices + (notice,)) if notice else answer

    def _finish(
        self,
        parsed: ParsedQuestion,
        passages: Sequence[Passage],
        context: ReadContext,
        draft: Draft,
        spans: dict[str, tuple[int, int]] | None = None,
    ) -> Answer:
        """A verified draft as an Answer whose citations quote the original text."""
        cited = draft.verification.cited
        citations = tuple(
            _citation(passages[n - 1], n, draft.text, context.locate, (spans or {}).get(passages[n - 1].id))
            for n in cited
        )
        text = draft.text
        if draft.verification.abstained and context.coverage_note:
            text = f"{text} {context.coverage_note}"
        return Answer(
            question=parsed.text,
            text=text,
            abstained=draft.verification.abstained,
            citations=citations,
            passages=tuple(passages),
            parsed=parsed,
            reader=self.settings.llm_model,
        )


# -- steps -----------------------------------------------------------------------------------------


class VerificationFailed(LLMError):
    """The answer failed verification twice; ``problems`` says why."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("the generated answer failed verification twice: " + "; ".join(self.problems))


def _regenerate(
    question: ParsedQuestion, passages: Sequence[Passage], settings: Settings, draft: Draft, prompt: str = "answer"
) -> Draft:
    """One more try with the problems named; raises VerificationFailed if it fails again."""
    logger.info("generated answer failed verification, regenerating once: %s", "; ".join(draft.verification.problems))
    retry_inputs = {
        "question": question,
        "passages": list(passages),
        "previous": draft.text,
        "problems": draft.verification.problems,
    }
    second = _verified(build_chain(settings, question.language, retry=True, prompt=prompt).invoke(retry_inputs), 2)
    if second.verification.ok:
        return second
    logger.warning("regenerated answer failed verification too: %s", "; ".join(second.verification.problems))
    raise VerificationFailed(second.verification.problems)


def _verified(draft: Draft, attempt: int) -> Draft:
    """Log what verification found in the model's answer (an :data:`EVENT` record); the draft unchanged."""
    result = draft.verification
    logger.debug("answer %d from the model: %s", attempt, "verified" if result.ok else "; ".join(result.problems),
                 extra={EVENT: {"event": "draft", "attempt": attempt, "ok": result.ok, "problems": result.problems}})
    return draft


def _gave_up(error: Exception) -> None:
    """Log that the fallback reader answers instead (an :data:`EVENT` record)."""
    reason = "verification" if isinstance(error, VerificationFailed) else "endpoint"
    logger.info("the fallback reader answers (%s)", reason, extra={EVENT: {"event": "fallback", "reason": reason}})


def _material(parsed: ParsedQuestion, passages: Sequence[Passage]) -> tuple[list[Passage], dict[str, tuple[int, int]]]:
    """What the model is given: the passages; for a what / how question only those holding the sentences
    the passage reader found, with the span of those sentences (what a citation then quotes). Nothing
    when no sentence names the topic: the model is not asked, the reports do not mention it."""
    if not parsed.answer_kind.reads_sentences:
        return list(passages), {}
    chosen = select_sentences(parsed, passages)
    material: dict[str, Passage] = {}
    spans: dict[str, tuple[int, int]] = {}
    for sentence in chosen:
        pid = sentence.passage.id
        material.setdefault(pid, sentence.passage)
        start, end = spans.get(pid, (sentence.start, sentence.end))
        spans[pid] = (min(start, sentence.start), max(end, sentence.end))
    return list(material.values()), spans


def _citation(
    passage: Passage, number: int, answer_text: str, locate: Locate, span: tuple[int, int] | None = None
) -> Citation:
    """The clauses of ``passage`` holding the figures the answer cites it for; else ``span`` (the
    sentences a what / how answer was written from); else the whole passage."""
    figures = figures_by_citation(answer_text).get(number) or figures_in(answer_text)
    spans = [
        (start, end)
        for start, end in split_clauses(passage.text)
        if any(figures_equal(f, g) for f in figures_in(passage.text[start:end]) for g in figures)
    ]
    start, end = (min(s for s, _ in spans), max(e for _, e in spans)) if spans else span or (0, len(passage.text))
    quote_start, quote_end, quote = locate(passage, start, end)
    return Citation(
        source=passage.source,
        title=passage.title,
        region=passage.region,
        year=passage.year,
        quote=quote,
        start=quote_start,
        end=quote_end,
        score=passage.score,
        passage_id=passage.id,
        number=number,
    )


def _notice(error: Exception, settings: Settings, language: str) -> str:
    """The notice shown with the fallback answer: verification failed twice, or the model or its endpoint failed."""
    if isinstance(error, LLMError):
        return _failure_notice(error, language)
    return _endpoint_notice(error, settings, language)


def _failure_notice(error: LLMError, language: str) -> str:
    if isinstance(error, VerificationFailed):
        problems = "; ".join(error.problems) if language == "en" else "；".join(error.problems)
        if language == "en":
            return f"The generated answer failed verification twice ({problems}); showing the extracted answer instead."
        return f"生成的回答两次未通过核对（{problems}），以下改为摘录式回答。"
    logger.warning("language model failed: %s", error)
    if language == "en":
        return f"The language model could not answer ({error}); showing the extracted answer instead."
    return f"语言模型未能作答（{error}），以下改为摘录式回答。"


def _endpoint_notice(error: Exception, settings: Settings, language: str) -> str:
    """Log an endpoint failure (without the key) and say in one line what happened."""
    reason = _describe(error, settings)
    logger.warning("language model endpoint failed (%s): %s", type(error).__name__, reason)
    if language == "en":
        return f"The language model endpoint failed ({reason}); showing the extracted answer instead."
    return f"语言模型接口出错（{reason}），以下改为摘录式回答。"


def _describe(error: Exception, settings: Settings) -> str:
    """A short English reason for an endpoint failure, with the API key redacted."""
    import openai

    if isinstance(error, openai.APITimeoutError):
        reason = f"no reply within {settings.llm_timeout:g}s"
    elif isinstance(error, openai.APIConnectionError):
        reason = f"cannot connect to {settings.llm_base_url}"
    elif isinstance(error, openai.RateLimitError):
        reason = "rate-limited, HTTP 429"
    elif isinstance(error, openai.APIStatusError):
        reason = f"HTTP {error.status_code}"
    elif isinstance(error, ValueError):  # JSONDecodeError, UnicodeDecodeError: not a valid reply
        reason = f"the reply could not be read: {type(error).__name__}"
    else:
        reason = f"{type(error).__name__}: {error}"
    return _redact(reason, settings.llm_api_key)


def _redact(text: str, secret: str) -> str:
    return text.replace(secret, "***") if secret else text
