"""The library pane: articles grouped by source page (collapsible) or flat, with a filter box and a count."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import PurePath

from rich.cells import cell_len
from rich.text import Span, Text, TextType
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.message import Message
from textual.widgets import Input, Label, Tree
from textual.widgets.tree import TreeNode

from reader.model import ArticleSummary
from reader.text.visible import one_line

# Up to this many listed articles every page group is filled and open; beyond it groups start folded and get
# their rows when opened, so a 10,000-article library builds a few thousand tree nodes, not twelve thousand.
EAGER_UP_TO = 600


class LibraryOrder(StrEnum):
    SOURCE = "source"  # page by page, in page order
    TITLE = "title"


def matches(summary: ArticleSummary, needle: str) -> bool:
    """What a reader recognises an article by: its title, kicker and subtitle by characters in either script or
    by pinyin (zscq, zhishichanquan), its column, authors and topics by characters (search/title_filter.py)."""
    if not needle:
        return True
    from reader.search.title_filter import summary_matches

    return summary_matches(summary, needle)


def sort_articles(summaries: list[ArticleSummary], order: LibraryOrder) -> list[ArticleSummary]:
    if order == LibraryOrder.TITLE:
        return sorted(summaries, key=lambda s: (s.title, s.id))
    return sorted(summaries, key=lambda s: (s.source, s.ordinal, s.id))


def row_label(summary: ArticleSummary, needle: str = "") -> Text:
    """Title, then authors/column dimmed, then topic chips — built as Text so titles are never markup. A doubtful
    split (the splitter was unsure where the article starts or ends) is flagged with a full-width ？ in front.
    With a filter `needle`, what it matched in the title is underlined: the characters in either script or width,
    or those its pinyin reads as (zscq: 知识产权)."""
    text = Text(no_wrap=True, end="")
    if summary.doubtful:
        text.append("？", style="yellow")
    title = Text(one_line(summary.title) or "（无题）", style="bold")
    if needle:
        from reader.search.title_filter import title_matches

        for start, end in (span for span, _ in title_matches(title.plain, needle)):
            title.stylize("underline reverse", start, end)
    text.append_text(title)
    who = one_line("　".join(summary.authors))
    if summary.column:
        who = f"{who} · {one_line(summary.column)}" if who else one_line(summary.column)
    if who:
        text.append("  ")
        text.append(who, style="dim")
    for topic in summary.topics:
        text.append(" ")
        text.append(f"#{one_line(topic)}", style="italic")
    return text


def source_label(source: str, labels: dict[str, str]) -> str:
    """A source page as lists show it: its label (Library.source_labels) if known, else its file name."""
    return one_line(labels.get(source) or PurePath(source).name or source)


class ArticleTree(Tree[int | None]):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        # Tree's own keys, described for this list (the help screen lists them)
        Binding("enter", "select_cursor", "Open article", show=False),
        Binding("space", "toggle_node", "Fold/unfold page", show=False),
    ]

    class TypeAhead(Message):
        def __init__(self, character: str) -> None:
            super().__init__()
            self.character = character

    _batching = 0  # depth of nested batch() blocks

    def process_label(self, label: TextType) -> Text:
        # Never let a title's brackets be read as Rich markup.
        text = Text(label, no_wrap=True) if isinstance(label, str) else label
        return text.split()[0] if "\n" in text.plain else text  # our labels are one line already: no copy

    def get_label_width(self, node: TreeNode[int | None]) -> int:
        # What Tree's default measures by rendering the label (copy, stylize, assemble) for every node on every
        # rebuild: at a few thousand page groups that was most of a big library's first frame.
        icon = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else ""
        return cell_len(icon) + node.label.cell_len

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Add many nodes with one invalidation: Tree invalidates (and refreshes) on every add, which made a
        few thousand page groups cost a quarter of a second."""
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            self._invalidate()

    def _invalidate(self) -> None:
        if not self._batching:
            super()._invalidate()

    def on_key(self, event: Key) -> None:
        # Type-to-filter: characters nobody binds (CJK from an input method, digits...) go to the filter box.
        ch = event.character
        if ch and event.is_printable and (not ch.isascii() or ch.isdigit()):
            event.stop()
            event.prevent_default()
            self.post_message(self.TypeAhead(ch))


