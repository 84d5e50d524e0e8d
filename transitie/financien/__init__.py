"""Groeiagenda finance: budgets, budget lines, contributions and framework changes."""
