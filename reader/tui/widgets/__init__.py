"""Pane widgets: reader view (Line API), library tree, topic list, notes list."""
