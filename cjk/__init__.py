"""CJK text helpers shared by the readers and the rules: repair of damaged
text layers and joining of wrapped lines.

This package sits below both ``extractors`` and ``pipeline`` and imports
neither, so a rule module never depends on a reader module to fold text.
"""
