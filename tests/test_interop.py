"""Import from vCard and LinkedIn, export to iCalendar and vCard."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import CORPORA, write_vault
from ical.calendar_stream import IcsCalendarStream

from vaultnet.interop.vcard import read_cards

# Cards in the shapes real exporters write (none copied from anywhere).
CARDS = (
    # vCard 3.0 with a folded line, itemN. groups as Apple and Google write them
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nORG:Contoso;Platform\r\n"
    "TITLE:Staff Engi\r\n neer\r\nitem1.EMAIL;TYPE=INTERNET:ann@example.com\r\n"
    "item1.X-ABLabel:work\r\nitem2.URL:https://www.linkedin.com/in/ann-lee/\r\n"
    "item2.X-ABLabel:_$!<HomePage>!$_\r\nTEL;TYPE=CELL:+44 20 7946 0001\r\n"
    "BDAY:1985-12-03\r\nCATEGORIES:Platform Team,SRE\r\nNOTE:Met at KubeCon.\\nLikes Go.\r\n"
    "END:VCARD\r\n"
    # vCard 2.1, quoted-printable, a soft line break inside a UTF-8 character
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:N=C3=BA=C3=B1ez;Sof=\r\n"
    "=C3=ADa;;;\r\nTEL;CELL:+34 600 000 000\r\nEND:VCARD\r\n"
    # a broken card between good ones
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nBDAY;VALUE=date\r\n:::\r\n"
    # vCard 4.0, no FN, a birthday without a year
    "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Kim;Grace;;;\r\nBDAY:--1202\r\nEMAIL:grace@example.com\r\n"
    "END:VCARD\r\n"
    # Apple's birthday without a year
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Omar Haddad\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14\r\n"
    "END:VCARD\r\n"
    # vCard 4.0 telephone numbers as tel: URIs (RFC 6350 6.4.1, RFC 3966)
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Lina Berg\r\nTEL;VALUE=uri;TYPE=work:tel:+46-8-555-0100;ext=12\r\n"
    "TEL;VALUE=uri;PREF=1:tel:+46-70-555-0199\r\nEND:VCARD\r\n"
)
ONE_BAD_LINE = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jin Park\r\nthis is not a property\r\nEND:VCARD\r\n"


def test_read_cards():
    contacts, unreadable = read_cards(CARDS, "cards.vcf")
    assert [(c.name, c.email, c.phone, c.company, c.title, c.birthday, c.linkedin, c.tags)
            for c in contacts] == [
        ("Ann Lee", "ann@example.com", "+44 20 7946 0001", "Contoso", "Staff Engineer", "1985-12-03",
         "https://www.linkedin.com/in/ann-lee/", ("platform-team", "sre")),
        ("Sofía Núñez", None, "+34 600 000 000", None, None, None, None, ()),
        ("Grace Kim", "grace@example.com", None, None, None, "12-02", None, ()),
        ("Omar Haddad", None, None, None, None, "03-14", None, ()),
        ("Lina Berg", None, "+46-70-555-0199", None, None, None, None, ()),
    ]
    assert contacts[0].notes == "Met at KubeCon.\nLikes Go."
    assert contacts[-1].notes == "Also in the card: phone +46-8-555-0100 ext. 12."
    assert [u.source for u in unreadable] == ["cards.vcf, card 3 (line 23)"]


@pytest.mark.parametrize("encoding", [";quoted-printable", ";QUOTED-PRINTABLE",
                                      ";encoding=quoted-printable", ";ENCODING=QUOTED-PRINTABLE"])
def test_quoted_printable_however_its_parameter_is_written(encoding):
    # vCard 2.1 may leave the encoding's name out, and Netscape's cards are in lower
    # case: vobject kept `fn;quoted-printable:Ren=C3=A9` encoded, read
    # `encoding=quoted-printable` as base64 (a note of "b'k@'"), and a value of either
    # lost what came after its first `=` at a line's end (that line reported unread).
    card = ("begin:vcard\r\nversion:2.1\r\n"
            f"fn;charset=utf-8{encoding}:Ren=C3=A9e Lee\r\n"
            f"note{encoding}:Met at PyCon, talked ab=\r\nout pipelines=0D=0Anext, hi=\r\n"
            f"ring\r\nadr;home{encoding}:;;565 Blossom Road=0D=0ASuite A;Roch=\r\n"
            "ester;NY;14610;USA\r\nend:vcard\r\n")
    contacts, unreadable = read_cards(card, "x.vcf")
    assert unreadable == []
    assert [(c.name, c.notes) for c in contacts] == [
        ("Renée Lee", "Met at PyCon, talked about pipelines\r\nnext, hiring")]


def test_commas_in_free_text_are_kept():
    # vCard 2.1 (Outlook, older phones) has no escapes: "Doe, John" is a name,
    # as an unescaped comma is in the free text of a 3.0 card whose exporter forgot
    # to escape it. Escaped commas, folded lines, quoted-printable text and quoted
    # parameters stay as they were; CATEGORIES still lists.
    cards = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;John\r\nFN:Doe, John\r\nTITLE:Director, Sales\r\n"
        "ORG:ACME, Inc.;R&D\r\nNOTE;ENCODING=QUOTED-PRINTABLE:Met at PyCon, talked ab=\r\n"
        "out pipelines=0D=0Anext, hiring\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nitem1.FN;X-SORT=\"Lee, Ann\":Ann Lee\\, PhD\r\n"
        "TITLE:VP, Engi\r\n neering, EMEA\r\nCATEGORIES:Platform,SRE\r\nEND:VCARD\r\n"
    )
    contacts, unreadable = read_cards(cards, "x.vcf")
    assert unreadable == []
    assert [(c.name, c.title, c.company, c.notes, c.tags) for c in contacts] == [
        ("Doe, John", "Director, Sales", "ACME, Inc.",
         "Met at PyCon, talked about pipelines\r\nnext, hiring", ()),
        ("Ann Lee, PhD", "VP, Engineering, EMEA", None, None, ("platform", "sre")),
    ]


@pytest.mark.parametrize("line, linkedin", [
    # Apple's Contacts keeps a LinkedIn profile as a social profile, not a URL.
    ("X-SOCIALPROFILE;type=linkedin;x-user=annlee:https://www.linkedin.com/in/annlee",
     "https://www.linkedin.com/in/annlee"),
    ("X-SOCIALPROFILE;type=linkedin;x-user=ann-lee-42:x-apple:ann-lee-42",
     "https://www.linkedin.com/in/ann-lee-42"),
    ("SOCIALPROFILE;SERVICE-TYPE=LinkedIn:https://www.linkedin.com/in/annlee",  # RFC 9554
     "https://www.linkedin.com/in/annlee"),
    ("X-LINKEDIN:annlee", "https://www.linkedin.com/in/annlee"),
    ("X-SOCIALPROFILE;type=twitter;x-user=annlee:https://twitter.com/annlee", None),
    ("X-SOCIALPROFILE;type=linkedin;x-user=ann lee/../x:x-apple:y", None),  # no user name
])
def test_a_linkedin_profile_kept_as_a_social_profile_is_read(line, linkedin):
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n{line}\r\nEND:VCARD\r\n"
    contacts, unreadable = read_cards(card, "apple.vcf")
    assert unreadable == [] and [c.linkedin for c in contacts] == [linkedin]


def test_a_card_with_one_bad_line_is_read_and_the_line_reported():
    contacts, unreadable = read_cards("\r\n" + ONE_BAD_LINE, "x.vcf")
    assert [c.name for c in contacts] == ["Jin Park"]
    assert [(u.source, u.reason) for u in unreadable] == [
        ("x.vcf, card 1 (line 2)",
         "Failed to parse line: this is not a property; the rest of the card was read")]


def test_a_line_vobject_could_not_read_is_left_out_before_it_tries(monkeypatch):
    # A line that lost its colon, with many `=` (a quoted-printable value pasted
    # where the parameters go): vobject's pattern takes a time that doubles with
    # each one, a minute for twenty. It never sees the line; the rest is read, and
    # the line is reported as vobject reports one it skips.
    import vobject.base

    lost = "TITLE;CHARSET=UTF-8;X=" + "=".join("E6B5" for _ in range(30))
    parse_line = vobject.base.parseLine

    def refusing(line, *args):
        assert line != lost, "vobject was given the line"  # (it would run for hours)
        return parse_line(line, *args)

    monkeypatch.setattr(vobject.base, "parseLine", refusing)
    card = (f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\n{lost}\r\n"
            # a line folded: its rest is no line of its own
            "NOTE:met at\r\n  PyCon\r\nEND:VCARD\r\n")
    contacts, unreadable = read_cards(card, "x.vcf")
    assert [(c.name, c.notes) for c in contacts] == [("Ann Lee", "met at PyCon")]
    assert [(u.source, u.reason) for u in unreadable] == [
        ("x.vcf, card 1 (line 1)", f"Failed to parse line: {lost}"[:200]
         + "; the rest of the card was read")]


def test_the_lines_left_out_are_those_vobject_cannot_read():
    # vcard._READABLE is vobject's pattern for a line, written to fail at once:
    # both say the same of every line of a few characters that matter to them.
    import random

    import vobject.base

    from vaultnet.interop.vcard import _READABLE

    rng = random.Random(7)
    lines = ["".join(rng.choice('A;=,":.x -_') for _ in range(length))
             for length in range(9) for _ in range(4000)]
    assert [line for line in lines
            if bool(_READABLE.match(line)) != bool(vobject.base.line_re.match(line))] == []


VAULT = {
    "People/Ann Lee.md": "---\nrole: peer\nemail: ANN@example.com\ncompany: Fabrikam\n---\n# Ann\n",
    "People/Grace.md": "\ufeff---\r\nrole: mentor\r\naliases: [Grace Kim]\r\nphone:\r\n---\r\nNotes.\r\n",
}


def card_file(tmp_path: Path, name: str, text: str) -> Path:
    """``text`` as a vCard file named ``name``, its line endings as written."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def imported(run, root, *args):
    return run("import", *args, "--vault", root, "--today", "2026-11-23")


