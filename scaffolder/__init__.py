"""prooflane: scaffold safe healthcare-AI portfolio projects."""

__version__ = "0.1.0"
