"""What `due` and `balance` print: the JSON of SPEC 6 and the terminal tables.

Pure functions from computed results to strings or JSON-ready data; the CLI
prints them. Terminal output is for the user at their own screen, so it shows
private people in full (SPEC 5 governs pages and exports).
"""

from __future__ import annotations

import shutil
from datetime import date

import click

from vaultnet.balance import Balance, Totals
from vaultnet.followups import Due
from vaultnet.words import hours, when


def due_json(items: list[Due], today: date) -> list[dict]:
    return [{"person": i.person, "path": i.path, "reason": i.reason,
             "due": i.due.isoformat(), "days_overdue": i.days_overdue(today), "detail": i.detail}
            for i in items]


def due_table(items: list[Due], today: date, color: bool, width: int | None = None) -> str:
    """Overdue first (the JSON order is by date, which puts them first too)."""
    if not items:
        return "Nothing due. Enjoy the week."
    width = width or shutil.get_terminal_size((100, 24)).columns
    phrases: dict[int, str] = {}  # days overdue -> "3 days overdue": a few hundred distinct
    overdue = [i.days_overdue(today) for i in items]
    rows = [(i.due.isoformat(), phrases.get(d) or phrases.setdefault(d, when(d)), i.person,
             i.reason, i.detail) for i, d in zip(items, overdue, strict=True)]
    heads = ("DUE", "WHEN", "PERSON", "REASON", "DETAIL")
    sizes = [max(len(h), *(len(r[c]) for r in rows)) for c, h in enumerate(heads[:-1])]
    room = max(20, width - sum(sizes) - 2 * len(sizes))
    fixed = "  ".join(f"{{:<{size}}}" for size in sizes) + "  {}"

    def line(cells: tuple[str, ...]) -> str:
        detail = cells[-1]
        if len(detail) > room:
            cells = (*cells[:-1], detail[: room - 1] + "…")
        return fixed.format(*cells).rstrip()

    out = [click.style(line(heads), bold=True) if color else line(heads)]
    if color:
        out += [click.style(line(row), fg="red" if d > 0 else "yellow" if d == 0 else None)
                for row, d in zip(rows, overdue, strict=True)]
    else:
        out += [line(row) for row in rows]
    out.append(f"\n{len(items)} due, {sum(1 for d in overdue if d > 0)} overdue.")
    return "\n".join(out)


def _totals(t: Totals) -> dict:
    return {"events": t.events, "minutes": t.minutes}


def balance_json(result: Balance) -> dict:
    return {
        "from": result.start.isoformat(),
        "to": result.end.isoformat(),
        "skills": _totals(result.skills),
        "network": _totals(result.network),
        "skills_share": result.skills_share,
        "weeks": [{"week": w.label, "from": w.start.isoformat(), "to": w.end.isoformat(),
                   "skills": _totals(w.skills), "network": _totals(w.network),
                   "skills_share": w.skills_share} for w in result.weeks],
        "goals": [{
            "goal": g.goal.name, "path": g.goal.path, "target_role": g.goal.target_role,
            "by": g.goal.by.isoformat() if g.goal.by else None, "balance": g.goal.balance,
            "skills": [{"skill": s.name, "path": s.path, "level": s.level, "target": s.target,
                        "gap": s.gap, "minutes": s.minutes,
                        "last_practice": s.last_practice.isoformat() if s.last_practice else None,
                        "helpers": [p.name for p in s.helpers]} for s in g.skills],
            "network": [{"role": n.role, "needed": n.needed, "active": len(n.active),
                         "missing": n.missing, "people": [p.name for p in n.active]}
                        for n in g.network],
        } for g in result.goals],
        "ledger": [{"person": r.person.name, "path": r.person.path, "gave": r.gave, "took": r.took,
                    "only_takes": r.only_takes} for r in result.ledger],
    }


def balance_text(result: Balance) -> str:
    share = result.skills_share
    lines = [f"Balance {result.start.isoformat()} to {result.end.isoformat()}",
             f"  skills   {result.skills.events:4d} events  {hours(result.skills.minutes):>8}",
             f"  network  {result.network.events:4d} events  {hours(result.network.minutes):>8}",
             f"  skills share: {'no time recorded' if share is None else f'{share:g} %'}", ""]
    lines.append("  week        skills   network  skills share")
    for w in result.weeks:
        s = "-" if w.skills_share is None else f"{w.skills_share:g} %"
        lines.append(f"  {w.label}  {hours(w.skills.minutes):>8}  {hours(w.network.minutes):>8}  {s:>12}")
    for g in result.goals:
        lines += ["", f"Goal: {g.goal.name} (skills share target {g.goal.balance} %)"]
        for s in g.skill_gaps:
            helpers = ", ".join(p.name for p in s.helpers) or "nobody yet"
            lines.append(f"  skill gap  {s.name}: level {s.level or 0} of {s.target}, "
                         f"{hours(s.minutes)} practice; ask: {helpers}")
        for n in g.network_gaps:
            lines.append(f"  network gap  {n.role}: {len(n.active)} active of {n.needed} needed")
        if not g.skill_gaps and not g.network_gaps:
            lines.append("  no gaps")
    takers = [r for r in result.ledger if r.only_takes]
    if takers:
        lines += ["", "You only take from: " + ", ".join(r.person.name for r in takers)]
    return "\n".join(lines)