@pytest.mark.parametrize("encoding, mark", [("utf-16", ""), ("utf-16-be", "\ufeff")])
def test_a_utf16_vcard_is_read(run, vault, tmp_path, encoding, mark):
    """As some Windows address books save them (with a byte-order mark): it was read
    as cp1252, every other character a NUL, and no card was found."""
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n"})
    card = tmp_path / "contacts.vcf"
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Kraus\r\nEMAIL:zoe@example.com\r\nEND:VCARD\r\n"
    card.write_bytes((mark + text).encode(encoding))  # (utf-16 writes its own mark)
    result = imported(run, root, "vcard", card)
    assert result.exit_code == 0, result.output
    assert result.stdout == "create People/Zoë Kraus.md: email; from contacts.vcf, card 1 (line 1)\n"


def test_import_vcard_fills_only_what_is_empty(run, vault, tmp_path):
    root = vault(VAULT)
    cards = card_file(tmp_path, "cards.vcf", CARDS)
    result = imported(run, root, "vcard", cards)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "fill People/Ann Lee.md: phone, title, birthday, linkedin, tags; from cards.vcf, card 1 (line 1)",
        "conflict People/Ann Lee.md: company is 'Fabrikam', cards.vcf, card 1 (line 1) says 'Contoso'; "
        "kept 'Fabrikam'",
        "create People/Sofía Núñez.md: phone; from cards.vcf, card 2 (line 17)",
        "fill People/Grace.md: email, birthday; from cards.vcf, card 4 (line 28)",
        "create People/Omar Haddad.md: birthday; from cards.vcf, card 5 (line 34)",
        "create People/Lina Berg.md: phone; from cards.vcf, card 6 (line 39)",
    ]
    assert result.stderr.splitlines() == [
        "skipped cards.vcf, card 3 (line 23): Component VCARD was never closed",
        "5 contacts: 3 new, 2 filled in, 0 already known; 1 conflict, 1 skipped",
        "New people get no role or cadence, so nothing reminds you to keep in touch with them: "
        "give `role:` or `cadence:` to those you want to keep up with.",
    ]
    ann = (root / "People/Ann Lee.md").read_text(encoding="utf-8")
    assert ann.startswith("---\nrole: peer\nemail: ANN@example.com\ncompany: Fabrikam\n"
                          "phone: +44 20 7946 0001\ntitle: Staff Engineer\nbirthday: '1985-12-03'\n")
    # the BOM, CRLF and the body of Grace's note are kept; the empty phone stays empty
    assert (root / "People/Grace.md").read_bytes() == (
        "\ufeff---\r\nrole: mentor\r\naliases: [Grace Kim]\r\nphone:\r\nemail: grace@example.com\r\n"
        "birthday: 12-02\r\n---\r\n"
        "Notes.\r\n").encode()
    assert "Met at KubeCon. Likes Go." not in ann  # notes only go into new notes
    sofia = (root / "People/Sofía Núñez.md").read_text(encoding="utf-8")
    assert sofia.startswith("---\nphone: +34 600 000 000\n---\n# Sofía Núñez\n")
    assert run("check", "--vault", root).exit_code == 0

    before = {p: p.read_bytes() for p in root.rglob("*.md")}
    again = imported(run, root, "vcard", cards)
    assert again.exit_code == 0
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == before  # nothing changes twice
    assert "fill" not in again.stdout and "create" not in again.stdout


NICKNAMES = (
    # a list, an escaped comma, a repeat in another case, the name itself, a folded line
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Robert Smith\r\nNICKNAME:Bob,Bobby\\, the Great\r\n"
    "NICKNAME:bob\r\nNICKNAME:Robert Smith,Ro\r\n bbie\r\nEMAIL:bob@example.com\r\nEND:VCARD\r\n"
    # Ann is in the vault without aliases; Grace has some; Zed's Bobby is Robert's
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nNICKNAME:Annie\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Kim\r\nNICKNAME:Gracie\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed Ray\r\nNICKNAME:Bobby\\, the Great,Z\r\nEND:VCARD\r\n"
)


