"""Generate the standard benchmark vault (issue 2).

10,000 people with 10 log entries each, 500 skills, 20 goals and three years
of daily notes that mention 5 people each: about 11,600 notes. Deterministic
for a given --seed, so figures from different runs compare.

    python bench/generate.py bench/vault --people 10000
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

ROLES = ["mentor", "sponsor", "peer", "colleague", "leader", "mentee", "other"]
FIRST = ["Ada", "Ben", "Chloé", "Dmitri", "Eun-ji", "Farah", "Gus", "Hana", "Ismael", "Jo",
         "Kai", "Lena", "Marcus", "Nia", "Omar", "Priya", "Quinn", "Ravi", "Sofía", "Tomás"]
LAST = ["Lindqvist", "Okonkwo", "Dubois", "Volkov", "Park", "Haddad", "O'Malley", "Sato",
        "Ruiz", "Nakamura", "Raman", "Webb", "Fischer", "Ortega", "Okafor", "Kim", "Shah"]
WHAT = ["coffee", "call", "lunch", "1:1", "code review swap", "walk", "video call", "dinner"]
TOPICS = ["pipelines", "promotion packet", "on-call", "hiring", "Kubernetes upgrade",
          "design doc", "conference talk", "team change", "migration plan", "career plan"]
END = date(2026, 11, 20)


def person_note(rng: random.Random, name: str, skills: list[str]) -> str:
    role = rng.choice(ROLES)
    lines = ["---", f"role: {role}", f"company: Company {rng.randint(1, 400)}",
             f"met: {END - timedelta(days=rng.randint(30, 3000))}",
             f"email: {name.lower().replace(' ', '.').replace(chr(39), '')}@example.com",
             f'skills: ["[[{rng.choice(skills)}]]"]']
    if rng.random() < 0.2:
        lines.append(f"cadence: {rng.choice(['2w', '1m', '3m', 'quarterly'])}")
    if rng.random() < 0.1:
        lines += ["milestones:", f"  - {END - timedelta(days=rng.randint(0, 200))} new job"]
    lines += ["---", f"# {name}", "", "Notes about how we met and what they care about.", "",
              "## Log"]
    for _ in range(10):
        day = END - timedelta(days=rng.randint(0, 1000))
        tag = rng.choice(["", " #gave", " #received", "", " #asked"])
        length = rng.choice(["", " 30m", " 45m", " 1h", " 1.5h"])
        lines.append(f"- {day} {rng.choice(WHAT)}: {rng.choice(TOPICS)}{length}{tag}")
    if rng.random() < 0.3:
        lines += ["", "## Promises", f"- [ ] send the notes 📅 {END + timedelta(days=rng.randint(-20, 20))}"]
    return "\n".join(lines) + "\n"


def skill_note(rng: random.Random, goals: list[str]) -> str:
    lines = ["---", f"level: {rng.randint(0, 4)}", f"target: {rng.randint(2, 5)}",
             f"category: category {rng.randint(1, 20)}", f'goal: "[[{rng.choice(goals)}]]"', "---",
             "## Practice"]
    for _ in range(5):
        lines.append(f"- {END - timedelta(days=rng.randint(0, 700))} practice session 1h")
    return "\n".join(lines) + "\n"


def goal_note(rng: random.Random, skills: list[str]) -> str:
    chosen = rng.sample(skills, 4)
    lines = ["---", "target_role: Staff Engineer", f"by: {END + timedelta(days=300)}", "skills:"]
    lines += [f'  "[[{s}]]": {rng.randint(3, 5)}' for s in chosen]
    lines += ["network:", "  mentor: 2", "  peer: 3", "balance: 50", "---", "A goal."]
    return "\n".join(lines) + "\n"


def daily_note(rng: random.Random, day: date, people: list[str], skills: list[str]) -> str:
    lines = [f"# {day:%A %d %B %Y}", ""]
    for name in rng.sample(people, 5):
        lines.append(f"- {rng.choice(WHAT)} with [[{name}]] about {rng.choice(TOPICS)} 30m")
    lines += ["", f"Practised [[{rng.choice(skills)}]] for a bit.", "",
              "```", "some code [[Not A Link]]", "```"]
    return "\n".join(lines) + "\n"


def generate(root: Path, people_count: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    for folder in ("People", "Skills", "Goals", "Daily"):
        (root / folder).mkdir(parents=True)
    goals = [f"Goal {i:02d}" for i in range(20)]
    skills = [f"Skill {i:03d}" for i in range(500)]
    people = []
    for i in range(people_count):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i:05d}"
        people.append(name)
        (root / "People" / f"{name}.md").write_text(person_note(rng, name, skills), encoding="utf-8")
    for name in skills:
        (root / "Skills" / f"{name}.md").write_text(skill_note(rng, goals), encoding="utf-8")
    for name in goals:
        (root / "Goals" / f"{name}.md").write_text(goal_note(rng, skills), encoding="utf-8")
    for offset in range(3 * 365):
        day = END - timedelta(days=offset)
        (root / "Daily" / f"{day}.md").write_text(daily_note(rng, day, people, skills),
                                                   encoding="utf-8")
    return people_count + len(skills) + len(goals) + 3 * 365


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    count = generate(args.root, args.people, args.seed)
    print(f"wrote {count} notes to {args.root}")


if __name__ == "__main__":
    main()
