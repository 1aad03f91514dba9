"""Errors that prooflane reports to a person in one sentence."""


class ProoflaneError(Exception):
    """Base class: the message is one plain sentence saying what is wrong and how to fix it."""

    exit_code = 2  # bad input, like a usage error


class UnknownIdError(ProoflaneError):
    """A role, project kind, background or dataset id that the catalog does not have."""


class PlannedKindError(ProoflaneError):
    """A project kind that is in the catalog but not built yet."""


class InvalidAnswerError(ProoflaneError):
    """A value given for a project setting (name, seed, option) that cannot be used."""


class TargetExistsError(ProoflaneError):
    """The target folder exists and is not empty, and --force was not given."""


class OutputNotWritableError(ProoflaneError):
    """The output folder cannot be created or written to."""


class MissingExtraError(ProoflaneError):
    """An optional dependency is needed for the requested feature."""


class ManifestError(ProoflaneError):
    """A .prooflane.json file that cannot be read or does not have the expected shape."""


class WriteFailedError(ProoflaneError):
    """Writing failed at run time (disk full, permission denied, busy, another run in progress)."""

    exit_code = 1
