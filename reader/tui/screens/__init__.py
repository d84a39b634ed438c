"""Modal screens: help, outline, why-topics, search, annotate."""
from pathlib import Path

# The dialogs' styles: read when the first dialog that names it opens, not parsed at start-up.
MODAL_CSS = Path(__file__).with_name("modal.tcss")
