"""The career plan around the proof project: ``plan`` (worksheet and 30/60/90) and ``posting`` (read a job posting)."""
