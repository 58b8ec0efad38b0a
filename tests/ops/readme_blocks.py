"""The README's shell blocks as steps (a command and the answer it shows), and answer matching.

A fenced ```sh block is run by tests/ops/test_readme.py unless the line before it is
`<!-- readme-test: skip: REASON -->`. In a block, a command may span lines (a trailing `\\`
or an open quote); `# → ...` lines right after it are what it prints on stdout. An answer that
is JSON is matched as a subset (keys not shown may be there; `…` stands for any value, a
bare `…` closing an object for "more keys", closing a list for "more items"); any other
answer is matched line by line, `…` standing for any text, a last line `…` for more lines.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

FENCE = re.compile(r"^```(\w*)\s*$")
SKIP = re.compile(r"^<!--\s*readme-test:\s*skip:\s*(?P<reason>.+?)\s*-->$")
ANSWER = "# → "
ANY = "…"
SHELL_LANGUAGES = {"sh", "bash", "shell"}


@dataclass
class Step:
    """One command of a block and the answer the README shows for it ("" when none)."""

    command: str
    answer: str = ""


@dataclass
class Block:
    """A fenced shell block: where it is, under which heading, and why it is skipped if it is."""

    line: int
    heading: str
    text: str
    skip: str | None = None
    steps: list[Step] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Return a short, stable name for test ids: the heading and the block's line."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.heading.lower()).strip("-")
        return f"{slug}@{self.line}"


def shell_blocks(markdown: str) -> list[Block]:
    """Return every fenced shell block of a Markdown text, in order, with its steps."""
    blocks: list[Block] = []
    lines = markdown.splitlines()
    heading, previous, index = "", "", 0
    while index < len(lines):
        line = lines[index]
        opened = FENCE.match(line)
        if line.startswith("#") and not opened:
            heading = line.lstrip("#").strip()
        if opened is None:
            previous = line.strip() or previous
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        if opened.group(1) in SHELL_LANGUAGES:
            text = "\n".join(lines[index + 1 : end])
            skipped = SKIP.match(previous)
            block = Block(index + 1, heading, text, skipped.group("reason") if skipped else None)
            block.steps = steps(text)
            blocks.append(block)
        previous, index = "", end + 1
    return blocks


def steps(text: str) -> list[Step]:
    """Split a block into commands (complete shell words) and the answers shown below them."""
    found: list[Step] = []
    pending: list[str] = []
    for line in text.splitlines():
        if not pending and line.startswith(ANSWER.rstrip()):
            if not found:
                raise ValueError(f"an answer with no command before it: {line!r}")
            found[-1].answer += ("\n" if found[-1].answer else "") + line[len(ANSWER) :]
            continue
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue  # prose comments and blank lines between commands
        pending.append(line)
        command = "\n".join(pending)
        if not command.endswith("\\") and _complete(command):
            found.append(Step(command))
            pending = []
    if pending:
        raise ValueError(f"an unfinished command: {' '.join(pending)!r}")
    return found


def _complete(command: str) -> bool:
    """Return whether the shell would run `command` as it stands (no quote left open)."""
    try:
        shlex.split(command, comments=True)
    except ValueError:
        return False
    return True


def mismatch(answer: str, output: str) -> str | None:
    """Return why `output` is not what `answer` shows, or None when it is."""
    expected = _json_answer(answer)
    if expected is not None:
        try:
            actual = json.loads(output)
        except ValueError:
            return f"expected JSON, got {output[:300]!r}"
        return _json_mismatch(expected[0], actual, "$")
    return _text_mismatch(answer.splitlines(), output.splitlines())


def _json_answer(answer: str) -> tuple[Any] | None:
    """Return the answer parsed as JSON (bare `…` made strings, "more" marks dropped), or None."""
    text, quoted, escaped = [], False, False
    for char in answer:
        if char == ANY and not quoted:
            text.append(f'"{ANY}"')
            continue
        text.append(char)
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = quoted
        elif char == '"':
            quoted = not quoted
    source = re.sub(rf',\s*"{ANY}"\s*}}', "}", "".join(text))
    source = re.sub(rf'{{\s*"{ANY}"\s*}}', "{}", source)
    try:
        return (json.loads(source),)
    except ValueError:
        return None


def _json_mismatch(expected: Any, actual: Any, path: str) -> str | None:
    """Return where `actual` departs from `expected` (a subset with wildcards), or None."""
    if expected == ANY:
        return None
    if isinstance(expected, str) and ANY in expected and isinstance(actual, str):
        return None if _pattern(expected).fullmatch(actual) else f"{path}: {actual!r}"
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key, value in expected.items():
            if key not in actual:
                return f"{path}: no key {key!r} in {sorted(actual)}"
            if (found := _json_mismatch(value, actual[key], f"{path}.{key}")) is not None:
                return found
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        more = bool(expected) and expected[-1] == ANY
        items = expected[:-1] if more else expected
        if len(actual) < len(items) or (not more and len(actual) != len(items)):
            return f"{path}: {len(actual)} items, the README shows {len(items)}"
        for index, (want, got) in enumerate(zip(items, actual, strict=False)):
            if (found := _json_mismatch(want, got, f"{path}[{index}]")) is not None:
                return found
        return None
    if expected != actual or type(expected) is not type(actual):
        return f"{path}: {actual!r}, the README shows {expected!r}"
    return None


def _text_mismatch(expected: list[str], actual: list[str]) -> str | None:
    """Return the first line of `actual` that the README's lines do not match, or None."""
    more = bool(expected) and expected[-1].strip() == ANY
    lines = expected[:-1] if more else expected
    if len(actual) < len(lines) or (not more and len(actual) != len(lines)):
        return f"{len(actual)} lines, the README shows {len(lines)}: {actual[:10]!r}"
    for number, (want, got) in enumerate(zip(lines, actual, strict=False), start=1):
        if not _pattern(want).fullmatch(got.rstrip()):
            return f"line {number}: {got!r}, the README shows {want!r}"
    return None


def _pattern(text: str) -> re.Pattern[str]:
    """Return a regular expression for a shown text in which `…` stands for any characters."""
    return re.compile(".*".join(re.escape(part) for part in text.rstrip().split(ANY)), re.DOTALL)