def test_nicknames_are_read_as_aliases():
    contacts, unreadable = read_cards(NICKNAMES, "n.vcf")
    assert unreadable == []
    assert [(c.name, c.aliases) for c in contacts] == [
        ("Robert Smith", ("Bob", "Bobby, the Great", "Robbie")), ("Ann Lee", ("Annie",)),
        ("Grace Kim", ("Gracie",)), ("Zed Ray", ("Bobby, the Great", "Z"))]


def test_import_gives_nicknames_as_aliases(run, vault, tmp_path):
    root = vault({**VAULT, "Daily/2026-11-20.md": "- lunch with [[Bobby, the Great]] and [[Annie]]\n"})
    cards = card_file(tmp_path, "n.vcf", NICKNAMES)
    result = imported(run, root, "vcard", cards)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "create People/Robert Smith.md: aliases, email; from n.vcf, card 1 (line 1)",
        "fill People/Ann Lee.md: aliases; from n.vcf, card 2 (line 10)",
        "conflict People/Grace.md: aliases is [Grace Kim], n.vcf, card 3 (line 15) says [Gracie]; "
        "kept [Grace Kim]",
        "create People/Zed Ray.md: aliases; from n.vcf, card 4 (line 20)",  # Z alone: Bobby is taken
    ]
    assert (root / "People/Robert Smith.md").read_text(encoding="utf-8").startswith(
        "---\naliases:\n  - Bob\n  - Bobby, the Great\n  - Robbie\nemail: bob@example.com\n---\n")
    assert "\naliases:\n  - Annie\n---\n" in (root / "People/Ann Lee.md").read_text(encoding="utf-8")
    assert (root / "People/Zed Ray.md").read_text(encoding="utf-8").startswith(
        "---\naliases:\n  - Z\n---\n")
    assert run("check", "--vault", root).exit_code == 0  # no alias claimed twice
    links = json.loads(run("index", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    assert links["interactions"] == 2  # the daily note's links find Robert and Ann
    again = imported(run, root, "vcard", cards)
    assert "fill" not in again.stdout and "create" not in again.stdout


def test_export_writes_aliases_as_nicknames(run, vault):
    root = vault({"People/Ann Lee ACME.md": "---\naliases: [Ann Lee/ACME, Annie, 'Ann, the Great']\n---\n",
                  "People/Bo.md": "---\naliases: Bobby\n---\n"})
    result = run("export", "vcard", "--vault", root)
    assert result.exit_code == 0, result.output
    # the name the file could not hold is the card's name; the others are nicknames
    lines = result.stdout.replace("\r\n", "\n")
    assert "FN:Ann Lee/ACME\nN:Lee/ACME;Ann;;;\nNICKNAME:Annie\nNICKNAME:Ann\\, the Great\n" in lines
    assert "FN:Bo\nN:Bo;;;;\nNICKNAME:Bobby\n" in lines
    contacts, _ = read_cards(result.stdout, "out.vcf")
    assert [(c.name, c.aliases) for c in contacts] == [
        ("Ann Lee/ACME", ("Annie", "Ann, the Great")), ("Bo", ("Bobby",))]


def test_phone_numbers_go_out_as_written_not_as_yaml_numbers(run, vault):
    """Unquoted, YAML 1.1 reads 0612345670 as octal (103402424) and drops the + of
    +14155551234: the cards had numbers no one could call."""
    root = vault({"People/Ann.md": "---\nphone: 0612345670\n---\n",
                  "People/Bo.md": "---\nphone: +14155551234\n---\n",
                  "People/Cy.md": "---\nphone: 4155551234\n---\n"})
    exported = run("export", "vcard", "--vault", root).stdout.replace("\r\n", "\n")
    assert [line for line in exported.splitlines() if line.startswith("TEL")] == [
        "TEL:0612345670", "TEL:+14155551234", "TEL:4155551234"]


def test_a_company_that_links_its_note_is_its_name_on_cards(run, vault, tmp_path):
    root = vault({"People/Ann Lee.md": '---\ncompany: "[[Northwind|Northwind Cloud]]"\n'
                                       'title: "[[Staff Engineer]]"\n---\n',
                  "Companies/Northwind.md": "# Northwind\n"})
    exported = run("export", "vcard", "--vault", root).stdout
    assert "\nORG:Northwind Cloud\nTITLE:Staff Engineer\n" in exported
    cards = card_file(tmp_path, "c.vcf",
                      "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nORG:Northwind Cloud\n"
                      "TITLE:staff engineer\nEND:VCARD\n")
    result = imported(run, root, "vcard", cards)
    assert result.stdout == "" and "0 conflicts" in result.stderr  # the same company and title


def test_importing_your_own_export_changes_nothing(run, vault, tmp_path):
    # A card's text comes in on one line, and its categories as tags: spacing that a
    # note keeps (two spaces, a line break in a quoted value) and a tag Obsidian would
    # not take (C++, read back as c) are no conflict with it.
    note = ('---\ncompany: "Acme  Corp"\ntitle: "Head of\\nPlatform"\n'
            "email: ann@example.com\nbirthday: 02-29\ntags: [platform, C++]\n---\n# Ann Lee\n")
    root = vault({"People/Ann Lee.md": note})
    exported = run("export", "vcard", "--vault", root).stdout
    assert "ORG:Acme  Corp\n" in exported.replace("\r\n", "\n")
    result = imported(run, root, "vcard", card_file(tmp_path, "own.vcf", exported))
    assert result.stderr.splitlines() == [
        "1 contact: 0 new, 0 filled in, 1 already known; 0 conflicts, 0 skipped"]
    assert (root / "People/Ann Lee.md").read_text(encoding="utf-8") == note


@pytest.mark.parametrize("frontmatter, why", [
    # Lines added under YAML's { } form broke it: the note was read from its body alone.
    ("{role: peer}", "its frontmatter is written in a form vaultnet cannot add to without "
                     "changing it (YAML's { } form?); write email: ann@example.com by hand"),
    ("role: [peer", "its frontmatter does not read as YAML (line 3: broken YAML in frontmatter: "
                    "did not find expected ',' or ']'); fix it first (`vaultnet check` shows it)"),
])
def test_a_frontmatter_that_filling_would_break_is_left_as_it_is(run, vault, tmp_path,
                                                                 frontmatter, why):
    note = f"---\n{frontmatter}\n---\n# Ann Lee\n"
    root = vault({"People/Ann Lee.md": note})
    cards = card_file(tmp_path, "c.vcf",
                      "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEMAIL:ann@example.com\nEND:VCARD\n")
    result = imported(run, root, "vcard", cards)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"skipped c.vcf, card 1 (line 1): People/Ann Lee.md: {why}",
        "1 contact: 0 new, 0 filled in, 0 already known; 0 conflicts, 1 skipped"]
    assert (root / "People/Ann Lee.md").read_text(encoding="utf-8") == note


def test_new_people_are_said_to_have_no_role_unless_other_is_reminded_of(run, vault, tmp_path):
    cards = card_file(tmp_path, "cards.vcf", CARDS)
    said = "New people get no role or cadence"
    assert said in imported(run, vault(VAULT), "vcard", cards).stderr
    shutil.rmtree(tmp_path / "vault")
    root = vault({**VAULT, ".vaultnet/config.toml": '[cadence]\nother = "3m"\n'})
    result = imported(run, root, "vcard", cards)
    assert result.exit_code == 0 and "3 new" in result.stderr and said not in result.stderr


def test_dry_run_writes_nothing(run, vault, tmp_path):
    root = vault(VAULT)
    cards = card_file(tmp_path, "cards.vcf", CARDS)
    before = {p: p.read_bytes() for p in root.rglob("*.md")}
    result = imported(run, root, "vcard", cards, "--dry-run")
    assert result.stdout.startswith("would fill People/Ann Lee.md: ")
    assert result.stderr.endswith("(dry run: nothing written)\n")
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == before


CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
LINKEDIN = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
    f"{CONNECTIONS}"
    "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Contoso,Staff Engineer,07 Dec 2025\n"
    'Bruno,Okonkwo-Hale,https://www.linkedin.com/in/bruno,bruno@example.com,"Fabrikam, Inc.",'
    '"Director, Payments",14 Mar 2024\n'
    "Kai,,https://www.linkedin.com/in/kai,,,,not a date\n"
    "Lin,Wu,https://www.linkedin.com/in/lin-wu,,Initech,SRE,20 Nov 2026\n"
)


