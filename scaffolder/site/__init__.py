"""``prooflane build``: one shareable portfolio (an offline static site and a PDF) from baked, filled projects."""
