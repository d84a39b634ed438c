"""Character normalisation shared by the index, the query builder and in-text matching.

Every stage compares text in one normalised form: NFKC per character (so ２０２３ = 2023 and ，= ,), then casefold,
then traditional characters folded to simplified (OpenCC's t2s table, character by character: 知識產權 = 知识产权), so
one query finds both scripts while the text itself is stored and shown as written.
Normalising per character (not per string) keeps a simple map from each normalised character back to the original
one, which snippets, highlights and concordance lines need to cut the original text.

Whitespace and control characters are "gaps": they become one space (or a newline for line/paragraph breaks) in the
normalised text, and a barrier token in the index, so a term never matches across them — exactly as a substring scan
would behave on the normalised text.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from reader.ingest.script import t2s_chars  # OpenCC loads with the first character, not here

# Barrier tokens in the index. Character tokens are lowercase hex code points, so g/h never collide with them.
GAP_TOKEN = "g"  # a run of whitespace inside a paragraph
BREAK_TOKEN = "h"  # a paragraph (or title field) boundary, which no query can cross

_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _is_gap(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) == "Cc"


def _norm_char(ch: str) -> str:
    if ch in _LINE_BREAKS:
        return "\n"
    if _is_gap(ch):
        return " "
    if unicodedata.category(ch) == "Cs":
        # A lone surrogate cannot be encoded for SQLite; treat it as the replacement character.
        return "\ufffd"
    # Script folded character by character, not phrase by phrase: the index and a query must fold alike without
    # context, and a normalised character must map back to one original (highlights).
    out = unicodedata.normalize("NFKC", ch).casefold().translate(t2s_chars())
    # NFKC can introduce spaces (¨ → " ̈"); they are gaps like any other space.
    return "".join(" " if _is_gap(c) else c for c in out) or " "


class _NormTable(dict):
    """A str.translate table that fills itself lazily: translate() then runs at C speed over cached characters."""

    def __missing__(self, code: int) -> str:
        value = _norm_char(chr(code))
        self[code] = value
        return value


def char_token(c: str) -> str:
    """The index token of one normalised character: an ASCII one as its hex code point (FTS5's `ascii` tokenizer
    would split on punctuation and fold case), any other as itself, which that tokenizer takes as a token character
    whatever the script. Hex digits hold no g or h, so the gap and break tokens never collide with a character's; and
    a Chinese character costs four bytes of index text (its UTF-8 and the space) rather than five as hex."""
    return format(ord(c), "x") if c < "\x80" else c


class _TokenTable(dict):
    """Maps an original character to its index tokens (char_token of its normalised form, space-terminated)."""

    def __missing__(self, code: int) -> str:
        parts = []
        for c in _NORM[code]:
            if c == "\n":
                parts.append(BREAK_TOKEN + " ")
            elif c == " ":
                parts.append(GAP_TOKEN + " ")
            else:
                parts.append(char_token(c) + " ")
        value = "".join(parts)
        self[code] = value
        return value


_NORM = _NormTable()
_TOKENS = _TokenTable()


def normalize(text: str) -> str:
    """The normalised form of `text` (not length-preserving: one character can become several)."""
    return text.translate(_NORM)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text plus, for each of its characters, the index of the original character it came from."""
    if text.isascii():
        lowered = text.translate(_NORM)
        if len(lowered) == len(text):
            return lowered, list(range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        n = _NORM[ord(ch)]
        chars.append(n)
        if len(n) == 1:
            origin.append(i)
        else:
            origin.extend([i] * len(n))
    return "".join(chars), origin


def _collapse_gaps(tokens: str) -> str:
    # A run of whitespace is one gap: "a  b" and "a b" must index alike. Hex tokens never contain g/h, so
    # plain string replacement is safe; a gap next to a break is dropped (the break already separates).
    while "g g " in tokens:
        tokens = tokens.replace("g g ", "g ")
    return tokens.replace("g h ", "h ").replace("h g ", "h ")


def index_tokens(text: str) -> str:
    """Space-separated index tokens for `text`: one per normalised character, g for whitespace, h for breaks."""
    return _collapse_gaps(text.translate(_TOKENS))


# Characters translated at a time by index_token_pieces: a huge paragraph's tokens (five bytes a character) never
# exist as one string.
TOKEN_STEP = 1 << 20


def _barrier_tail(tokens: str) -> int:
    """Where the trailing run of barrier tokens ("g " and "h ") of `tokens` starts (len(tokens) when none)."""
    end = len(tokens)
    while end >= 2 and tokens[end - 2] in "gh":  # a character's token holds no g or h (char_token)
        end -= 2
    return end


def index_token_pieces(text: str, *, step: int = TOKEN_STEP) -> Iterator[str]:
    """index_tokens(text) in consecutive pieces, translating `step` characters at a time.

    A run of gaps and breaks is collapsed as a whole, so each piece holds back its trailing run for the next one:
    the pieces join to exactly index_tokens(text).
    """
    carry = ""
    for start in range(0, len(text), step):
        tokens = _collapse_gaps(carry + text[start:start + step].translate(_TOKENS))
        cut = _barrier_tail(tokens)
        carry = tokens[cut:]
        if cut:
            yield tokens[:cut]
    if carry:
        yield carry


def index_tokens_for_fields(fields: list[str]) -> str:
    """Tokens for several fields (paragraphs, title parts) separated by a break so no phrase spans two of them."""
    return (BREAK_TOKEN + " ").join(index_tokens(f) for f in fields if f)


def phrase_tokens(normalized_term: str) -> str:
    """Index tokens of an already normalised query term (whitespace inside it means 'some whitespace here')."""
    tokens = []
    prev_gap = False
    for c in normalized_term:
        if c in " \n":
            if not prev_gap:
                tokens.append(GAP_TOKEN)
            prev_gap = True
        else:
            tokens.append(char_token(c))
            prev_gap = False
    return " ".join(tokens)

