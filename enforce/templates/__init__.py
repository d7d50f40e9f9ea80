"""Jinja2 templates of the pages a data subject reads."""