class LibraryPane(Vertical):
    """Shows the article list it is given; filtering by topic happens in the app, by text here."""

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter list", show=False),
        # app actions, so the choice is remembered in the library's settings
        Binding("S", "app.sort_library", "Sort by title/source", show=False),
        Binding("F", "app.group_library", "Group by page/flat", show=False),
    ]

    class ArticleChosen(Message):
        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None, grouped: bool = True,
                 order: LibraryOrder = LibraryOrder.SOURCE) -> None:
        super().__init__(id=id)
        self.border_title = "文章 Library"
        self.grouped = grouped
        self.order = order
        self.summaries: list[ArticleSummary] = []
        # Group labels by source name: what the page says about itself when its file name is machine-made.
        self.source_labels: dict[str, str] = {}
        self.total = 0
        self.current: int | None = None
        self.shown: list[ArticleSummary] = []
        self._pending: dict[int, list[ArticleSummary]] = {}  # folded group node id -> rows not yet added
        self._group_of: dict[int, TreeNode[int | None]] = {}  # article id -> its group node (grouped mode)
        self.partial = False  # showing an outline (show_outline) until set_articles brings the whole list

    def compose(self) -> ComposeResult:
        yield Input(placeholder="筛选 filter…", id="library-filter")
        yield Label("", id="library-count", markup=False)
        tree: ArticleTree = ArticleTree(Text("library"), id="library-tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree

    @property
    def tree(self) -> ArticleTree:
        return self.query_one(ArticleTree)

    @property
    def filter_text(self) -> str:
        return self.query_one("#library-filter", Input).value.strip()

    def set_articles(self, summaries: list[ArticleSummary], total: int) -> None:
        self.summaries, self.total = summaries, total
        self.partial = False
        self.rebuild()

    def shows_outline(self) -> bool:
        """Whether an outline reads as the finished list would: grouped by page in page order, unfiltered."""
        return self.grouped and self.order == LibraryOrder.SOURCE and not self.filter_text

    def show_outline(self, pages: list[tuple[str, int]], rows: list[ArticleSummary], total: int) -> None:
        """What a big library's pane shows until its whole list is read (in a thread): every page's group with
        its count, folded, and the open article's page (`rows`) filled, exactly as the finished list will look.
        Filtering, sorting and regrouping wait for set_articles."""
        self.partial, self.total = True, total
        tree = self.tree
        tree.clear()
        self._pending, self._group_of = {}, {}
        open_source = rows[0].source if rows else None
        with tree.batch():
            for source, count in pages:
                group = tree.root.add(self._group_label(source, count), data=None, expand=False, allow_expand=True)
                if source == open_source:
                    self._group_of.update((s.id, group) for s in rows)
                    self._pending[group.id] = rows
            node = self._open_group_of(self.current)
        self._show_count(total)
        if node is not None:
            self.call_after_refresh(lambda: tree.move_cursor(node))

    def _group_label(self, source: str, count: int) -> Text:
        # One Text with two spans, not Text.assemble: each append strips control codes again, a third of the
        # time of a few thousand groups.
        name = source_label(source, self.source_labels)
        return Text(f"{name}  {count}", no_wrap=True, end="",
                    spans=[Span(0, len(name), "bold"), Span(len(name), len(name) + 2 + len(str(count)), "dim")])

    def _show_count(self, shown: int) -> None:
        count = f"{shown} 篇" + (f" / {self.total}" if shown != self.total else "")
        self.query_one("#library-count", Label).update(Text(count))

    def rebuild(self) -> None:
        if self.partial:
            return  # an outline: the whole list is on its way (set_articles), filtered and ordered as asked
        needle = self.filter_text
        shown = sort_articles([s for s in self.summaries if matches(s, needle)], self.order)
        self.shown = shown
        tree = self.tree
        tree.clear()
        self._pending, self._group_of = {}, {}
        cursor_node: TreeNode[int | None] | None = None
        with tree.batch():
            if self.grouped:
                members: dict[str, list[ArticleSummary]] = {}
                for s in sorted(shown, key=lambda s: (s.source, s.ordinal)) if self.order == LibraryOrder.SOURCE else shown:
                    members.setdefault(s.source, []).append(s)
                eager = len(shown) <= EAGER_UP_TO
                for source, rows in members.items():
                    group = tree.root.add(self._group_label(source, len(rows)), data=None, expand=eager, allow_expand=True)
                    for s in rows:
                        self._group_of[s.id] = group
                    if eager:
                        self._fill(group, rows)
                    else:
                        self._pending[group.id] = rows
                if self.current in self._group_of:
                    cursor_node = self._open_group_of(self.current)
            else:
                for s in shown:
                    node = tree.root.add_leaf(row_label(s, needle), data=s.id)
                    if s.id == self.current:
                        cursor_node = node
        self._show_count(len(shown))
        if cursor_node is not None:
            node = cursor_node
            self.call_after_refresh(lambda: tree.move_cursor(node))

    def _fill(self, group: TreeNode[int | None], rows: list[ArticleSummary]) -> None:
        needle = self.filter_text
        with self.tree.batch():
            for s in rows:
                group.add_leaf(row_label(s, needle), data=s.id)

    def _open_group_of(self, article_id: int | None) -> TreeNode[int | None] | None:
        """Fill (if folded and empty) and open the group holding `article_id`; return the article's node."""
        group = self._group_of.get(article_id) if article_id is not None else None
        if group is None:
            return None
        rows = self._pending.pop(group.id, None)
        if rows is not None:
            self._fill(group, rows)
        group.expand()
        return next((child for child in group.children if child.data == article_id), None)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[int | None]) -> None:
        rows = self._pending.pop(event.node.id, None)
        if rows is not None:
            self._fill(event.node, rows)

    def mark_current(self, article_id: int | None) -> None:
        self.current = article_id
        tree = self.tree
        if self._group_of:  # grouped: go straight to the article's page instead of walking every node
            node = self._open_group_of(article_id)
            if node is not None:
                # rows just added to a page get their line numbers when the tree is next laid out
                self.call_after_refresh(lambda: tree.move_cursor(node))
            return

        def walk(node: TreeNode[int | None]) -> TreeNode[int | None] | None:
            for child in node.children:
                if child.data == article_id:
                    return child
                found = walk(child)
                if found is not None:
                    return found
            return None

        node = walk(tree.root)
        if node is not None:
            if node.parent is not None and not node.parent.is_expanded:
                node.parent.expand()
            tree.move_cursor(node)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "library-filter":
            self.rebuild()  # and let it bubble: the app recounts topics over the filtered list

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "library-filter":
            event.stop()
            self.tree.focus()

    def on_article_tree_type_ahead(self, event: ArticleTree.TypeAhead) -> None:
        box = self.query_one("#library-filter", Input)
        box.focus()
        box.insert_text_at_cursor(event.character)

    def on_tree_node_selected(self, event: Tree.NodeSelected[int | None]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.ArticleChosen(event.node.data))

    def action_focus_filter(self) -> None:
        self.query_one("#library-filter", Input).focus()

    def action_toggle_sort(self) -> None:
        self.order = LibraryOrder.TITLE if self.order == LibraryOrder.SOURCE else LibraryOrder.SOURCE
        self.rebuild()
        self.app.notify(f"排序：{'标题' if self.order == LibraryOrder.TITLE else '版面顺序'}", timeout=2)

    def action_toggle_grouping(self) -> None:
        self.grouped = not self.grouped
        self.rebuild()
