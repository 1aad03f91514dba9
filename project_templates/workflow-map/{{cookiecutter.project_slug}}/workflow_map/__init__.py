"""Workflow map tools: check workflow.yaml, draw the diagrams, measure the event log's baseline."""
