"""Daily notes named in the user's own format (Obsidian's daily-notes setting).

SPEC 2 dates a note named ``YYYY-MM-DD``. Obsidian lets a person name daily
notes otherwise (Settings → Daily notes → Date format, or the Periodic Notes
plugin), in moment.js's format tokens: ``YYYY-MM-DD dddd`` gives
``2026-11-23 Monday``, ``YYYY/MM/YYYY-MM-DD`` puts the notes in a folder per
year and month. A note whose path ends in a name of that format is dated too.

Each format becomes a regular expression. The date comes from the year
(``YYYY``, ``YY``), the month (``MM``, ``M``, ``Mo``, or its name: ``MMMM``,
``MMM``) and the day of the month (``DD``, ``D``, ``Do``), or the day of the
year (``DDDD``, ``DDD``); the other tokens (weekday names in any language,
weeks, times) only have to be there. A format without a year, a month and a
day (a weekly note's) dates nothing.

Obsidian writes names in the language it is set to (moment.js's locale of
that language), and keeps that language out of the vault: a month's name is
read in any of the languages of :data:`_MONTHS_BY_LANGUAGE`, whichever the
note uses.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, timedelta

from vaultnet.parse.values import MONTHS

_ORDINAL = r"(?:st|nd|rd|th)"
# In the patterns below, \pL stands for a letter of any script (Python's re has no
# \p{L}): a word character that is no digit or underscore, or one of the marks that
# write vowels in Thai, Khmer, Devanagari, Bengali, Tamil, Telugu, Malayalam, Thaana,
# and Hebrew and Arabic points, which are no word characters to re (ธันวาคม, दिसंबर), or a
# zero-width (non-)joiner inside a word (Persian's سه‌شنبه). See letter_pattern.
# A weekday's name, in any language, or its abbreviation; Vietnamese's are two words
# ("thứ sáu", "chủ nhật") or short with a number ("T6").
_NAME = r"(?:(?:thứ |chủ )?\pL+|T[2-7])\.?"
# A month's: letters, maybe after a number (1月, 12월), maybe with dots inside (Thai's
# ธ.ค.) and ending in one (janv.) or in Hebrew's geresh (נוב׳); after a day, Catalan's
# months take "de" ("20 de novembre", "1 d’abril"); Vietnamese's are "tháng" and the
# month's number ("tháng 11", "Thg 11").
_MONTH_WORD = r"(?:(?:de |d[’'])?\d{0,2}\pL+(?:\.\pL+)*[.\u05f3]?|(?:tháng|thg) \d{1,2})"
_VIETNAMESE_MONTH = re.compile(r"(?:tháng|thg) (\d{1,2})")
# An ordinal number's ending as moment.js writes ``Do`` (and ``Mo``, ``DDDo``) in
# the languages Obsidian can be set to: 20th, 20. (German, Danish, Czech...), 1er
# (French), 20º (Spanish), 20ste (Dutch), 20:e (Swedish), 20a (Esperanto), 20-го
# (Russian), 20-ти (Bulgarian), 20வது (Tamil), 20వ (Telugu); none in most.
NUMBER_ORDINAL = (r"(?:st|nd|rd|th|er|e|de|ste|\.|º|ª|a|:a|:e|-(?:го|е|й|я|ев|ен|ти|ви|ри|ми)"
                   r"|வது|వ)?")

# The months' names as moment.js writes them in the languages Obsidian can be set
# to, January to December, each month's forms joined by |: the name (``MMMM``),
# its other grammatical case where the language has one ("1 декабря", "grudnia"),
# and the short forms (``MMM``) that are not the name's first letters. Any first
# three letters or more of a name that belong to one month only are its short
# form too (févr., Sept., ene.).
_MONTHS_BY_LANGUAGE = {
    # (English's short forms too: a short form written out is read before any beginning,
    # so that "mar" stays March with Finnish's marraskuu, November, in the table.)
    "en": " ".join(f"{name}|{name[:3]}" for name in MONTHS),
    "de": "januar|jänner februar märz|mrz april mai juni juli august september oktober november"
          " dezember",  # (Jänner: Austrian)
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre"
          " dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "nl": "januari februari maart|mrt april mei juni juli augustus september oktober november"
          " december",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "nb": "januar februar mars april mai juni juli august september oktober november desember",
    "ro": "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie"
          " decembrie",
    "id": "januari februari maret april mei juni juli agustus|agt september oktober november"
          " desember",
    "ca": "gener febrer març abril maig juny juliol agost|ag setembre octubre novembre desembre",
    "ms": "januari februari mac april mei jun julai ogos|ogs september oktober november disember",
    "tr": "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
    "hu": "január február március április május június július augusztus szeptember október"
          " november december",
    "fi": "tammikuu helmikuu maaliskuu huhtikuu toukokuu kesäkuu heinäkuu elokuu syyskuu lokakuu"
          " marraskuu joulukuu",
    "sq": "janar shkurt mars prill maj qershor korrik gusht shtator tetor nëntor dhjetor",
    "el": "ιανουάριος|ιανουαρίου φεβρουάριος|φεβρουαρίου μάρτιος|μαρτίου απρίλιος|απριλίου"
          " μάιος|μαΐου ιούνιος|ιουνίου ιούλιος|ιουλίου αύγουστος|αυγούστου"
          " σεπτέμβριος|σεπτεμβρίου οκτώβριος|οκτωβρίου νοέμβριος|νοεμβρίου δεκέμβριος|δεκεμβρίου",
    "pl": "styczeń|stycznia luty|lutego marzec|marca kwiecień|kwietnia maj|maja czerwiec|czerwca"
          " lipiec|lipca sierpień|sierpnia wrzesień|września październik|października"
          " listopad|listopada grudzień|grudnia",
    "cs": "leden|ledna únor|února březen|března duben|dubna květen|května červen|června|čvn"
          " červenec|července|čvc srpen|srpna září říjen|října listopad|listopadu prosinec|prosince",
    "ru": "январь|января февраль|февраля март|марта апрель|апреля май|мая июнь|июня июль|июля"
          " август|августа сентябрь|сентября октябрь|октября ноябрь|ноября декабрь|декабря",
    "uk": "січень|січня лютий|лютого березень|березня квітень|квітня травень|травня червень|червня"
          " липень|липня серпень|серпня вересень|вересня жовтень|жовтня листопад|листопада"
          " грудень|грудня",
    "be": "студзень|студзеня люты|лютага сакавік|сакавіка красавік|красавіка травень|траўня"
          " чэрвень|чэрвеня ліпень|ліпеня жнівень|жніўня верасень|верасня кастрычнік|кастрычніка"
          " лістапад|лістапада снежань|снежня",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "fa": "ژانویه فوریه مارس آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر",
    "he": "ינואר פברואר מרץ אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר",
    "zh": "一月 二月 三月 四月 五月 六月 七月 八月 九月 十月 十一月 十二月",
    "ja": "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月",
    "ko": "1월 2월 3월 4월 5월 6월 7월 8월 9월 10월 11월 12월",
    "af": "januarie februarie maart april mei junie julie augustus september oktober november"
          " desember",
    "eu": "urtarrila otsaila martxoa apirila maiatza ekaina uztaila abuztua iraila urria azaroa"
          " abendua",
    "gl": "xaneiro febreiro marzo abril maio xuño xullo agosto setembro outubro novembro decembro",
    "eo": "januaro februaro marto aprilo majo junio julio aŭgusto septembro oktobro novembro"
          " decembro",
    "lv": "janvāris februāris marts aprīlis maijs jūnijs jūlijs augusts septembris oktobris"
          " novembris decembris",
    "sk": "január február marec apríl máj jún júl august september október november december",
    "sr": "januar februar mart april maj jun jul avgust septembar oktobar novembar decembar",
    "bg": "януари февруари март април май юни юли август септември октомври ноември декември",
    "ur": "جنوری فروری مارچ اپریل مئی جون جولائی اگست ستمبر اکتوبر نومبر دسمبر",
    "dv": "ޖެނުއަރީ ފެބްރުއަރީ މާރިޗު އޭޕްރީލު މޭ ޖޫން ޖުލައި އޯގަސްޓު ސެޕްޓެމްބަރު އޮކްޓޯބަރު"
          " ނޮވެމްބަރު ޑިސެމްބަރު",
    # Thai's short forms are letters with dots between: what is written is the table's.
    "th": "มกราคม|ม.ค กุมภาพันธ์|ก.พ มีนาคม|มี.ค เมษายน|เม.ย พฤษภาคม|พ.ค มิถุนายน|มิ.ย"
          " กรกฎาคม|ก.ค สิงหาคม|ส.ค กันยายน|ก.ย ตุลาคม|ต.ค พฤศจิกายน|พ.ย ธันวาคม|ธ.ค",
    # Hindi: as a date writes it, then standing alone (फरवरी, सितंबर).
    "hi": "जनवरी|जन फ़रवरी|फरवरी मार्च अप्रैल मई जून जुलाई अगस्त|अग सितम्बर|सितंबर अक्टूबर"
          " नवम्बर|नवंबर|नव दिसम्बर|दिसंबर",
    "ne": "जनवरी|जन फेब्रुवरी मार्च अप्रिल मई जुन जुलाई अगष्ट|अग सेप्टेम्बर अक्टोबर नोभेम्बर"
          " डिसेम्बर",
    "bn": "জানুয়ারী|জানুয়ারি ফেব্রুয়ারি|ফেব মার্চ এপ্রিল|এপ্র মে জুন জুলাই|জুল আগস্ট|আগ"
          " সেপ্টেম্বর অক্টোবর নভেম্বর ডিসেম্বর",
    "ta": "ஜனவரி பிப்ரவரி மார்ச் ஏப்ரல் மே ஜூன் ஜூலை ஆகஸ்ட் செப்டெம்பர் அக்டோபர் நவம்பர் டிசம்பர்",
    "te": "జనవరి|జన ఫిబ్రవరి మార్చి ఏప్రిల్ మే జూన్ జులై ఆగస్టు|ఆగ సెప్టెంబర్|సెప్ అక్టోబర్"
          " నవంబర్|నవ డిసెంబర్",
    "ml": "ജനുവരി ഫെബ്രുവരി മാർച്ച് ഏപ്രിൽ മേയ് ജൂൺ ജൂലൈ ഓഗസ്റ്റ്|ഓഗ സെപ്റ്റംബർ ഒക്ടോബർ നവംബർ"
          " ഡിസംബർ",
}

# Token -> (what it gives, its pattern); moment.js reads the longest token first.
_TOKENS = {
    "YYYY": ("year", r"\d{4}"), "YY": ("yy", r"\d{2}"), "Y": ("year", r"\d{4}"),
    # A month's name or its short form, in any language (1月 in Japanese): see month_number.
    "MMMM": ("month_name", _MONTH_WORD), "MMM": ("month_name", _MONTH_WORD),
    "MM": ("month", r"\d{2}"), "Mo": ("month", r"\d{1,2}"), "M": ("month", r"\d{1,2}"),
    "DDDD": ("doy", r"\d{3}"), "DDDo": ("doy", r"\d{1,3}"), "DDD": ("doy", r"\d{1,3}"),
    "DD": ("day", r"\d{2}"), "Do": ("day", r"\d{1,2}"), "D": ("day", r"\d{1,2}"),
    "dddd": ("", _NAME), "ddd": ("", _NAME), "dd": ("", _NAME), "do": ("", r"\d" + _ORDINAL),
    "d": ("", r"\d"), "e": ("", r"\d"), "E": ("", r"\d"),
    "wo": ("", r"\d{1,2}" + _ORDINAL), "ww": ("", r"\d{2}"), "w": ("", r"\d{1,2}"),
    "Wo": ("", r"\d{1,2}" + _ORDINAL), "WW": ("", r"\d{2}"), "W": ("", r"\d{1,2}"),
    "gggg": ("", r"\d{4}"), "gg": ("", r"\d{2}"), "GGGG": ("", r"\d{4}"), "GG": ("", r"\d{2}"),
    "Qo": ("", r"[1-4]" + _ORDINAL), "Q": ("", r"[1-4]"),
    "HH": ("", r"\d{2}"), "H": ("", r"\d{1,2}"), "hh": ("", r"\d{2}"), "h": ("", r"\d{1,2}"),
    "kk": ("", r"\d{2}"), "k": ("", r"\d{1,2}"), "mm": ("", r"\d{2}"), "m": ("", r"\d{1,2}"),
    "ss": ("", r"\d{2}"), "s": ("", r"\d{1,2}"), "A": ("", "am|pm"), "a": ("", "am|pm"),
    "X": ("", r"\d+"), "x": ("", r"\d+"),
}
_ORDINALS = {"Mo", "DDDo", "Do"}  # the number, then its suffix (NUMBER_ORDINAL)


@functools.cache
def _month_names() -> tuple[dict[str, int], dict[str, int]]:
    """Each month's names, of every language (lower case) -> its number; and each
    beginning of three letters or more of them that is of one month only."""
    names: dict[str, int] = {}
    for text in _MONTHS_BY_LANGUAGE.values():
        for number, forms in enumerate(text.split(" "), 1):
            for name in forms.split("|"):
                names[unicodedata.normalize("NFC", name)] = number  # as a note's name is read
    starts: dict[str, set[int]] = {}
    for name, number in names.items():
        for end in range(3, len(name)):
            starts.setdefault(name[:end], set()).add(number)
    return names, {start: numbers.pop() for start, numbers in starts.items() if len(numbers) == 1}


def month_number(word: str) -> int | None:
    """The month a name or short form written by moment.js gives (``December``,
    ``déc.``, ``grudnia``, ``12月``), in any language of :data:`_MONTHS_BY_LANGUAGE`;
    None for a word that is no month's."""
    word = _folded(word).rstrip(".\u05f3")
    if number := _VIETNAMESE_MONTH.fullmatch(word):
        return int(number.group(1)) if 1 <= int(number.group(1)) <= 12 else None
    word = word.removeprefix("de ").removeprefix("d’").removeprefix("d'")
    names, starts = _month_names()
    return names.get(word) or starts.get(word)


