"""Errors a user can cause. Each carries the exit status the CLI returns for it, so the
CLI prints one clear line instead of a stack trace."""


class SummarizerError(Exception):
    """Base class: a problem with the user's input, config or environment."""

    exit_code = 1


class UsageError(SummarizerError):
    """Bad arguments or config (exit status 2)."""

    exit_code = 2


class ConfigError(UsageError):
    """A config key, value or file that cannot be used."""


class InputError(UsageError):
    """Nothing readable to summarize: empty folder, unreadable file, unknown format."""


class ModelUnavailable(SummarizerError):
    """A model that cannot be loaded (missing directory, hub id while offline, wrong kind)."""

    exit_code = 2
