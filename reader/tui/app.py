"""The reading room: a Textual app with library, topic, reader and annotation panes.

`run_app(lib)` is what the CLI calls. Everything the app knows comes through `reader.library.Library`.
"""
from __future__ import annotations

import gc
import logging
import sqlite3
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.events import DescendantBlur, Key
from textual.timer import Timer
from textual.widgets import Input

from reader.model import UNCLASSIFIED, ParagraphKind
from reader.tui.annotating import AnnotationActions
from reader.tui.correcting import CorrectionActions
from reader.tui.discovering import DiscoveryActions
from reader.tui.early_keys import focus_selected, type_into
from reader.tui.preferences import Preferences, Theme
from reader.tui.screens.reading import NARROW_BELOW, READING_KEYS, Pane, ReadingScreen, action_of
from reader.tui.topic_filter import topic_matches
from reader.tui.widgets.library_list import LibraryPane
from reader.tui.widgets.reader_view import MAX_MEASURE, MIN_MEASURE, ReaderView
from reader.tui.widgets.topic_list import TopicList

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.widgets import SelectionList

    from reader.library import Library
    from reader.model import ArticleDetail, ArticleSummary, TopicCount
    from reader.tui.crash import Crash
    from reader.tui.widgets.notes_list import NotesPane

SAVE_DELAY = 1.0  # seconds of stillness before a reading position is written
LISTS_IN_THREAD_FROM = 2000  # articles; smaller libraries fill their lists in place (a few ms)
POLL_EVERY = 3.0  # seconds between checks for articles imported by another process
# Actions that touch the notes pane; ignored in the moment before it is mounted (see mount_notes).
NOTES_ACTIONS = frozenset({"cycle_pane", "toggle_notes", "notes_scope"})
EMPTY_HINT = ("文章库是空的。The library is empty.\n\n"
              "导入一页文章 import a page:   ipreader 文件.txt\n"
              "导入文件夹 a folder of pages:  ipreader import 文件夹/\n"
              "示例页面 the sample pages:     ipreader import --samples")


# The palette providers, the notes pane and the dialogs are imported when first used, not at start-up: every
# module imported before the first frame is paid for by every start.
def _article_commands() -> type[Provider]:
    from reader.tui.commands import ArticleCommands

    return ArticleCommands


def _topic_commands() -> type[Provider]:
    from reader.tui.commands import TopicCommands

    return TopicCommands


def _action_commands() -> type[Provider]:
    from reader.tui.commands import ActionCommands

    return ActionCommands


