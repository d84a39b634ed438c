"""ReaderView on its own: literal text (never markup), styles per kind, find, width, and long articles."""
from __future__ import annotations

from rich.style import Style
from textual.app import App, ComposeResult

from reader.model import ArticleDetail, ParagraphOut
from reader.tui.widgets.reader_view import ReaderView


def make_article(paragraphs: list[tuple[str, str]], title: str = "标题") -> ArticleDetail:
    return ArticleDetail(id=7, source="s.txt", ordinal=0, title=title, kicker=None, subtitle=None, authors=["作者"],
                         column=None, topics=[], tags=[], chars=0,
                         paragraphs=[ParagraphOut(k, t) for k, t in paragraphs])


class Host(App[None]):
    CSS_PATH = "../../reader/tui/app.tcss"

    def __init__(self, article: ArticleDetail) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        yield ReaderView(id="reader")

    def on_mount(self) -> None:
        self.query_one(ReaderView).load(self.article, position=self.position)

    position: tuple[int, int] | None = None


def screen_text(view: ReaderView) -> list[str]:
    return ["".join(seg.text for seg in view.render_line(y)) for y in range(view.scrollable_content_region.height)]


async def test_markup_in_article_text_is_shown_literally() -> None:
    nasty = "[bold red]x[/] 和 [link=file:///etc]点我[/link] 以及 [@click=app.quit]退出[/]"
    app = Host(make_article([("body", nasty)], title="[b]标题[/b]"))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        text = "\n".join(screen_text(app.query_one(ReaderView)))
        assert "[bold red]x[/]" in text
        assert "[link=file:///etc]点我[/link]" in text
        assert "[b]标题[/b]" in text
        for y in range(10):
            for seg in app.query_one(ReaderView).render_line(y):
                assert seg.style is None or seg.style.link is None


async def test_headings_and_notes_are_styled_differently_from_body() -> None:
    app = Host(make_article([("body", "正文段落。"), ("heading", "小标题"), ("note", "（来源：某报）")]))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        layout = view.layout_
        assert layout is not None

        def style_of(para: int) -> Style:
            strip = view.render_line(layout.para_first_line[para] - round(view.scroll_y))
            return next(seg.style for seg in strip if seg.text.strip())

        body, heading, note = style_of(0), style_of(1), style_of(2)
        assert heading.bold and not body.bold
        assert note.italic and note.color != body.color


async def test_find_highlights_and_cycles() -> None:
    paras = [("body", f"第{i}段：知识产权保护。" + "填充文字。" * 30) for i in range(40)]
    app = Host(make_article(paras))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        assert view.find("知识产权") == 40
        assert view.hit_index == 0
        view.next_hit(+1)
        await pilot.pause()
        assert view.hit_index == 1
        para, start, end = view.hits[1]
        # the current hit is on screen and painted with the current-hit style
        y = view.layout_.line_of(para, start) - round(view.scroll_y)
        assert 0 <= y < view.scrollable_content_region.height
        current = view.get_component_rich_style("reader-view--hit-current")
        assert any(seg.style and seg.style.bgcolor == current.bgcolor and "知" in seg.text
                   for seg in view.render_line(y))
        view.next_hit(-1)
        view.next_hit(-1)
        assert view.hit_index == 39  # wraps around
        view.clear_find()
        assert view.hits == []


async def test_width_change_rewraps_and_keeps_place() -> None:
    app = Host(make_article([("body", "创新驱动发展。" * 60) for _ in range(30)]))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        assert view.layout_.width == 72
        view.go_to(20, 100)
        await pilot.pause()
        before = view.position
        view.measure = 40
        await pilot.pause()
        assert view.layout_.width == 40
        para, offset = view.position
        assert para == before[0] and abs(offset - before[1]) < 40


async def test_narrow_pane_shrinks_measure_instead_of_overflowing() -> None:
    app = Host(make_article([("body", "长" * 500)]))
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ReaderView)
        assert view.layout_.width <= view.scrollable_content_region.width
        assert all(len(view.render_line(y).text) <= view.scrollable_content_region.width + 1 for y in range(10))


async def test_long_article_renders_only_what_is_visible() -> None:
    text = "新质生产力是创新起主导作用的先进生产力质态。" * 22
    paras = [("body", text)] * (100_000 // len(text) + 1)
    app = Host(make_article(paras))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the full layout is finished in a thread
        await pilot.pause()
        view = app.query_one(ReaderView)
        assert sum(len(p.text) for p in view.article.paragraphs) >= 100_000
        assert view.layout_.complete and len(view.layout_.lines) > 1000
        assert len(view._cache) <= 2 * view.size.height  # strips are made lazily, per visible line
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 0
        last = view.layout_.line_text(len(view.layout_.lines) - 1)
        assert any(last in "".join(s.text for s in view.render_line(y)) for y in range(view.size.height))
        await pilot.press("g")
        await pilot.pause()
        assert view.position == (0, 0)


async def test_long_article_opens_at_a_deep_position_before_the_full_layout() -> None:
    text = "知识产权与产业协同发展机制。" * 30
    paras = [("body", f"{i:04d}" + text) for i in range(300)]
    app = Host(make_article(paras))
    app.position = (250, 30)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ReaderView)
        first = view.layout_
        assert first is not None
        if not first.complete:  # the window starts at the reading position
            assert first.first_para == 250 and first.has_paragraph(250)
        assert view.position[0] == 250
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.layout_.complete
        assert view.position[0] == 250 and view.position[1] <= 30
        assert "0250" in "".join(s.text for y in range(5) for s in view.render_line(y)) or view.position[1] > 0
        view.go_to(3)
        assert view.position == (3, 0)
