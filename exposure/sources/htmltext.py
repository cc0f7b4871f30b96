"""Plain text from the small HTML that Mastodon and ActivityPub put in a post.

The standard library's tolerant HTML tokenizer reads the markup; tags only decide
where line breaks go, and script or style content is dropped. Nothing is rendered,
fetched or executed, and the result is plain text to be escaped again on display.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    {"p", "div", "blockquote", "li", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
)
_SKIP_TAGS = frozenset({"script", "style", "template", "head", "title"})
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_PARAGRAPH = "\x00P"  # placeholder for a paragraph boundary until the end
_BREAK = "\x00B"


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag == "br":
            self.parts.append(_BREAK)
        elif tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            # HTML collapses runs of white space in text to one space.
            self.parts.append(_SPACES.sub(" ", data.replace("\x00", "")))


def html_to_text(html: str) -> str:
    """The visible text of `html`: paragraphs separated by a blank line, <br> as a newline."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    joined = "".join(extractor.parts)
    paragraphs = []
    for block in joined.split(_PARAGRAPH):
        lines = [line.strip() for line in block.split(_BREAK)]
        if any(lines):
            paragraphs.append("\n".join(lines).strip("\n"))
    return "\n\n".join(paragraphs)