def _saved_again(delimiter: str, encoding: str, dates: dict[str, str]) -> bytes:
    """LINKEDIN as Excel saves it again: another delimiter, encoding, date format."""
    import csv
    import io

    notes, table = LINKEDIN.split("\n\n", 1)
    out = io.StringIO(newline="")
    out.write(notes.replace("\n", "\r\n") + "\r\n\r\n")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([[dates.get(cell, cell) for cell in row]
                      for row in csv.reader(io.StringIO(table))])
    return out.getvalue().encode(encoding)


@pytest.mark.parametrize("data", [
    LINKEDIN.encode(), LINKEDIN.replace("\n", "\r\n").encode(),
    # Opened in Excel and saved again (it said "no header line 'First Name,Last
    # Name,...' found"): where the comma is the decimal mark, semicolons, a byte-order
    # mark and the dates as Excel shows them there; as "Unicode text", tabs in UTF-16.
    _saved_again(";", "utf-8-sig", {"07 Dec 2025": "07.12.2025", "14 Mar 2024": "2024-03-14"}),
    _saved_again("\t", "utf-16", {}),
])
def test_import_linkedin(run, vault, tmp_path, data):
    root = vault({"People/Ann.md": "---\nlinkedin: linkedin.com/in/Ann-Lee/\n---\n"})
    export = tmp_path / "Connections.csv"
    export.write_bytes(data)
    result = imported(run, root, "linkedin", export)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "fill People/Ann.md: company, title, met; from Connections.csv, line 5",
        "create People/Bruno Okonkwo-Hale.md: email, company, title, linkedin, met; "
        "from Connections.csv, line 6",
        "create People/Kai.md: linkedin; from Connections.csv, line 7",
        "create People/Lin Wu.md: company, title, linkedin, met; from Connections.csv, line 8",
    ]
    assert "skipped Connections.csv, line 7: cannot read the date 'not a date'" in result.stderr
    bruno = (root / "People/Bruno Okonkwo-Hale.md").read_text(encoding="utf-8")
    assert "company: Fabrikam, Inc.\ntitle: Director, Payments\n" in bruno
    assert "met: 2024-03-14\n" in bruno
    assert "met: 2025-12-07\n" in (root / "People/Ann.md").read_text(encoding="utf-8")


def test_an_import_says_how_many_new_people_come_due_at_once(run, vault, tmp_path):
    """Each connection's day is its `met:`: years of them are due at once as new
    contacts. It said only that "nothing reminds you" of them."""
    root = vault({"People/Ann.md": "---\nlinkedin: linkedin.com/in/Ann-Lee/\n---\n"})
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN, encoding="utf-8")
    within = "`--met-within 30d` gives `met:` to the last 30 days' connections only."
    planned = imported(run, root, "linkedin", export, "--dry-run").stderr.splitlines()
    # Ann, filled in with `met:` and never in touch, comes due too.
    assert planned[-1] == ("3 people (2 new, 1 filled in) would be due at once as new contacts "
                           f"(`met:` 2 days ago or more, no interaction since); {within}")
    done = imported(run, root, "linkedin", export).stderr.splitlines()
    assert done[-2:] == [
        "3 people (2 new, 1 filled in) are due now as new contacts (`met:` 2 days ago or more, "
        "no interaction since): log an interaction with those you get in touch with, and remove "
        "`met:` from the others.",
        "New people get no role or cadence, so nothing reminds you to keep in touch with them "
        "after that first follow-up: give `role:` or `cadence:` to those you want to keep up "
        "with."]
    due = json.loads(run("due", "--vault", root, "--today", "2026-11-23", "--json").stdout)
    assert [i["person"] for i in due] == ["Bruno Okonkwo-Hale", "Ann", "Lin Wu"]  # Ann: filled in


def test_an_import_counts_new_people_alone_when_those_filled_in_are_in_touch(run, vault,
                                                                            tmp_path):
    """Ann is in touch since the day LinkedIn gives: `met:` makes her no new contact."""
    root = vault({"People/Ann.md": "---\nlinkedin: linkedin.com/in/Ann-Lee/\n---\n"
                                   "- 2026-01-10 coffee\n"})
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN, encoding="utf-8")
    planned = imported(run, root, "linkedin", export, "--dry-run").stderr.splitlines()
    assert planned[-1].startswith("2 new people would be due at once as new contacts")


def test_met_within_keeps_years_of_connections_from_coming_due(run, vault, tmp_path):
    """--met-within 30d: only the last 30 days' connections get met; the others,
    whom the new-contact rule would make overdue all at once, keep the date in
    the note's text."""
    root = vault({"People/Ann.md": "---\nlinkedin: linkedin.com/in/Ann-Lee/\n---\n"})
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN, encoding="utf-8")
    result = imported(run, root, "linkedin", export, "--met-within", "30d")
    assert result.stdout.splitlines()[:2] == [
        "fill People/Ann.md: company, title; from Connections.csv, line 5",
        "create People/Bruno Okonkwo-Hale.md: email, company, title, linkedin; "
        "from Connections.csv, line 6"]
    bruno = (root / "People/Bruno Okonkwo-Hale.md").read_text(encoding="utf-8")
    assert "met:" not in bruno and "Connected on LinkedIn on 2024-03-14.\n" in bruno
    assert "met: 2026-11-20\n" in (root / "People/Lin Wu.md").read_text(encoding="utf-8")
    due = run("due", "--vault", root, "--today", "2026-11-23", "--json")
    assert [(i["person"], i["reason"]) for i in json.loads(due.stdout)] == [("Lin Wu", "new-contact")]


