"""The README works as written: each of its shell blocks runs against a tracker set up by it.

The blocks run in order in one shell (so TOKEN=... carries over), in a directory that looks
like a clone where `make run` has run, against `manage.py serve` on a free port (the
README's http://127.0.0.1:8000 is replaced by it). Each command must exit 0 and print what
the README shows under it (`# → ...`, see tests/ops/readme_blocks.py). A block that cannot
run here is marked `<!-- readme-test: skip: REASON -->` and reported as skipped.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest

from tests.ops.readme_blocks import Block, mismatch, shell_blocks, steps
from tests.ops.readme_site import README_HOST, ROOT, Shell, readme_site
from tests.projections.support import database_url

BLOCKS = shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
RUN = [block for block in BLOCKS if block.skip is None]
SKIPPED = [block for block in BLOCKS if block.skip is not None]
ASSIGNMENT = re.compile(r"^([A-Z_][A-Z0-9_]*)=")
#: At most this many blocks may be skipped on purpose: the README is meant to be run.
MAX_SKIPPED = 3


@pytest.fixture(scope="module")
def site(
    django_db_setup: None,
    django_db_blocker: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Shell]]:
    """Yield the served tracker's base URL and the clone's shell."""
    for tool in ("bash", "curl"):
        if shutil.which(tool) is None:
            pytest.fail(f"the README's commands need {tool}")
    with django_db_blocker.unblock():  # type: ignore[attr-defined]  # pytest-django's blocker
        owner = database_url()
    with readme_site(owner, tmp_path_factory.mktemp("clone")) as found:
        yield found


@pytest.mark.slow
@pytest.mark.parametrize("block", RUN, ids=[block.name for block in RUN])
def test_each_readme_block_runs_and_answers_as_shown(site: tuple[str, Shell], block: Block) -> None:
    """Every command of the block exits 0; every answer the README shows is what it prints."""
    base, shell = site
    for step in block.steps:
        command = step.command.replace(README_HOST, base)
        outcome = shell.run(command)
        where = f"README.md line {block.line}: {step.command}"
        assert outcome.status == 0, f"{where}\nexit {outcome.status}\n{outcome.stderr[-3000:]}"
        if step.answer:
            wrong = mismatch(step.answer, outcome.stdout)
            assert wrong is None, f"{where}\n{wrong}\nanswered {outcome.stdout[:1500]!r}"
        elif assigned := ASSIGNMENT.match(command):  # TOKEN=$(...): it must have set something
            value = shell.run(f'printf %s "${assigned.group(1)}"').stdout
            assert value.strip(), f"{where}\nleft {assigned.group(1)} empty"
        else:
            assert "curl" not in command, f"{where}\nshows no answer (`# → ...`) under it"


@pytest.mark.parametrize("block", SKIPPED, ids=[block.name for block in SKIPPED])
def test_blocks_skipped_on_purpose(block: Block) -> None:
    """Report each block the README marks as not runnable here, with its reason."""
    pytest.skip(f"README.md line {block.line} ({block.heading}): {block.skip}")


def test_the_readme_is_mostly_runnable() -> None:
    """Few blocks are skipped, each says why; the commands that talk to the server are run."""
    assert len(SKIPPED) <= MAX_SKIPPED, [block.name for block in SKIPPED]
    assert all(block.skip and len(block.skip) > 10 for block in SKIPPED)
    commands = [step.command for block in RUN for step in block.steps]
    assert any("create_token" in command for command in commands)
    assert sum("curl" in command for command in commands) >= 5


def test_a_wrong_answer_is_told_apart() -> None:
    """The matcher refuses values, keys, items and lines the README does not show."""
    assert mismatch('{"slug": "a", "version": …, …}', '{"slug": "a", "version": 3, "x": 1}') is None
    assert mismatch('{"slug": "a", …}', '{"slug": "b"}') is not None
    assert mismatch('{"code": "slug_taken"}', '{"detail": "taken"}') is not None
    assert mismatch('{"items": [{"id": …}]}', '{"items": [{"id": 1}, {"id": 2}]}') is not None
    assert mismatch('{"items": [{"id": …}, …]}', '{"items": [{"id": 1}, {"id": 2}]}') is None
    assert mismatch('{"version": 1}', '{"version": true}') is not None
    assert mismatch('{"token": "trk_…"}', '{"token": "abc"}') is not None
    assert mismatch('{"a": 1}', "not json") is not None
    assert mismatch("id: …\nevent: story_opened", "id: 7\nevent: story_opened") is None
    assert mismatch("id: …\nevent: story_opened", "id: 7\nevent: visit") is not None
    assert mismatch("ok\n…", "ok\nmore\nlines") is None
    assert mismatch("ok", "ok\nmore") is not None


def test_commands_span_lines_and_carry_their_answers() -> None:
    """A trailing backslash or an open quote continues a command; `# → ` lines are its answer."""
    found = steps("# prose\nA=1\ncurl -s x \\\n  -d '{\"a\":\n 1}'\n# → {\"b\": 2}\n\necho 'x'\n")
    assert [step.command for step in found] == [
        "A=1",
        "curl -s x \\\n  -d '{\"a\":\n 1}'",
        "echo 'x'",
    ]
    assert [step.answer for step in found] == ["", '{"b": 2}', ""]
    blocks = shell_blocks("# H\n<!-- readme-test: skip: needs docker here -->\n```sh\nls\n```\n")
    assert [(block.heading, block.skip) for block in blocks] == [("H", "needs docker here")]
    assert shell_blocks("```json\n{}\n```\n```\nls\n```\n") == []
    with pytest.raises(ValueError):
        steps("curl -d '{\n")
