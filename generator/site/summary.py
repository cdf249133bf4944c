"""Whether a cable page shows the cable's summary apart from its text.

The parser takes the summary out of the text (docs/record.md), so most summaries are the
opening paragraphs again, less their `SUMMARY:` label, markings and final full stop. Shown
above the text, such a box only pushes the text down: a page shows the summary apart only
where the opening of the text does not hold it (one a maintainer wrote in front matter, one
found further down).
"""

from __future__ import annotations

from generator.cable import Cable

_ENDS = 40  # characters at either end of the summary looked for in the text
_SLACK = 1500  # characters of text read past the first paragraph and the summary's length


def summary_apart(cable: Cable) -> str | None:
    """The cable's summary if the opening of its text does not hold it, else None.

    Its first and last few characters are looked for, in any case, in the text up to about
    the summary's length past the first numbered paragraph, Markdown escapes taken out: the
    label, markings and final punctuation the summary lacks are then beside the point, and a
    build reads only the opening of each cable, not the whole text word by word."""
    summary = cable.summary
    if not summary:
        return None
    text = cable.body_markdown
    opening = text[: max(text.find("{#par"), 0) + 3 * len(summary) // 2 + _SLACK]
    opening = opening.replace("\\", "")
    if summary[:_ENDS] in opening and summary[-_ENDS:] in opening:
        return None  # most summaries: found as written, with no need to lower the case
    opening, wanted = opening.lower(), summary.lower()
    return None if wanted[:_ENDS] in opening and wanted[-_ENDS:] in opening else summary
