"""``prooflane diff`` and ``prooflane update``: take a newer template without losing a single edit.

The base is the project exactly as prooflane generated it, kept in the project itself
(``.prooflane/base.tar.gz``, checked against the manifest's hashes), so it is reproducible whatever
prooflane version is installed. Theirs is the installed template baked with the recorded answers;
ours is the project on disk.
"""
