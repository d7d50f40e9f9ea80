"""The clean bulk of the demo clinic: rows that break no rule, drawn well inside every retention window."""
