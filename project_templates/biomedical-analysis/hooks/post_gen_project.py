"""Write this project's synthetic data and its .prooflane.json manifest."""

from scaffolder.hooks import finish_project

finish_project()
