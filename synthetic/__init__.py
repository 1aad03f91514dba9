"""Synthetic, obviously fictional data for prooflane projects.

Each dataset is a module with a pure function ``generate(seed, rows, **options) -> Table``; the
registry names them. Randomness comes only from :func:`synthetic.rng.make_rng`, never from global
state, so the same seed gives the same bytes in any process.
"""

from synthetic.table import Table

__all__ = ["Table"]
