"""Word lists the recognizers read (one term per line, '#' starts a comment): data, not code."""
