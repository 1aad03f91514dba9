"""The one error type a person can cause: its message is a single sentence with the fix."""


class AnalysisError(Exception):
    """Something in the data or in my_choices.yaml the analysis cannot use; the message says what to change."""
