"""The ``vaultnet`` command's entry point.

Loading the command line (Click, the index, the settings) takes a large part
of a short command's time, so an impatient Ctrl-C often lands in it. This
module imports nothing of its own first: an interrupt while the rest loads
ends the way one ends later on, with Click's one word ``Aborted!`` and exit
status 1, not with Python's traceback.

Loading it takes about as long as walking a large vault, so a command that
begins by walking the vault has the walk begun first, in a child process
(:func:`vaultnet.discover.walk_ahead`), and the two run side by side.

Loading the command line makes tens of thousands of objects (modules,
classes, functions) that live as long as the command and hold no garbage.
Python's cyclic collector, left on, would search them for reference cycles
again and again as they pile up, and find none: 2 to 8 % of a `vaultnet
due`, as its thresholds fall (one more object at start-up could set off a
full search). It is off while they are made; then :func:`gc.freeze` sets
them aside, so that later searches (the commands pause the collector for
their bulk work too, ``vaultnet.gcpause``) look only at what came after.

When the command is done, Python's own clean-up would search everything
still alive for reference cycles (the modules, Click's, a report's people):
10 ms after any command and 30 ms after a large report, once its answer is
out. :func:`gc.freeze`, as the last thing before the interpreter ends, spares
that search. Everything else of the end runs as before: files are closed and
flushed, the index's connections closed, the other ``atexit`` handlers run.
"""

import atexit
import gc
import os
import sys

# The commands whose first step is to walk the vault (to bring the index up to
# date), before they write anything into it.
WALK_FIRST = frozenset({"add", "balance", "check", "due", "export", "import", "index", "log",
                        "practice", "report", "schedule", "search", "watch"})


def vault_to_walk(args: list[str]) -> tuple[bool, str | None]:
    """Whether the command in ``args`` (the arguments after ``vaultnet``) begins by
    walking the vault, and the vault it names: ``--vault``'s value (before the
    command or after it; the last one), else ``VAULTNET_VAULT``, else None (found
    from the current folder). A guess: the command checks that a listing walked
    ahead is of its vault before using it."""
    options = args[: args.index("--")] if "--" in args else args
    if {"-h", "--help", "--version"} & set(options):
        return False, None
    command = vault = None
    values = iter(options)
    for arg in values:
        if arg == "--vault":
            vault = next(values, None)
            if vault is None:  # Click says what is missing
                return False, None
        elif arg.startswith("--vault="):
            vault = arg.removeprefix("--vault=")
        elif command is None and not arg.startswith("-"):
            command = arg
    if command not in WALK_FIRST:
        return False, None
    return True, vault or os.environ.get("VAULTNET_VAULT") or None


def main() -> None:
    atexit.register(gc.freeze)  # the first registered: run after the others
    gc.disable()  # until the command line is loaded: see the module's docstring
    try:
        walk, vault = vault_to_walk(sys.argv[1:])
        if walk:
            from vaultnet.discover import walk_ahead

            walk_ahead(vault)
        from vaultnet.cli import main as run
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)
        sys.exit(1)
    gc.freeze()
    gc.enable()
    run()
