"""Which articles the topic pane's selection lets through: OR over the selected topics (the app, the palette and the
discovery screens ask the same question)."""
from __future__ import annotations

from reader.model import UNCLASSIFIED, ArticleSummary


def topic_matches(summary: ArticleSummary, selected: set[str]) -> bool:
    """OR over the selected topics; 未分类 selects articles with no topic."""
    if not selected:
        return True
    if not summary.topics or summary.topics == [UNCLASSIFIED]:
        return UNCLASSIFIED in selected
    return any(t in selected for t in summary.topics)
