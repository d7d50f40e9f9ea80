"""Jinja2 templates of report.html (a package so the wheel ships them as package data)."""
