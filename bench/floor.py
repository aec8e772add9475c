"""The floor: read every note and parse its frontmatter with libyaml, nothing else.

Run as its own process so that, like the vaultnet commands, its time includes
interpreter start-up.
"""

from __future__ import annotations

import os
import re
import sys

import yaml

FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def main(root: str) -> int:
    count = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), "rb") as handle:
                text = handle.read().decode("utf-8")
            if text.startswith("---\n"):
                end = FENCE.search(text, 4)
                if end:
                    yaml.load(text[4 : end.start()], Loader=yaml.CSafeLoader)
            count += 1
    return count


if __name__ == "__main__":
    print(main(sys.argv[1]))