def imported_connections(run, root, tmp_path, rows: str):
    """``vaultnet import linkedin`` of a Connections.csv of these rows, which worked."""
    export = tmp_path / "Connections.csv"
    export.write_text(CONNECTIONS + rows, encoding="utf-8")
    result = imported(run, root, "linkedin", export)
    assert result.exit_code == 0, result.output
    return result


def test_degrees_after_a_linkedin_name_are_no_part_of_the_notes_name(run, vault, tmp_path):
    """"Farah Haddad, PhD": the note is Farah Haddad (an existing one is filled), and
    the name as LinkedIn shows it is an alias; "Haddad, Farah" is kept whole."""
    root = vault({"People/Jo Li.md": "---\nrole: peer\n---\n"})
    result = imported_connections(run, root, tmp_path,
                                  'Farah,"Haddad, PhD",,farah@example.org,,Researcher,01 Jan 2021\n'
                                  'Jo,"Li, M.B.A., CPA",,,Contoso,,\n'
                                  'Sam,"Haddad, Jr.",,,,,\n')
    assert result.stdout.splitlines() == [
        "create People/Farah Haddad.md: aliases, email, title, met; from Connections.csv, line 2",
        "fill People/Jo Li.md: aliases, company; from Connections.csv, line 3",
        "create People/Sam Haddad, Jr.md: no fields; from Connections.csv, line 4"]
    farah = (root / "People/Farah Haddad.md").read_text(encoding="utf-8")
    assert "aliases:\n  - Farah Haddad, PhD\n" in farah


def test_a_title_before_a_linkedin_name_is_no_part_of_the_notes_name(run, vault, tmp_path):
    """"Dr. Ann Lee" made a second Ann Lee, People/Dr. Ann Lee.md; the note of the
    name is filled, the name as LinkedIn shows it kept as an alias, as with degrees."""
    root = vault({"People/Ann Lee.md": "---\nrole: peer\n---\n"})
    result = imported_connections(run, root, tmp_path, 'Dr. Ann,Lee,,,Contoso,,\n'
                                                       'Prof,"Bo Ng, PhD",,,,,\n'
                                                       "Ms,,,,,,\n")  # all title: kept
    assert result.stdout.splitlines() == [
        "fill People/Ann Lee.md: aliases, company; from Connections.csv, line 2",
        "create People/Bo Ng.md: aliases; from Connections.csv, line 3",
        "create People/Ms.md: no fields; from Connections.csv, line 4"]
    assert "  - Dr. Ann Lee\n" in (root / "People/Ann Lee.md").read_text(encoding="utf-8")


def test_a_linkedin_names_decorations_are_no_part_of_the_notes_name(run, vault, tmp_path):
    """People decorate their name on LinkedIn: "Ann Lee (she/her)" made a second Ann
    Lee; "Bo Li 🚀" and "Eve Smith - Open to Work" named notes as no one calls them.
    A nickname in quotes names them too."""
    root = vault({"People/Ann Lee.md": "---\nrole: peer\n---\n"})
    result = imported_connections(run, root, tmp_path, (
        "Ann,Lee (she/her),,,Contoso,,\n"
        "Bo,Li 🚀,,,,,\n"
        "Dee,\"O'Brien | Hiring\",,,,,\n"
        "Eve,Smith - Open to Work,,,,,\n"
        "Dmitri,\"\"\"Dima\"\" Volkov\",,,,,\n"
        "“Gus”,Hale,,,,,\n"
        "Mary-Jane,Watson (Acme),,,,,\n"))
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "fill People/Ann Lee.md", "create People/Bo Li.md", "create People/Dee O'Brien.md",
        "create People/Eve Smith.md", "create People/Dmitri Volkov.md",
        "create People/Gus Hale.md", "create People/Mary-Jane Watson.md"]
    assert "  - Ann Lee (she/her)\n" in (root / "People/Ann Lee.md").read_text(encoding="utf-8")
    assert ('aliases:\n  - Dmitri "Dima" Volkov\n  - Dima Volkov\n'
            in (root / "People/Dmitri Volkov.md").read_text(encoding="utf-8"))
    again = imported(run, root, "linkedin", tmp_path / "Connections.csv")
    assert again.stdout == "" and "7 already known" in again.stderr


def test_a_cards_title_and_degrees_are_no_part_of_the_notes_name(run, vault, tmp_path):
    """FN:Dr. Ann Lee (Apple's cards write the N field's title into FN) made a second
    Ann Lee; N says which words are a title or degrees, and only those are left out."""
    root = vault({"People/Ann Lee.md": "---\nrole: peer\n---\n"})
    cards = card_file(tmp_path, "c.vcf",
                      "BEGIN:VCARD\nVERSION:3.0\nFN:Dr. Ann Lee\nN:Lee;Ann;;Dr.;\n"
                      "EMAIL:ann@example.com\nEND:VCARD\n"
                      "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Ng, PhD\nN:Ng;Bo;;;PhD\nEND:VCARD\n"
                      "BEGIN:VCARD\nVERSION:3.0\nFN:Drew Barr\nN:Barr;Drew;;Dr;\nEND:VCARD\n")
    result = imported(run, root, "vcard", cards)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "fill People/Ann Lee.md: aliases, email; from c.vcf, card 1 (line 1)",
        "create People/Bo Ng.md: aliases; from c.vcf, card 2 (line 7)",
        "create People/Drew Barr.md: no fields; from c.vcf, card 3 (line 12)"]  # "Dr" + "ew": no title
    assert "aliases:\n  - Bo Ng, PhD\n" in (root / "People/Bo Ng.md").read_text(encoding="utf-8")


def test_linkedin_older_layout_without_url(run, vault, tmp_path):
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n"})
    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name,Email Address,Company,Position,Connected On\n"
                      "Ann,,,Contoso,SRE,02 Feb 2023\n", encoding="utf-8")
    result = imported(run, root, "linkedin", export)
    assert result.stdout == "fill People/Ann.md: company, title, met; from Connections.csv, line 2\n"


@pytest.mark.parametrize("rows, line, why", [
    # a quote left open swallows the rest of the file: it used to become one person
    # named "Lin,Wu,https://...", with every later row in the name
    ('"Lin,Wu,https://www.linkedin.com/in/lin,,Initech,SRE,20 Nov 2026\n'
     "Kai,,https://www.linkedin.com/in/kai,,,,01 Jan 2026\n", 9, "unexpected end of data"),
    ('Lin,Wu,https://www.linkedin.com/in/lin,,"' + "x" * 200_000 + '",SRE,20 Nov 2026\n', 9,
     "field larger than field limit (131072)"),  # it was "unexpected Error: ..."
])
def test_a_csv_that_cannot_be_read_names_its_line(run, vault, tmp_path, rows, line, why):
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN + rows, encoding="utf-8")
    root = vault({"People/Ann.md": ""})
    result = imported(run, root, "linkedin", export)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: Connections.csv, line {line}: cannot read it as CSV ({why}); "
                             "is this LinkedIn's Connections.csv as exported?\n")
    assert sorted(p.name for p in (root / "People").iterdir()) == ["Ann.md"]  # nothing written


