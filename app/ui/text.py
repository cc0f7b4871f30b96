"""Putting text into Streamlit's Markdown safely.

Streamlit renders Markdown (and its own extensions: colours, icons, LaTeX) in most
elements. Text that users typed (names, e-mail addresses, CSV cells) must show exactly
as typed, so every Markdown control character in it is escaped before it is shown.
"""

from __future__ import annotations

import re

from app.i18n import t

# Every ASCII punctuation character may be backslash-escaped in CommonMark, which
# also neutralises Streamlit's `:color[...]`, `:material/...:` and `$...$` syntax.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def escape_md(value: object) -> str:
    """`value` as text that Markdown shows literally."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    # A line break inside a message would start a new Markdown block.
    text = " ".join(text.split("\n"))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def tm(key: str, lang: str, **params: object) -> str:
    """Like `t`, for Markdown output: the filled-in values are escaped, the template is not."""
    return t(key, lang, **{name: escape_md(value) for name, value in params.items()})
