"""Structuring: the document model's tables and paragraphs into tasks
(header mapping, hierarchy markers, tasks in tables and in prose)."""