def test_a_header_that_cannot_be_read_names_its_line(run, vault, tmp_path):
    # A header edited by hand, a quote closed too soon: it was "unexpected Error: ','
    # expected after '\"'" (the header was read outside the rows' guard).
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN.replace(CONNECTIONS, CONNECTIONS.replace(",URL,", ',"URL"x,')),
                      encoding="utf-8")
    root = vault({"People/Ann.md": ""})
    result = imported(run, root, "linkedin", export)
    assert result.exit_code == 1
    assert result.stderr == ("Error: Connections.csv, line 4: cannot read it as CSV (',' expected "
                             "after '\"'); is this LinkedIn's Connections.csv as exported?\n")
    assert sorted(p.name for p in (root / "People").iterdir()) == ["Ann.md"]


def test_rows_are_named_by_their_first_line_after_a_field_of_two_lines(run, vault, tmp_path):
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN.replace('"Fabrikam, Inc."', '"Fabrikam,\nInc."'), encoding="utf-8")
    result = imported(run, vault({"People/Ann.md": ""}), "linkedin", export, "--dry-run")
    assert "skipped Connections.csv, line 8: cannot read the date 'not a date'" in result.stderr


def test_not_a_linkedin_export(run, vault, tmp_path):
    export = tmp_path / "other.csv"
    export.write_text("a,b\n1,2\n", encoding="utf-8")
    result = imported(run, vault({"People/Ann.md": ""}), "linkedin", export)
    assert result.exit_code == 1 and "other.csv: no header line 'First Name,Last Name,...'" in result.stderr


def _archive(path: Path, members: dict[str, str]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return path


@pytest.mark.parametrize("member", ["Connections.csv", "Basic_LinkedInDataExport/Connections.csv"])
def test_import_linkedin_reads_the_export_archive_as_downloaded(run, vault, tmp_path, member):
    """LinkedIn hands the export over as a ZIP archive, which was "no header line
    'First Name,Last Name,...' found": the person had to unpack it first."""
    export = _archive(tmp_path / "Basic_LinkedInDataExport_12-03-2026.zip",
                      {"messages.csv": "CONVERSATION ID,FROM\n1,Ann Lee\n", member: LINKEDIN})
    root = vault({"People/Ann.md": "---\nlinkedin: linkedin.com/in/Ann-Lee/\n---\n"})
    result = imported(run, root, "linkedin", export)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"fill People/Ann.md: company, title, met; from {export.name}/{member}, line 5")
    assert "met: 2024-03-14\n" in (root / "People/Bruno Okonkwo-Hale.md").read_text(encoding="utf-8")


def test_import_linkedin_of_an_archive_without_connections_or_damaged(run, vault, tmp_path):
    export = _archive(tmp_path / "export.zip", {"Profile.csv": "First Name,Last Name\nMe,Myself\n"})
    root = vault({"People/Ann.md": ""})
    result = imported(run, root, "linkedin", export)
    assert result.exit_code == 1
    assert result.stderr == ("Error: export.zip: no Connections.csv in this archive; ask LinkedIn "
                             "for a copy of your data with Connections in it\n")
    export.write_bytes(export.read_bytes()[:40])  # a download cut short
    result = imported(run, root, "linkedin", export)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: export.zip: cannot read this ZIP archive (")
    assert result.stderr.endswith("); unpack it and import its Connections.csv\n")
    assert sorted(p.name for p in (root / "People").iterdir()) == ["Ann.md"]


@pytest.mark.parametrize("name, content, said", [
    # The exports people have at hand, given to the other import or as a CSV.
    ("google.csv", "Name,Given Name,Family Name,E-mail 1 - Value\nAnn Lee,Ann,Lee,a@x.example\n",
     "a CSV file, not vCards; export your contacts as vCards (.vcf) instead: Google Contacts "
     'offers "vCard", as do Apple\'s Contacts and most address books'),
    ("Connections.csv", LINKEDIN,
     "LinkedIn's export, not vCards; import it with `vaultnet import linkedin` instead"),
    ("export.zip", {"Connections.csv": LINKEDIN},
     "LinkedIn's export, not vCards; import it with `vaultnet import linkedin` instead"),
    ("photos.zip", {"IMG_0001.jpg": "not a card"}, "no .vcf file in this archive"),
    ("notes.txt", "hello\n", "no BEGIN:VCARD found; is it a vCard file?"),
])
def test_import_vcard_of_another_export_says_what_it_is(run, vault, tmp_path, name, content, said):
    export = tmp_path / name
    if isinstance(content, dict):
        _archive(export, content)
    else:
        export.write_text(content, encoding="utf-8")
    result = imported(run, vault({"People/Ann.md": ""}), "vcard", export)
    assert result.exit_code == 1 and result.stderr == f"Error: {export}: {said}\n"


def test_import_vcard_reads_google_takeouts_archive_as_downloaded(run, vault, tmp_path):
    """Google Takeout hands contacts over as a ZIP archive with a vCard file for
    each label, the same person in several: it was "no BEGIN:VCARD found"."""
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\nEMAIL:{}\r\nEND:VCARD\r\n"
    ann, bo = card.format("Ann Lee", "ann@x.example"), card.format("Bo Chen", "bo@x.example")
    export = _archive(tmp_path / "takeout-20261203T101010Z-001.zip", {
        "Takeout/Contacts/My Contacts/My Contacts.vcf": ann + bo,
        "Takeout/Contacts/Family/Family.vcf": bo,
        "Takeout/archive_browser.html": "<html></html>"})
    root = vault({"People/Leo.md": ""})
    result = imported(run, root, "vcard", export)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"create People/Bo Chen.md: email; from {export.name}/Takeout/Contacts/Family/Family.vcf, "
        "card 1 (line 1)",
        f"create People/Ann Lee.md: email; from {export.name}/Takeout/Contacts/My Contacts/"
        "My Contacts.vcf, card 1 (line 1)"]
    assert "3 contacts: 2 new, 0 filled in, 1 already known" in result.stderr


def test_import_linkedin_of_vcards_says_to_import_them_as_such(run, vault, tmp_path):
    export = tmp_path / "contacts.vcf"
    export.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEND:VCARD\n", encoding="utf-8")
    result = imported(run, vault({"People/Ann.md": ""}), "linkedin", export)
    assert result.exit_code == 1 and result.stderr == (
        "Error: contacts.vcf: vCards, not LinkedIn's connections; import them with "
        "`vaultnet import vcard` instead\n")


