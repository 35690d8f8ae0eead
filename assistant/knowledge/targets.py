"""How targets are judged, from ``data/targets.toml``: which indicators' targets are ceilings, and
which units count the same thing for an indicator (a new job is a post)."""

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


@cached
def same_units() -> dict[str, dict[str, str]]:
    """Per indicator key: each unit that counts the same thing as another -> the first of its group."""
    table = toml_table(_FILE).get("same_units", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{_FILE}: [same_units] must be a table of indicator keys")
    known = {indicator.key for indicator in indicators()}
    result: dict[str, dict[str, str]] = {}
    for key, groups in table.items():
        if key not in known:
            raise ConfigError(f"{_FILE}: unknown indicator key {key!r} in [same_units]; see indicators.toml")
        if not isinstance(groups, list) or not all(
            isinstance(group, list) and group and all(isinstance(unit, str) for unit in group) for group in groups
        ):
            raise ConfigError(f"{_FILE}: [same_units] {key} must be a list of lists of units, e.g. [[\"人\", \"个\"]]")
        result[key] = {unit: group[0] for group in groups for unit in group}
    return result
