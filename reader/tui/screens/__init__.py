"""Modal screens: help, outline, why-topics, search, annotate."""
