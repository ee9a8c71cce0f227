"""Format-agnostic half of the pipeline: structuring, normalization, datasets, batch runs."""

PARSER_VERSION = "6"
"""Bumped whenever a change alters the records produced from the same bytes;
it is part of the cache key, so a new version re-parses everything."""
