"""Does reading a note take time in proportion to its length, however it is written?

    python bench/growth.py            # every pair of pieces, as one line and as lines
    python bench/growth.py --quick    # a random tenth of the pairs
    python bench/growth.py --note "People/Ann Lee.md"   # in a person's note

Each case is a note made of one pair of pieces repeated: on one line of a
daily note (with no prefix, after a list marker, after a dated item that links
a person, as a paragraph's second line), and as lines of their own, each with
a link (one paragraph, or blank-line-separated paragraphs). `parse_note` reads
it at two lengths, N and 4 N repeats, the faster of two reads each (after one
read at N, untimed, that warms up its caches). Time in proportion to length
grows 4 times; time with the square of it, 16 times. A case that grows more
than ``--ratio`` times (8 by default) and takes more than ``--least`` seconds
at 4 N is listed, slowest growth first. Each such case found so far was a
pattern searched again from every later start (a ``<!--`` with no ``-->``
after it), each item of a list checked against a whole list, a text rebuilt
once per span, or a line quoted anew for each of its links; the commits that
read them in one pass (002865c and the one after 6f9c2fb) say which. A
person's note (``--note "People/Ann Lee.md"``) is read by rules of its own
too (its Dataview fields, cc34bc2).

It times, so it is here rather than among the tests.
"""

from __future__ import annotations

import argparse
import random
import time

from vaultnet.config import Config
from vaultnet.parse.note import parse_note

INLINE = ["[", "]", "[[", "]]", "(", ")", "](", "`", "``", "\\", "#", "#a", "*", "_", "<", ">",
          "<!--", "-->", "%%", "%", "|", "\\|", "^", "![", "[[a", "a]]", "a", " ", "1h", "2026-11-20 ",
          "- ", "> ", "📅", "::", "due:: ", "[x]", "- [ ] ", "http://", "](x", "[a](", "&", ";", ":",
          "\t", "é", "#/", "/", "h", "m", "1", "1.5", "30m ", "min", " hours"]
BLOCK = ["```", "~~~", "> ", "- ", "  - ", "    ", "\t", "<div>", "</div>", "%%", "<!--", "-->",
         "|", "| a |", "---", "===", "# ", "[^1]: ", "[x]: http://a", "1. ", "* ", "$$", "[[Ann]]",
         "2026-11-20 ", "- [ ] ", "- [x] ", "`", "\\", "[", "](", "", " ", "a", "1h", "#tag", "<",
         "<!-- a -->", "^abc", "> - ", "- > ", "```x", "<pre>", "</pre>", "<?", "?>", "<![CDATA[",
         "]]>", "<script>"]
PATH = "Daily/2026-11-20.md"


def cases() -> list[tuple[str, str]]:
    """(name, text of N repeats) makers: every pair, in each of the five shapes."""
    found = []
    for a in INLINE:
        for b in INLINE:
            for prefix in ("", "- ", "- 2026-11-20 [[Ann]] ", "Attendees\n"):
                found.append((f"line {prefix!r} + ({a!r} {b!r}) * n", prefix, a + b, "\n"))
    for a in BLOCK:
        for b in BLOCK:
            for between in ("\n", "\n\n"):
                found.append((f"lines ({a!r} {b!r} [[Ann]] {between!r}) * n", "",
                              f"{a}{b} [[Ann]]{between}", ""))
    return found


def seconds(text: str, config: Config, path: str = PATH) -> float:
    start = time.perf_counter()
    parse_note(path, text.encode("utf-8"), config)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a random tenth of the cases")
    parser.add_argument("--repeats", type=int, default=2000, help="N (default 2000)")
    parser.add_argument("--ratio", type=float, default=8.0)
    parser.add_argument("--least", type=float, default=0.1)
    parser.add_argument("--note", default=PATH, help=f"the note's path (default {PATH})")
    args = parser.parse_args()
    config = Config()
    chosen = cases()
    if args.quick:
        chosen = random.Random(2026).sample(chosen, len(chosen) // 10)
    flagged = []
    for name, prefix, piece, end in chosen:
        short_text = prefix + piece * args.repeats + end
        long_text = prefix + piece * (4 * args.repeats) + end
        seconds(short_text, config, args.note)  # caches and patterns warmed up
        short = min(seconds(short_text, config, args.note) for _ in range(2))
        long = min(seconds(long_text, config, args.note) for _ in range(2))
        if long > args.least and long / max(short, 1e-4) > args.ratio:
            flagged.append((long / max(short, 1e-4), long, name))
    for growth, long, name in sorted(flagged, reverse=True):
        print(f"{growth:5.1f} x  {long:6.2f} s  {name}")
    print(f"{len(chosen)} cases, {len(flagged)} growing faster than {args.ratio:g} x for 4 x the length")


if __name__ == "__main__":
    main()
