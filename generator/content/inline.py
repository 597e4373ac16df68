"""The inline markup of a text block: **bold**, *italic* and [a link](https://...), nothing else.

Parsed here, once, into the model's spans, so the writers style runs and never read markup. The
rules are few on purpose, so a reader can predict them:

- A run of one, two or three asterisks opens italic, bold, or both when a character other than a
  space follows it, and closes what it opened when one precedes it. Asterisks with spaces on both
  sides ("5 * 3"), or four and more, print as written. One left open at the end of the paragraph is
  an error at its place: a stray `**` would otherwise silently embolden the rest of the paragraph.
- `[label](address)` is a link when the address has no spaces (and at most one pair of
  parentheses, as in /wiki/Foo_(bar)); the address must
  start http://, https:// or mailto:, else it is an error. Any other bracket prints as written.
- Everything else prints as written: `<`, `&`, `\\`, `_`, backticks. There is no escape
  character, so a backslash is never lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span

_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)\)")  # one pair of parentheses: /wiki/Foo_(bar)
_STARS = re.compile(r"\*+")
_SCHEMES = re.compile(r"^(https?://[^/?#\s]+\S*|mailto:[^@\s]+@\S+)$", re.IGNORECASE)
LINK_HINT = "a link goes to a web address (https://example.org/page) or an email address (mailto:name@example.org)"


@dataclass(frozen=True)
class Problem:
    """A fault in the markup, at a character offset of the text, for the reader to place."""

    offset: int
    message: str
    hint: str | None = None


def parse(text: str) -> tuple[tuple[Span, ...], list[Problem]]:
    """The paragraph's spans (adjacent spans of one style merged) and the markup's problems."""
    state = _State()
    position = 0
    for link in _LINK.finditer(text):
        state.emphasis(text, position, link.start())
        address = link.group(2)
        if not _SCHEMES.match(address):
            state.problems.append(Problem(link.start(2), f"the link address {address!r} is not a web or email address", LINK_HINT))
        state.href = address
        state.emphasis(text, link.start(1), link.end(1), bounds=(link.start(1), link.end(1)))
        state.href = None
        position = link.end()
    state.emphasis(text, position, len(text))
    for marker, offset in (("**", state.bold_at), ("*", state.italic_at)):
        if offset is not None:
            state.problems.append(Problem(offset, f"{marker} opens {'bold' if marker == '**' else 'italic'} text that is never closed",
                                          f"close it with {marker} after the last word to emphasise; to print an asterisk, "
                                          "put a space on each side of it"))
    return tuple(state.spans), sorted(state.problems, key=lambda problem: problem.offset)


class _State:
    """What is open while the text is read left to right, and the spans so far."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.problems: list[Problem] = []
        self.bold_at: int | None = None  # where the open ** sits
        self.italic_at: int | None = None
        self.href: str | None = None

    def emphasis(self, text: str, start: int, stop: int, bounds: tuple[int, int] | None = None) -> None:
        """Text from `start` to `stop`, its asterisks read as markers where they can be. Inside a
        link's label, `bounds` are the label's ends: a marker flanks only what is inside it."""
        low, high = bounds or (0, len(text))
        position = start
        for stars in _STARS.finditer(text, start, stop):
            count = len(stars.group())
            before = text[stars.start() - 1] if stars.start() > low else " "
            after = text[stars.end()] if stars.end() < high else " "
            can_close, can_open = not before.isspace(), not after.isspace()
            if count > 3 or not (can_close or can_open):
                continue
            self.add(text[position:stars.start()])
            self.toggle(count, stars.start(), can_open, can_close)
            position = stars.end()
        self.add(text[position:stop])

    def toggle(self, count: int, offset: int, can_open: bool, can_close: bool) -> None:
        wants = [("bold", 2)] * (count >= 2) + [("italic", 1)] * (count in (1, 3))
        for name, _ in wants:
            attribute = f"{name}_at"
            opened = getattr(self, attribute)
            if opened is not None and can_close:
                setattr(self, attribute, None)
            elif opened is None and can_open:
                setattr(self, attribute, offset)
            else:  # a lone marker that neither opens nor closes (`a* b`) prints as written
                self.add("*" * (2 if name == "bold" else 1))

    def add(self, text: str) -> None:
        if not text:
            return
        span = Span(text, self.bold_at is not None, self.italic_at is not None, self.href)
        last = self.spans[-1] if self.spans else None
        if last and (last.bold, last.italic, last.href) == (span.bold, span.italic, span.href):
            self.spans[-1] = Span(last.text + text, span.bold, span.italic, span.href)
        else:
            self.spans.append(span)


def tidy(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Spaces collapsed across spans and trimmed at the ends, so the paragraph's text is exactly
    the words with one space between them: what the deck's line cutting measures and finds again."""
    out: list[Span] = []
    previous_space = True  # a paragraph never starts with a space
    for span in spans:
        chars = []
        for char in span.text:
            if char == " " and previous_space:
                continue
            chars.append(char)
            previous_space = char == " "
        if chars:
            out.append(Span("".join(chars), span.bold, span.italic, span.href))
    while out and out[-1].text.endswith(" "):
        last = out.pop()
        if last.text.rstrip(" "):
            out.append(Span(last.text.rstrip(" "), last.bold, last.italic, last.href))
    return tuple(out)
