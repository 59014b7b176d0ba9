"""Every shipped text is written afresh: no run of nine words in common with the seed articles."""

import re
from pathlib import Path

import pytest

from handouts.catalogue import SHIPPED_CATALOGUE, SHIPPED_TEMPLATES, yaml_files

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
RUN = 9


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1)}


def shipped_files():
    return [*yaml_files(SHIPPED_CATALOGUE), *yaml_files(SHIPPED_TEMPLATES)]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside this checkout")
def test_no_nine_word_run_in_common_with_the_seeds():
    seed_runs = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        seed_runs |= runs(seed.read_text(encoding="utf-8"))
    found = []
    for path in shipped_files():
        # Comments and source titles are not patient text, but are checked too: all of it is ours.
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for run in runs(line) & seed_runs:
                found.append(f"{path.name}:{number}: {' '.join(run)}")
    # The sheet's own words (headings, red-flag actions, pain labels, the log's key), as data.
    from handouts.locale import all_words

    for key, text in all_words():
        for run in runs(text) & seed_runs:
            found.append(f"words/en.yaml: {key}: {' '.join(run)}")
    # Runs across a folded line: check each file's text as a whole as well.
    for path in shipped_files():
        for run in runs(path.read_text(encoding="utf-8")) & seed_runs:
            found.append(f"{path.name}: {' '.join(run)}")
    assert not found, "text copied from a seed article:\n" + "\n".join(sorted(set(found)))


def test_the_check_finds_a_copied_run():
    text = "one two three four five six seven eight nine ten"
    assert runs(text) & runs("zero " + text)
    assert not runs("one two three four five six seven eight") & runs(text)