def month_named(word: str) -> int | None:
    """The month ``word`` names in full in a language of the table (``novembre``,
    ``ноября``, English's ``nov`` too) or shortens with a dot (``févr.``); None for any
    other word: in running text a beginning such as ``set`` or ``mar`` is no month."""
    if word.endswith((".", "\u05f3")):
        return month_number(word)
    return _month_names()[0].get(_folded(word))


def _folded(word: str) -> str:
    """Lower case, and NFC as the table's names are (a name synced from a Mac, or
    Hindi's फ़ typed as one character, has the same letters in other code points)."""
    word = word.lower()
    return word if word.isascii() else unicodedata.normalize("NFC", word)


@functools.cache
def letter_pattern() -> str:
    """What \\pL stands for in the patterns above: a letter of any script, with the
    marks that are letters' parts in the scripts before U+2000, Thai, Khmer,
    Myanmar, Indic, Thaana, Hebrew and Arabic among them (categories Mn and Mc:
    ั, ि, ്), and the zero-width joiners (~1 ms, once)."""
    marks = "".join(chr(c) for c in range(0x300, 0x2000)
                    if unicodedata.category(chr(c)) in ("Mn", "Mc"))
    return f"(?:[^\\W\\d_]|[{marks}\u200c\u200d])"


@functools.lru_cache(maxsize=16)
def name_pattern(moment_format: str) -> re.Pattern | None:
    """The pattern of note paths (without ``.md``) a daily-note format gives,
    matched at the end of the path; None when the format dates nothing."""
    tokens = re.compile(r"\[[^\]]*\]|" + "|".join(sorted(_TOKENS, key=len, reverse=True)) + "|.",
                        re.DOTALL)  # compiled here: most vaults name no format (~1 ms)
    parts, groups = [], set()
    for token in tokens.findall(moment_format):
        if token.startswith("[") and token.endswith("]") and len(token) > 1:
            parts.append(re.escape(token[1:-1]))
        elif token in _TOKENS:
            group, pattern = _TOKENS[token]
            pattern = pattern.replace(r"\pL", letter_pattern())
            suffix = NUMBER_ORDINAL if token in _ORDINALS else ""
            if not group:
                parts.append(f"(?:{pattern})")
            elif group in groups:  # the year twice (YYYY/YYYY-MM-DD): the same year
                parts.append(f"(?P={group}){suffix}")
            else:
                groups.add(group)
                parts.append(f"(?P<{group}>{pattern}){suffix}")
        else:
            parts.append(re.escape(token))
    has_year = groups & {"year", "yy"}
    has_day = groups & {"doy"} or (groups & {"month", "month_name"} and "day" in groups)
    if not (has_year and has_day):
        return None
    return re.compile(r"(?:^|/)" + "".join(parts) + r"\Z", re.IGNORECASE)