@pytest.mark.skipif(not (CORPORA / "vcards").is_dir(), reason="shared/corpora is not here")
def test_real_world_cards_are_read_or_reported(tmp_path):
    seen = 0
    for path in sorted((CORPORA / "vcards").rglob("*.vcf")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        contacts, unreadable = read_cards(text, path.name)
        seen += len(contacts) + len(unreadable)
        assert all(c.name.strip() for c in contacts)
    assert seen >= 25


# --- export ---------------------------------------------------------------------------


def test_export_ics_is_strict_rfc_5545_and_stable(run, example, tmp_path):
    out = tmp_path / "vaultnet.ics"
    result = run("export", "ics", "--vault", example, "--today", "2026-11-23", "--out", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    calendar = IcsCalendarStream.calendar_from_ics(text)  # strict: raises on any violation
    assert result.stderr == f"wrote {len(calendar.events)} events to {out}\n"
    summaries = [e.summary for e in calendar.events]
    assert "Priya Raman's birthday" in summaries
    assert "Promise to Chris Novak: send Chris the migration RFC draft" in summaries
    assert "Promise to Chris Novak: send Chris Novak the cut-over checklist" in summaries  # no [[ ]]
    assert "Keep in touch with Zoë Brandt" in summaries
    assert all(e.dtstart.isoformat() >= "2026-11-23" for e in calendar.events)  # overdue: today
    assert "Hannah Lee" not in text and "final round" not in text  # private: left out
    assert "reorg" not in text  # a #private item
    # the same UIDs on another day, when dates have moved
    later = run("export", "ics", "--vault", example, "--today", "2026-11-25").stdout
    uids = {e.uid for e in calendar.events}
    later_uids = {e.uid for e in IcsCalendarStream.calendar_from_ics(later).events}
    assert "Keep in touch with Zoë Brandt" in later and uids & later_uids == uids - {
        e.uid for e in calendar.events if e.dtstart.isoformat() < "2026-11-25"
        and e.summary.endswith("birthday")}


def test_export_ics_events_open_the_persons_note_in_obsidian(run, vault):
    """A click on an event in a calendar opens the note to write the message from,
    in an Obsidian vault (one it has opened: .obsidian/); no URL in any other."""
    files = {"People/Zoë Brandt.md": "---\nrole: mentor\nlast_contact: 2026-09-01\n---\n"}
    root = vault(files)
    assert "URL" not in run("export", "ics", "--vault", root, "--today", "2026-11-23").stdout
    (root / ".obsidian").mkdir()
    text = run("export", "ics", "--vault", root, "--today", "2026-11-23").stdout
    calendar = IcsCalendarStream.calendar_from_ics(text)  # strict
    assert [e.url for e in calendar.events] == [
        f"obsidian://open?vault={quote(root.name)}&file=People%2FZo%C3%AB%20Brandt"]


def test_export_ics_says_where_a_promise_was_made(run, vault):
    """Its title says what was promised; its description said it again."""
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n",
                  "Meetings/Kickoff.md": "# Kickoff\n\n- [ ] send [[Ann]] the deck 📅 2026-11-25\n"})
    calendar = IcsCalendarStream.calendar_from_ics(
        run("export", "ics", "--vault", root, "--today", "2026-11-23").stdout)
    [promise] = [e for e in calendar.events if e.summary.startswith("Promise")]
    assert (promise.summary, promise.description) == (
        "Promise to Ann: send Ann the deck",
        "promised in Meetings/Kickoff.md, line 3")


def test_export_ics_gives_two_promises_of_the_same_text_two_uids(run, vault, tmp_path):
    # One UID for both: a calendar keeps one of the two events.
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n# Ann\n\n- 2026-11-20 coffee\n"
                                   "- [ ] send the notes 📅 2026-12-05\n"
                                   "- [ ] send the notes 📅 2026-12-20\n"})
    alone = write_vault(tmp_path / "alone", {
        "People/Ann.md": "---\nrole: peer\n---\n# Ann\n\n- 2026-11-20 coffee\n"
                         "- [ ] send the notes 📅 2026-12-05\n"})
    events = {}
    for root_, name in ((root, "both"), (alone, "alone")):
        text = run("export", "ics", "--vault", root_, "--today", "2026-12-02").stdout
        events[name] = [(e.dtstart.isoformat(), e.uid)
                        for e in IcsCalendarStream.calendar_from_ics(text).events
                        if e.summary == "Promise to Ann: send the notes"]
    (first, first_uid), (second, second_uid) = events["both"]
    assert (first, second) == ("2026-12-05", "2026-12-20") and first_uid != second_uid
    assert events["alone"] == [(first, first_uid)]  # the first keeps the UID it had alone


@pytest.mark.parametrize("kind", ["ics", "vcard"])
def test_export_into_a_missing_folder_is_refused(run, example, tmp_path, kind):
    result = run("export", kind, "--vault", example, "--out", tmp_path / "Calender" / "x.ics")
    assert result.exit_code == 2
    assert f"{tmp_path / 'Calender'}: no such folder; create it first" in result.stderr
    assert not (tmp_path / "Calender").exists()


def test_export_vcard_round_trips(run, example):
    result = run("export", "vcard", "--vault", example)
    assert result.exit_code == 0
    contacts, unreadable = read_cards(result.stdout, "out.vcf")
    assert unreadable == []
    names = [c.name for c in contacts]
    assert "Hannah Lee" not in names and len(names) == 15  # 16 people, one private
    priya = next(c for c in contacts if c.name == "Priya Raman")
    assert (priya.birthday, priya.company) == ("1985-11-27", "Northwind Cloud")
    assert (priya.title, priya.email, priya.linkedin, priya.tags) == (
        "Principal Engineer", "priya.raman@example.com",
        "https://www.linkedin.com/in/priya-raman-example", ("platform", "pycon"))
    elena = next(c for c in contacts if c.name == "Elena Petrova")
    assert elena.birthday == "11-28"  # no year, both ways
    assert run("export", "vcard", "--vault", example).stdout == result.stdout  # stable
    assert result.stderr == ""  # on stdout alone: nothing said


def test_export_to_a_file_says_how_many(run, vault, tmp_path):
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n",
                  "People/Bo.md": "---\nprivate: true\n---\n"})
    out = tmp_path / "people.vcf"
    result = run("export", "vcard", "--vault", root, "--out", out)
    assert result.stderr == f"wrote 1 person to {out}\n"  # Bo is private
    empty = write_vault(tmp_path / "empty", {"Daily/2026-11-20.md": "nobody\n"})
    assert run("export", "vcard", "--vault", empty, "--out", out).stderr == (
        f"wrote 0 people to {out}\n")


def test_export_to_dash_is_to_standard_output(run, vault, tmp_path, monkeypatch):
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n"})
    monkeypatch.chdir(tmp_path)
    result = run("export", "vcard", "--vault", root, "--out", "-")
    assert result.exit_code == 0 and result.stdout.startswith("BEGIN:VCARD")
    assert result.stderr == "" and not (tmp_path / "-").exists()
    result = run("export", "vcard", "--vault", root, "--out", "./-")  # a file of that name
    assert result.stdout == "" and (tmp_path / "-").read_text().startswith("BEGIN:VCARD")


