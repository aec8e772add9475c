"""The ``vaultnet`` command's entry point.

Loading the command line (Click, the index, the settings) takes a large part
of a short command's time, so an impatient Ctrl-C often lands in it. This
module imports nothing of its own first: an interrupt while the rest loads
ends the way one ends later on, with Click's one word ``Aborted!`` and exit
status 1, not with Python's traceback.
"""

import sys


def main() -> None:
    try:
        from vaultnet.cli import main as run
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)
        sys.exit(1)
    run()