class ReaderApp(AnnotationActions, CorrectionActions, DiscoveryActions, App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere still find it
    TITLE = "ipreader"
    COMMANDS = App.COMMANDS | {_article_commands, _topic_commands, _action_commands}
    ENABLE_COMMAND_PALETTE = True
    def __init__(self, lib: Library, open_article: int | None = None, resume_gc: bool = False) -> None:
        super().__init__()
        self.lib = lib
        self.crashed: Crash | None = None  # set when an unexpected error stops the app (reader.tui.crash)
        self.resume_gc = resume_gc  # run_app paused the cyclic collector until the first frame is painted
        self.requested_article = open_article
        self.all_summaries: list[ArticleSummary] = []
        self.topic_names: list[str] = []
        self.topic_counts: list[tuple[str, int]] = []
        self.selected_topics: set[str] = set()
        self.article: ArticleDetail | None = None
        self.prefs = Preferences.load(lib)
        self._save_timer: Timer | None = None
        self._pending_position: tuple[int, int, int] | None = None
        self._token: int | None = None
        self.lists_loaded = False
        # The first frame is the whole reading room: the open article, the topics and the library with its titles
        # (a big library's as an outline, see show_outline). Only the notes pane, when hidden, joins a frame later
        # (mount_notes); until then it is None and what touches it waits for `notes_ready`.
        self.topics = TopicList(id="topics")
        self.library = LibraryPane(id="library", grouped=self.prefs.grouped, order=self.prefs.order)
        self._notes: NotesPane | None = None
        self.notes_ready = False
        self._find_box: Input | None = None
        self._typing_into: Input | None = None  # the find box, from `/` until it first loses focus (see on_key)
        self.theme = self.prefs.theme.value

    # --- layout -------------------------------------------------------------------------------------------

    def get_default_screen(self) -> ReadingScreen:
        width = self.size.width
        notes = self._make_notes() if self.prefs.notes and width >= NARROW_BELOW else None
        return ReadingScreen(self.topics, self.library, notes, show_library=self.prefs.library,
                             show_notes=self.prefs.notes, width=width, on_ready=self.start)

    def _make_notes(self) -> NotesPane:
        from reader.tui.widgets.notes_list import NotesPane

        self._notes = NotesPane(id="notes")
        return self._notes

    async def mount_notes(self) -> None:
        """After the first frame: resume the collector and mount the notes pane (hidden) if it is not there."""
        if self.resume_gc:
            self.resume_gc = False
            gc.freeze()  # what start-up built stays: never walk it again
            gc.enable()
        if self._notes is None:
            await self.base.add_notes(self._make_notes())
        self.notes_ready = True

    # The panes live on the base screen; query it (not the active screen) so they are reachable under a modal.
    @property
    def base(self) -> ReadingScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ReadingScreen)
        return screen

    @property
    def reader(self) -> ReaderView:
        return self.base.query_one(ReaderView)

    # Only to be used once `notes_ready` (a hidden notes pane is mounted after the first frame).
    @property
    def notes_pane(self) -> NotesPane:
        assert self._notes is not None, "the notes pane is mounted after the first frame"
        return self._notes

    def source_label(self, name: str) -> str:
        """How a source page is named on screen: its label once the lists are loaded, else its file name."""
        from reader.tui.widgets.library_list import source_label

        return source_label(name, self.library.source_labels)

    def remember(self, **values: Any) -> None:
        """Save UI preferences (fields of Preferences); a read-only or full database must cost the preference,
        never the session."""
        self.prefs, settings = self.prefs.changed(**values)
        try:
            for key, value in settings.items():
                self.lib.set_setting(key, value)
        except sqlite3.Error as exc:
            self.notify(f"设置未保存 Setting not saved: {exc}", severity="warning", markup=False)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from reader.tui.commands import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys that need the notes pane wait the frame or two until it is mounted. (Under a dialog the reading
        # keys are out of play by themselves: they belong to ReadingScreen.)
        if not self.notes_ready and action in NOTES_ACTIONS:
            return False
        return True

    def start(self) -> None:
        """The reading room's start, once its screen is composed (ReadingScreen.on_mount calls it)."""
        self.reader.measure = self.prefs.measure
        room = self.base
        # The layout as the reader leaves it is the layout of the next start.
        self.watch(room, "show_library", lambda shown: self.remember(library=shown), init=False)
        self.watch(room, "show_notes", lambda shown: self.remember(notes=shown), init=False)
        article_id = self.requested_article or self.lib.last_article() or self.lib.first_article_id()
        if article_id is not None:
            self.open_article(article_id, focus=True, defer_notes=True)
        self.load_lists()
        self.call_after_refresh(self.mount_notes)
        self.set_interval(POLL_EVERY, self.poll_changes)

    def on_reading_screen_notes_revealed(self, _event: ReadingScreen.NotesRevealed) -> None:
        if self.article is not None and self.notes_ready:
            self.refresh_notes()

    # --- data ---------------------------------------------------------------------------------------------

    def load_lists(self) -> None:
        """Fill the topic and library lists: in place for a small library, from a worker thread for a big one
        (reading 10,000 summaries takes half a second the screen should not be frozen for)."""
        count = self.lib.article_count()
        if count >= LISTS_IN_THREAD_FROM:
            if not self.lists_loaded:
                self.show_outline(count)
            self.call_after_refresh(self.fetch_lists)  # once the article is painted: the thread competes for the GIL
            return
        self.apply_lists(self.lib.topics(), self.lib.articles(), self.lib.change_token(), self.lib.source_labels())

    def show_outline(self, count: int) -> None:
        """A big library's first screen, in a few ms: the topics with their counts and the library's page outline
        with the open article's page filled; the whole article list follows from a thread (fetch_lists)."""
        topics = self.lib.topics()
        self.topic_names = [t.name for t in topics]
        self.topic_counts = [(t.name, t.count) for t in topics]
        self.topics.set_topics(self.topic_counts, self.selected_topics)
        if not self.library.shows_outline():
            return  # sorted by title or flat: the list waits for every row
        self.library.source_labels = self.lib.source_labels()
        rows = self.lib.articles(source=self.article.source) if self.article is not None else []
        self.library.show_outline(self.lib.page_counts(), rows, count)

    @work(thread=True, exclusive=True, group="lists", exit_on_error=False)
    def fetch_lists(self) -> None:
        from reader.library import Library

        try:
            with Library(self.lib.path, migrate=False) as lib:  # its own connection: the UI thread keeps using self.lib
                topics, summaries, token = lib.topics(), lib.articles(), lib.change_token()
                labels = lib.source_labels()
        except Exception as exc:  # e.g. locked by an import in another process: say so, keep reading
            self.call_from_thread(self.notify, f"文章列表读取失败 could not load the list: {exc}",
                                  severity="error", markup=False)
            return
        self.call_from_thread(self.apply_lists, topics, summaries, token, labels)

    def apply_lists(self, topics: list[TopicCount], summaries: list[ArticleSummary], token: int,
                    labels: dict[str, str] | None = None) -> None:
        self.topic_names = [t.name for t in topics]
        if labels is not None:
            self.library.source_labels = labels
        self.all_summaries = summaries
        self._token = token
        self.lists_loaded = True
        self.refresh_lists()
        if self.article is None and self.all_summaries:
            self.open_article(self.all_summaries[0].id, focus=True)
        elif self.article is None:
            self.reader.placeholder = EMPTY_HINT
            self.reader.refresh()
        elif self.article is not None:
            self.library.mark_current(self.article.id)

    def refresh_lists(self) -> None:
        """Re-filter the library by topic and recount topics over the text-filtered articles."""
        self.refresh_topic_counts()
        shown = [s for s in self.all_summaries if topic_matches(s, self.selected_topics)]
        self.library.set_articles(shown, len(self.all_summaries))

    def refresh_topic_counts(self) -> None:
        from reader.tui.widgets.library_list import matches

        in_text = [s for s in self.all_summaries if matches(s, self.library.filter_text)]
        counts = {name: 0 for name in self.topic_names}
        for s in in_text:
            for t in (s.topics or [UNCLASSIFIED]):
                counts[t] = counts.get(t, 0) + 1
        self.topic_counts = list(counts.items())
        self.topics.set_topics(self.topic_counts, self.selected_topics)
        label = f"主题 Topics ({len(self.selected_topics)} 选)" if self.selected_topics else "主题 Topics"
        self.topics.border_title = label

    def poll_changes(self) -> None:
        if not self.lists_loaded:
            return  # the first load has not even happened yet
        token = self.lib.change_token()
        if self._token is not None and token != self._token:
            self.load_lists()
            self.notify("文章库已更新 library updated", timeout=3)

    def open_article(self, article_id: int, focus: bool = False, defer_notes: bool = False) -> None:
        self.save_position()
        try:
            article = self.lib.article(article_id)
        except (KeyError, LookupError, ValueError):
            self.notify(f"没有这篇文章 no article {article_id}", severity="warning", markup=False)
            return
        self.article = article
        breaks = self.lib.article_breaks(article_id)
        position = self.lib.get_position(article_id)
        self.reader.load(article, breaks, position)
        self.reader.border_title = Text(article.title)  # a str here would be parsed as markup
        self.library.mark_current(article_id)
        box = self._find_box
        if box is not None and box.display:
            box.display = False
        if defer_notes:  # at start-up: the text first, the notes (and the notes code) a frame later
            self.call_after_refresh(self.refresh_notes)
        else:
            self.refresh_notes()
        if self.base.narrow:
            self.base.show_pane(Pane.READER)
        elif focus:
            self.reader.focus()
        self.update_status()

    # --- reading position ---------------------------------------------------------------------------------

    def on_reader_view_moved(self, event: ReaderView.Moved) -> None:
        self._pending_position = (event.article_id, event.paragraph, event.offset)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_position)

    def save_position(self) -> None:
        if self._pending_position is not None:
            article_id, paragraph, offset = self._pending_position
            self._pending_position = None
            try:
                self.lib.set_position(article_id, paragraph, offset)
            except sqlite3.Error:
                # A full or read-only database must not take the app (and a note being typed) down with it;
                # the reading position is the one thing it is fine to lose.
                pass

    def update_status(self) -> None:
        self.reader.update_status()

    async def action_quit(self) -> None:
        self.save_position()
        self.exit()

    def on_unmount(self) -> None:
        self.save_position()

    # --- messages from panes ------------------------------------------------------------------------------

    def on_library_pane_article_chosen(self, event: LibraryPane.ArticleChosen) -> None:
        self.open_article(event.article_id, focus=True)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "library-filter" and self.lists_loaded:
            self.refresh_topic_counts()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        selected = set(self.topics.selected)
        if selected != self.selected_topics:
            self.selected_topics = selected
            self.refresh_lists()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "find-input":
            event.stop()
            count = self.reader.find(event.value.strip())
            event.input.display = False
            self.reader.focus()
            self.update_status()
            if event.value.strip() and count == 0:
                self.notify(f"没有找到 not found: {event.value.strip()}", severity="warning", markup=False)

    # --- actions ------------------------------------------------------------------------------------------

    def action_cycle_pane(self, step: int) -> None:
        room = self.base
        panes = room.visible_panes()
        current = room.current_pane()
        index = panes.index(current) if current in panes else (panes.index(Pane.READER) if step > 0 else 0)
        room.show_pane(panes[(index + step) % len(panes)])

    def action_step_article(self, step: int) -> None:
        order = self.library.shown or self.all_summaries
        if not order:
            return
        ids = [s.id for s in order]
        if self.article is None or self.article.id not in ids:
            self.open_article(ids[0])
            return
        i = ids.index(self.article.id) + step
        if 0 <= i < len(ids):
            self.open_article(ids[i])
        else:
            self.notify("已是第一篇 first article" if step < 0 else "已是最后一篇 last article", timeout=2)

    def action_outline(self) -> None:
        if self.article is None or self.reader.layout_ is None:
            return

        def jump(paragraph: int | None) -> None:
            if paragraph is not None:
                self.reader.go_to(paragraph, 0)
                self.base.show_pane(Pane.READER)

        from reader.tui.screens.outline import OutlineScreen

        headings = [(i, p.text) for i, p in enumerate(self.article.paragraphs) if p.kind == ParagraphKind.HEADING]
        self.push_screen(OutlineScreen(self.article.title, headings, self.reader.position[0]), jump)

    async def action_find(self) -> None:
        if self.article is None:
            return
        if self.base.narrow:
            self.base.show_pane(Pane.READER)
        box = self._find_box
        if box is None:
            box = self._find_box = Input(placeholder="查找 find in article (Enter; Esc to close)", id="find-input")
            await self.base.query_one("#reader-column").mount(box)
        box.display = True
        box.value = self.reader.find_query
        focus_selected(box)
        self._typing_into = box

    def on_key(self, event: Key) -> None:
        """Printable characters nobody took because focus had not reached a text input yet go into that input.

        Typed at once after `/`, `s` or `c` (fast typing, a paste), characters are already on their way to the
        widget that had focus, which ignores them: without this they are lost. In a search or concordance dialog,
        a character typed while its result list has focus edits the query, as in a browser's find bar."""
        if not event.is_printable or not event.character:
            return
        box = self._typing_into
        if box is not None and box.display and box.screen is self.screen:
            type_into(box, event.character)
        else:
            into_dialog = getattr(self.screen, "type_into_input", None)
            if into_dialog is None or not into_dialog(event.character):
                return
        event.stop()
        event.prevent_default()

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        if event.widget is self._typing_into:
            self._typing_into = None  # from now on a key that reaches the app was meant for whatever has focus

    def action_find_next(self, step: int) -> None:
        if self.reader.hits:
            self.reader.next_hit(step)
            self.update_status()

    def action_escape(self) -> None:
        box = self._find_box
        if self.reader.selecting:
            self.reader.cancel_selection()
            return
        if box is not None and box.display:
            box.display = False
            self.reader.focus()
        elif self.focused is not None and self.focused.id == "library-filter":
            self.library.tree.focus()
        elif self.reader.find_query:
            self.reader.clear_find()
            self.update_status()
        elif self.base.narrow and self.base.narrow_pane != Pane.READER:
            self.base.show_pane(Pane.READER)

    def action_focus_topics(self) -> None:
        self.base.show_pane(Pane.TOPICS)

    def action_clear_topics(self) -> None:
        self.set_topic_filter([])

    def set_topic_filter(self, names: list[str]) -> None:
        self.selected_topics = set(names)
        self.refresh_lists()

    def action_why(self) -> None:
        if self.article is None:
            return
        from reader.tui.screens.reasons import ReasonsScreen

        reasons = self.lib.topic_reasons(self.article.id)
        self.push_screen(ReasonsScreen(self.article.title, reasons, self.article.tags))

    def action_width(self, step: int) -> None:
        reader = self.reader
        reader.measure = min(MAX_MEASURE, max(MIN_MEASURE, reader.measure + step))
        self.remember(measure=reader.measure)
        self.update_status()

    def action_toggle_library(self) -> None:
        self.base.toggle_library()

    def action_toggle_notes(self) -> None:
        self.base.toggle_notes()

    def action_toggle_theme(self) -> None:
        theme = Theme.LIGHT if self.theme == Theme.DARK else Theme.DARK
        self.theme = theme.value
        self.remember(theme=theme)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.binding_sections()))

    def binding_sections(self) -> list[tuple[str, list[BindingType]]]:
        """The help screen's sections, from the real bindings of the app, its panes and screens."""
        from reader.tui.widgets.library_list import ArticleTree
        from reader.tui.widgets.notes_list import NotesList, NotesPane

        app_keys = {action_of(b): b for b in READING_KEYS if isinstance(b, Binding)}
        reader = [b for b in ReaderView.BINDINGS if isinstance(b, Binding)]
        # The cursor's keys, which move the far end of a selection after v; w/b move by word only then (outside
        # a selection w is "why these topics" and b hides the library).
        cursor = [b for b in reader if b.action.startswith(("cursor(", "scroll_down", "scroll_up"))
                  or b.action == "annotate_selection"]
        return [
            ("全局 Global", list(READING_KEYS) + [Binding("ctrl+p", "command_palette", "Command palette")]),
            ("阅读 Reader", [b for b in reader if b not in cursor or b.action.startswith("scroll_")]),
            ("光标与选择 Cursor and selection (v selects; w/b move by word only then)",
             cursor + [app_keys["bookmark"], app_keys["escape"]]),
            ("文章列表 Library", list(LibraryPane.BINDINGS) + list(ArticleTree.BINDINGS)),
            ("主题 Topics", list(TopicList.BINDINGS)),
            ("批注 Notes", list(NotesPane.BINDINGS) + list(NotesList.BINDINGS) + [app_keys["export_notes"]]),
            *self.discovery_help_sections(),
        ]

    def _handle_exception(self, error: Exception) -> None:
        # Textual's hook for an unhandled error (it then exits with status 1): first keep the note being written
        # and write the report, so run_app can say where they went once the terminal is back.
        if self.crashed is None:
            from reader.tui.crash import rescue

            try:
                self.crashed = rescue(self, error, self.lib.path)
            except Exception:  # noqa: BLE001 — never let the rescue hide the error itself
                pass
        super()._handle_exception(error)

    def palette_actions(self) -> list[tuple[str, str]]:
        """Every action the palette offers, from the real bindings: the app's own, then the panes' app actions."""
        from reader.tui.widgets.notes_list import NotesPane

        out = [(f"{b.description}  ({b.key.split(',')[0]})", action_of(b)) for b in READING_KEYS
               if isinstance(b, Binding) and action_of(b) not in ("quit", "escape")]
        for owner in (ReaderView, LibraryPane, NotesPane):
            out += [(f"{b.description}  ({b.key.split(',')[0]})", action_of(b))
                    for b in owner.BINDINGS if isinstance(b, Binding) and b.action.startswith("app.")]
        return out

    def action_sort_library(self) -> None:
        self.library.action_toggle_sort()
        self.remember(order=self.library.order)

    def action_group_library(self) -> None:
        self.library.action_toggle_grouping()
        self.remember(grouped=self.library.grouped)

    def action_notes_scope(self) -> None:
        self.notes_pane.show_all = not self.notes_pane.show_all
        if not self.notes_pane.display:
            self.base.show_pane(Pane.NOTES)
        self.refresh_notes()


def run_app(lib: Library, open_article: int | None = None, *, gc_paused: bool = False) -> int:
    """Run the TUI until the user quits. Logging and warnings are muted so nothing scribbles on the screen.

    Start-up creates a few hundred thousand objects that live as long as the program (Textual's modules, classes,
    styles): the cyclic collector would walk them again and again before the first frame (~25 ms on a small VM)
    and free nothing. So it is paused until the first frame is painted, then what start-up built is frozen (never
    walked again) and it resumes. `gc_paused`: the caller paused it already (the CLI does, before importing
    this module) and wants it resumed. Returns the exit code: 1 when the app stopped on an unhandled error (Textual
    has printed its traceback by then), so a crash never looks like a clean quit to the shell.
    """
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    gc_was_enabled = gc.isenabled() or gc_paused
    gc.disable()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            app = ReaderApp(lib, open_article, resume_gc=gc_was_enabled)
            app.run()
            if app.crashed is not None:
                from reader.tui.crash import describe

                print(describe(app.crashed), file=sys.stderr)
            return app.return_code or 0
    finally:
        logging.disable(previous)
        if gc_was_enabled:
            gc.enable()
