"""No secret (API key, login password) in logs or error messages: logging captured at DEBUG,
for every logger, through an LLM failure, a login failure and configuration errors."""

from __future__ import annotations

import logging
import time

import pytest

from assistant.api import Assistant
from assistant.core.errors import ConfigError
from assistant.core.settings import Settings
from assistant.interfaces.cli import main as cli_main
from assistant.interfaces.page import parse_auth
from tests.browser.server import page_settings, running_page
from tests.fakes.openai_server import FakeOpenAIServer, closed_port_url
from tests.reliability.conftest import GDP_QUESTION

API_KEY = "sk-live-7Hq2-DO-NOT-LOG"
PASSWORD = "Pa55-DO-NOT-LOG"
WRONG_PASSWORD = "guess-DO-NOT-LOG"


def assert_absent(text: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in text, f"{secret!r} leaked"
    assert "DO-NOT-LOG" not in text


@pytest.mark.parametrize("mode", ["500", "garbage", "down"])
def test_llm_failure_logs_and_notices_hold_no_api_key(tiny_settings_factory, caplog, mode):
    caplog.set_level(logging.DEBUG)
    with FakeOpenAIServer() as server:
        url = closed_port_url() if mode == "down" else server.base_url
        if mode != "down":
            server.fail(mode)
        settings = tiny_settings_factory(
            llm_base_url=url, llm_model="fake-model", llm_api_key=API_KEY, llm_timeout=2.0, llm_max_retries=0
        )
        answer = Assistant(settings=settings).answer(GDP_QUESTION)
        if mode != "down":  # the key was really in play: sent as the bearer token
            assert server.chat_requests()[0].headers["authorization"] == f"Bearer {API_KEY}"
    assert answer.notices and "6%左右" in answer.text
    assert_absent(caplog.text, API_KEY)
    assert_absent(" ".join(answer.notices) + answer.text + repr(answer) + repr(settings), API_KEY)


@pytest.mark.slow
def test_login_failure_logs_neither_the_password_nor_the_attempt(tiny_settings_factory, caplog):
    from gradio_client import Client

    base = tiny_settings_factory()
    settings = page_settings(base.index_dir, auth=f"staff:{PASSWORD}")
    caplog.set_level(logging.DEBUG)
    messages = []
    with running_page(Assistant(settings=settings), settings) as url:
        for auth in [None, ("staff", WRONG_PASSWORD), ("intruder", PASSWORD)]:
            with pytest.raises(Exception) as refused:  # noqa: B017 - gradio_client fails in its own way
                Client(url, auth=auth, verbose=False)
            messages.append(str(refused.value))
        payload = Client(url, auth=("staff", PASSWORD), verbose=False).predict(GDP_QUESTION, "", "", api_name="/ask")
        time.sleep(0.2)  # let the server's log lines of the last request land
    assert "6%左右" in payload["text"]
    assert_absent(caplog.text + " ".join(messages) + repr(settings), PASSWORD, WRONG_PASSWORD)


@pytest.mark.parametrize("auth", [PASSWORD, f":{PASSWORD}", "staff:"], ids=["no-colon", "no-user", "no-password"])
def test_malformed_login_setting_error_does_not_repeat_the_value(auth):
    with pytest.raises(ConfigError, match=r'auth must look like "user:password"') as caught:
        parse_auth(auth)
    assert_absent(str(caught.value), PASSWORD)


def test_config_file_errors_name_settings_not_their_secret_values(tmp_path, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    typo = tmp_path / "typo.toml"
    typo.write_text(f'llm_api_key = "{API_KEY}"\nllm_api_kee = "{API_KEY}"\nauth = "staff:{PASSWORD}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting\\(s\\) llm_api_kee; valid settings: ") as caught:
        Settings.load(env={}, config_file=typo)
    assert_absent(str(caught.value), API_KEY, PASSWORD)

    broken = tmp_path / "broken.toml"
    broken.write_text(f"llm_api_key = {API_KEY}\n", encoding="utf-8")  # unquoted: not valid TOML
    assert cli_main(["--config", str(broken), "documents"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {broken} is not valid TOML")
    assert_absent(err + caplog.text, API_KEY)


def test_settings_repr_hides_the_key_and_the_password():
    settings = Settings.load(env={"OPENAI_API_KEY": API_KEY, "ASSISTANT_AUTH": f"staff:{PASSWORD}"}, config_file=None)
    assert settings.llm_api_key == API_KEY and settings.auth.endswith(PASSWORD)
    assert_absent(repr(settings) + str(settings), API_KEY, PASSWORD)
