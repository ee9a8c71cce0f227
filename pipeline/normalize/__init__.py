"""Normalization: canonical text, unit lists and roles, numerals, dates and deadlines."""