@pytest.mark.skipif(not (CORPORA / "linkedin").is_dir(), reason="shared/corpora is not here")
def test_real_linkedin_layouts_are_read(tmp_path):
    from vaultnet.interop.linkedin import met_since, read_connections

    for path in sorted((CORPORA / "linkedin").glob("*.csv")):
        contacts, problems = read_connections(path.read_bytes().decode("utf-8-sig"), path.name)
        assert len(contacts) >= 2 and problems == []
        assert all(c.name and c.met for c in contacts)
        recent = met_since(contacts, date(2026, 1, 1))  # as --met-within would
        assert all(c.met or c.notes.startswith("Connected on LinkedIn on ") for c in recent)


def test_a_new_note_gets_the_cards_notes_and_website(run, vault, tmp_path):
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n"})
    cards = card_file(tmp_path, "c.vcf",
                      "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Chen\nURL:https://bo.example.com\n"
                      "NOTE:Runs the platform guild.\nEND:VCARD\n")
    assert imported(run, root, "vcard", cards).exit_code == 0
    text = (root / "People/Bo Chen.md").read_text(encoding="utf-8")
    assert text == ("---\nwebsite: https://bo.example.com\n---\n# Bo Chen\n\n"
                    "Runs the platform guild.\n\n## Log\n")
    again = imported(run, root, "vcard", cards)
    assert again.stdout == "" and (root / "People/Bo Chen.md").read_text(encoding="utf-8") == text


def test_a_contact_that_cannot_be_written_is_reported_and_the_rest_imported(run, vault, tmp_path):
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n", "Projects/Kai.md": "# The Kai project\n"})
    cards = card_file(tmp_path, "c.vcf",
                      "BEGIN:VCARD\nVERSION:3.0\nFN:Kai\nEMAIL:kai@example.com\nEND:VCARD\n"
                      "BEGIN:VCARD\nVERSION:3.0\nFN:Bo\nEND:VCARD\n")
    result = imported(run, root, "vcard", cards)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "skipped c.vcf, card 1 (line 1): Projects/Kai.md already answers to 'Kai'; open it instead, "
        "or give the new note another name",
        "2 contacts: 1 new, 0 filled in, 0 already known; 0 conflicts, 1 skipped",
        "New people get no role or cadence, so nothing reminds you to keep in touch with them: "
        "give `role:` or `cadence:` to those you want to keep up with.",
    ]
    assert (root / "People/Bo.md").exists() and not (root / "People/Kai.md").exists()


def test_a_cards_other_emails_phones_and_links_go_into_the_new_note(run, vault, tmp_path):
    """A note keeps one email, phone, profile and website; nothing else of the card is lost."""
    root = vault({"People/Ann.md": "---\nrole: peer\n---\n"})
    cards = card_file(tmp_path, "c.vcf",
                      "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Chen\nEMAIL;TYPE=HOME:bo@home.example\n"
                      "EMAIL;TYPE=WORK,PREF:bo@work.example\nEMAIL:BO@HOME.EXAMPLE\nTEL:+1 555 0100\n"
                      "TEL:+1 (555) 0100\nTEL;TYPE=WORK:+1 555 0199\nURL:https://www.linkedin.com/in/bo/\n"
                      "URL:https\\://bo.example.com\nURL:https://blog.example.com\nNOTE:Runs the guild.\n"
                      "END:VCARD\n")
    assert imported(run, root, "vcard", cards).exit_code == 0
    text = (root / "People/Bo Chen.md").read_text(encoding="utf-8")
    assert text.startswith("---\nemail: bo@work.example\nphone: +1 555 0100\n")
    assert ("\nRuns the guild. Also in the card: email bo@home.example, phone +1 555 0199, "
            "link https://blog.example.com.\n") in text
    assert "linkedin: https://www.linkedin.com/in/bo/\nwebsite: https://bo.example.com\n" in text


@pytest.mark.parametrize("empty", ["email:  # work address", "email: NULL", "email: []"])
def test_what_import_says_it_filled_is_in_the_note(run, vault, tmp_path, empty):
    root = vault({"People/Ann Lee.md": f"---\nrole: peer\n{empty}\n---\nBody.\n"})
    cards = card_file(tmp_path, "ann.vcf",
                      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\n"
                      "END:VCARD\r\n")
    result = imported(run, root, "vcard", cards)
    assert result.stdout.startswith("fill People/Ann Lee.md: email;")
    note = (root / "People/Ann Lee.md").read_text(encoding="utf-8")
    assert "email: ann@example.com" in note and note.endswith("---\nBody.\n")


def test_exports_leave_out_control_characters_their_formats_do_not_allow(run, vault, tmp_path):
    """RFC 5545 and 6350 allow no control character in a text value; one from a
    note's name or text made the file invalid (and, on stdout, reached the terminal)."""
    root = vault({
        "People/Eve \x1b]0;x\x07.md": "---\nrole: peer\ncompany: \"Acme\\x1b[2J\"\n---\n"
                                      "- [ ] send\tthe \x1b[31mdeck 📅 2026-11-20\n",
    })
    ics = run("export", "ics", "--vault", root, "--today", "2026-11-23").stdout
    calendar = IcsCalendarStream.calendar_from_ics(ics)  # strict: raises on any violation
    assert sorted(e.summary for e in calendar.events) == [
        "Follow up with Eve ]0;x, a new contact", "Promise to Eve ]0;x: send the [31mdeck"]
    cards = run("export", "vcard", "--vault", root).stdout
    for text in (ics, cards):
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)
    contacts, unreadable = read_cards(cards, "out.vcf")
    assert unreadable == [] and [(c.name, c.company) for c in contacts] == [("Eve ]0;x", "Acme[2J")]


def test_imports_leave_out_control_characters(run, vault, tmp_path):
    """A broken (or hostile) card or CSV row: its control characters would go into
    the note as they are, where a terminal showing the note obeys them."""
    cards = tmp_path / "cards.vcf"
    cards.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve\x1b]0;x\x07 Stone\r\n"
                      b"ORG:Acme\x1b[2J\r\nNOTE:line one\\nline\x1b[31m two\r\nEND:VCARD\r\n")
    export = tmp_path / "Connections.csv"
    export.write_text(CONNECTIONS + "Bo\x07b,Ray,,,\"Init\x1b[0mech\",CTO\x08,01 Nov 2026\n",
                      encoding="utf-8")
    root = vault({"Daily/2026-11-20.md": "nobody\n"})
    assert imported(run, root, "vcard", cards).exit_code == 0
    assert imported(run, root, "linkedin", export).exit_code == 0
    notes = {p.name: p.read_text(encoding="utf-8") for p in (root / "People").iterdir()}
    assert sorted(notes) == ["Bob Ray.md", "Eve 0;x Stone.md"]  # `]` cannot be in a link
    assert not any(re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text) for text in notes.values())
    eve = notes["Eve 0;x Stone.md"]
    assert "company: Acme[2J\n" in eve and "aliases:\n  - Eve]0;x Stone\n" in eve
    assert "\nline one line\\[31m two\n" in eve  # the note as the template writes it
    assert "company: Init[0mech\ntitle: CTO\n" in notes["Bob Ray.md"]