def date_of_path(path: str, formats: tuple[str, ...]) -> date | None:
    """The date a note's vault-relative path gives in any of the daily-note
    ``formats``; None when it is in none of them. ValueError when it is named in
    one of them but as no real date (``2026-02-30 Monday``)."""
    stem = path[:-3] if path.lower().endswith(".md") else path
    # A name synced from a Mac may store é as e and an accent: as one letter, it is
    # part of a weekday's or month's name (miércoles, déc.).
    if not stem.isascii():
        stem = unicodedata.normalize("NFC", stem)
    impossible = False
    for moment_format in formats:
        pattern = name_pattern(moment_format)
        found = pattern.search(stem) if pattern else None
        if found and "month_name" in pattern.groupindex and month_number(found["month_name"]) is None:
            continue  # a word where the month's name goes, but no month's: not this format
        if found:
            day = _date(found.groupdict())
            if day is not None:
                return day
            impossible = True
    if impossible:
        raise ValueError(f"{stem!r} is no real date")
    return None


def _date(fields: dict[str, str | None]) -> date | None:
    year = int(fields["year"]) if fields.get("year") else 2000 + int(fields.get("yy") or 0)
    try:
        if fields.get("doy"):
            day = date(year, 1, 1) + timedelta(days=int(fields["doy"]) - 1)
            return day if day.year == year else None  # day 0, or 366 in a common year
        month = month_number(fields["month_name"]) if fields.get("month_name") else int(fields["month"])
        return date(year, month, int(fields["day"]))
    except (ValueError, OverflowError):
        return None
