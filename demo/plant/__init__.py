"""Planted violations: rows that break each row-level rule, and clean rows one day inside each deadline.

Column-level violations (a plaintext column, an unmapped table, a leaking export sheet) are part of the
schema and the exports; these modules add the rows whose dates or ages break a rule.
"""
