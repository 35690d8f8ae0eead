"""Typed errors. Each message says what went wrong and what to do about it."""


class AssistantError(Exception):
    """Base class for every error the assistant raises on purpose."""


class EmptyQuestionError(AssistantError, ValueError):
    """The question was empty or only whitespace/punctuation."""


class QuestionTooLongError(AssistantError, ValueError):
    """The question is longer than the configured limit."""


class ConfigError(AssistantError, ValueError):
    """A setting has an invalid value."""


class UnreadableFileError(AssistantError, OSError):
    """A report file could not be read or decoded."""


class UnsupportedFormatError(AssistantError, ValueError):
    """A file's format is not one the loader reads."""


class ManifestError(AssistantError, ValueError):
    """A manifest CSV could not be used."""


class MetadataError(AssistantError, ValueError):
    """A correction of a document's metadata names an unknown document or field, or a bad value."""


class IndexMismatchError(AssistantError):
    """The index was built by another embedder or dimension than the one configured."""


class IndexUnavailableError(AssistantError):
    """The index directory is missing, unreadable or not writable."""


class LLMError(AssistantError):
    """The language-model endpoint failed; callers fall back to the extractive reader."""


class UnknownIndicatorError(AssistantError, KeyError):
    """An indicator key is not in the lexicon; the message lists the valid keys."""

    def __str__(self) -> str:  # KeyError's own str() would wrap the message in quotes
        return str(self.args[0]) if self.args else ""


class IndexBusyError(AssistantError):
    """Another process holds the index's ingest lock and did not release it in time."""
