"""How targets are judged: which indicators' targets are ceilings, from ``data/targets.toml``."""

from __future__ import annotations

from assistant.core.errors import ConfigError
from assistant.knowledge.lexicon import indicators
from assistant.knowledge.tables import cached, toml_table

_FILE = "targets.toml"


@cached
def ceiling_indicators() -> frozenset[str]:
    """Indicator keys whose target is a most (CPI, unemployment rates): at or below is met."""
    keys = toml_table(_FILE).get("ceilings", [])
    if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
        raise ConfigError(f"{_FILE}: ceilings must be a list of indicator keys")
    unknown = sorted(set(keys) - {indicator.key for indicator in indicators()})
    if unknown:
        raise ConfigError(f"{_FILE}: unknown indicator key(s) {', '.join(unknown)} in ceilings; see indicators.toml")
    return frozenset(keys)
