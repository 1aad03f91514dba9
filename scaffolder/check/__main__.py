"""``python -m scaffolder.check``: the same click command as ``prooflane check``."""

from scaffolder.cli import check

check(prog_name="python -m scaffolder.check")
