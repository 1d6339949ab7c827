"""The coverage report: what the seed content under content/ covers, and where it has gaps, as tables an NGO can read.

It reads the files (the same checked plan `load_content` imports), so it runs without a database: countries by channel
kind, every page and directory text by language (current, stale, unmarked or missing), and channels by the age of
their last check. The CMS's own reports (Reports menu) show the live state after editors have made changes.
"""

from collections import Counter
from datetime import date
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings

from directory.choices import Kind
from directory.countries import country_name

from .loader.revisions import REVIEW_NATIVE

# The report's columns: each kind of channel a covered country should have, in the order the issue names them.
COUNTRY_COLUMNS = [
    (Kind.CHILD_HELPLINE, "Child helpline"),
    (Kind.CSAM_HOTLINE, "CSAM hotline"),
    (Kind.MISSING_CHILDREN, "Missing children"),
    (Kind.POLICE, "Police reporting"),
    (Kind.PARENT_HELPLINE, "Parents' helpline"),
    (Kind.TRAFFICKING, "Trafficking"),
    (Kind.IMAGE_REMOVAL, "Image removal"),
]
AGE_BUCKETS = [(90, "checked within 90 days"), (180, "91 to 180 days ago"), (365, "181 to 365 days ago"),
               (None, "more than a year ago")]  # fmt: skip
CURRENT, STALE, UNMARKED, MISSING = "✓", "stale", "unmarked", "missing"


def languages():
    return [code for code, _name in settings.LANGUAGES]


def translation_state(english_revision: str, translated_from: str | None) -> str:
    """One cell: is this translation made from the English as it is now?"""
    if translated_from is None:
        return MISSING
    if not translated_from:
        return UNMARKED
    return CURRENT if translated_from == english_revision else STALE


def table(headers: list[str], rows: list[list]) -> str:
    cells = [headers] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


def countries_by_kind(plan: dict) -> tuple[str, list[str]]:
    counts = Counter((e.values["country_code"], e.values["kind"]) for e in plan["channels"])
    international = sorted(e.texts[settings.LANGUAGE_CODE]["name"] for e in plan["channels"]
                           if not e.values["country_code"] and e.values["kind"] == Kind.IMAGE_REMOVAL)
    rows, gaps = [], {label: [] for _kind, label in COUNTRY_COLUMNS}
    for country in sorted(plan["countries"], key=lambda e: e.key):
        code = country.key
        row = [f"{code} {country_name(code, settings.LANGUAGE_CODE)}", country.values["emergency_number"]]
        for kind, label in COUNTRY_COLUMNS:
            count = counts[(code, kind)]
            row.append(count or "-")
            if not count:
                gaps[label].append(code)
        rows.append(row)
    text = table(["Country", "Emergency", *(label for _kind, label in COUNTRY_COLUMNS)], rows)
    notes = [f"Image removal: national services where listed; every country also gets the international ones "
             f"({', '.join(international)})."]
    notes += [f"No {label.lower()} in the directory ({len(codes)}): {', '.join(codes)}." for label, codes in gaps.items()
              if codes and label != "Image removal"]
    return text, notes


def pages_by_language(plan: dict) -> str:
    files = {(f.kind, f.slug, f.language): f for f in plan["pages"]}
    english = sorted((f for f in plan["pages"] if f.language == settings.LANGUAGE_CODE), key=lambda f: (f.kind, f.slug))
    rows = []
    for source in english:
        row = [f"{source.kind} {source.slug}"]
        for language in languages():
            if language == settings.LANGUAGE_CODE:
                row.append(source.revision)
                continue
            translation = files.get((source.kind, source.slug, language))
            row.append(translation_state(source.revision, translation.translated_from if translation else None))
        rows.append(row)
    sections = (("situations", plan["situations"]), ("channels", plan["channels"]), ("platforms", plan["platforms"]))
    for section, entries in sections:
        translatable = [e for e in entries if any(e.texts.get(settings.LANGUAGE_CODE, {}).values())]
        row = [f"directory: {len(translatable)} {section}"]
        for language in languages():
            if language == settings.LANGUAGE_CODE:
                row.append("source")
                continue
            states = Counter(translation_state(e.english_revision, e.translated_from.get(language)) if language in e.texts
                             else MISSING for e in translatable)
            row.append(summarise(states, len(translatable)))
        rows.append(row)
    row = ["checked by a native speaker"]
    for language in languages():
        if language == settings.LANGUAGE_CODE:
            row.append("source")
            continue
        reviews = [f.review for f in plan["pages"] if f.language == language]
        reviews += [e.review[language] for section, entries in sections for e in entries if language in e.review]
        row.append(f"{reviews.count(REVIEW_NATIVE)}/{len(reviews)}")
    rows.append(row)
    row = ["interface strings"]
    for language in languages():
        row.append("source" if language == settings.LANGUAGE_CODE else interface_strings(language))
    rows.append(row)
    return table(["Page or text", *languages()], rows)


def summarise(states: Counter, total: int) -> str:
    if states[CURRENT] == total:
        return CURRENT
    parts = [f"{states[state]} {state}" for state in (STALE, UNMARKED, MISSING) if states[state]]
    return f"{states[CURRENT]}/{total} ✓, " + ", ".join(parts)


def interface_strings(language: str) -> str:
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    if not path.exists():
        return MISSING
    with path.open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    done = [m for m in messages if not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)]
    return CURRENT if len(done) == len(messages) else f"{len(done)}/{len(messages)} ✓"


def channels_by_age(plan: dict, today: date) -> str:
    channels = plan["channels"]
    buckets = {label: [0, 0] for _limit, label in AGE_BUCKETS}
    for entry in channels:
        days = (today - entry.values["last_verified"]).days
        label = next(label for limit, label in AGE_BUCKETS if limit is None or days <= limit)
        buckets[label][0] += 1
        buckets[label][1] += bool(entry.values["operator_confirmed"])
    rows = [[label, total, confirmed] for label, (total, confirmed) in buckets.items()]
    rows.append(["all channels", len(channels), sum(1 for e in channels if e.values["operator_confirmed"])])
    return table(["Last checked against its source", "Channels", "of which confirmed on the operator's own site"], rows)


# Kinds of line whose opening hours a visitor needs to know when they can call, text or chat.
HOURS_KINDS = {Kind.CHILD_HELPLINE, Kind.PARENT_HELPLINE, Kind.OTHER, Kind.TRAFFICKING, Kind.MISSING_CHILDREN,
               Kind.CSAM_HOTLINE}  # fmt: skip


def needs_hours(entry) -> bool:
    values = entry.values
    return values["kind"] in HOURS_KINDS and bool(values["phone"] or values["sms"] or values["chat_url"])


def hours_known(entry) -> bool:
    return bool(entry.values["open_24_7"] or entry.values["opening_times"])


def trust_by_country(plan: dict, accounting: dict | None) -> tuple[str, list[str]]:
    """Per country: channels, helplines with their hours, confirmed with the operator, reference entries excluded."""
    excluded = Counter(entry.country for entry in (accounting or {}).get("excluded", {}))
    rows = []
    scopes = [(c.key, f"{c.key} {country_name(c.key, settings.LANGUAGE_CODE)}") for c in sorted(plan["countries"], key=lambda e: e.key)]
    for scope, label in [*scopes, ("", "international")]:
        channels = [e for e in plan["channels"] if e.values["country_code"] == scope]
        lines = [e for e in channels if needs_hours(e)]
        rows.append([
            label, len(channels), f"{sum(hours_known(e) for e in lines)}/{len(lines)}",
            sum(1 for e in lines if e.values["open_24_7"]), f"{sum(e.values['operator_confirmed'] for e in channels)}/{len(channels)}",
            excluded[scope or "international"] if accounting else "?",
        ])  # fmt: skip
    no_hours = sorted(e.key for e in plan["channels"] if needs_hours(e) and not hours_known(e) and not e.hours_not_found)
    not_found = sorted(e.key for e in plan["channels"] if needs_hours(e) and e.hours_not_found)
    unconfirmed = sorted(e.key for e in plan["channels"]
                         if e.values["kind"] in (Kind.CHILD_HELPLINE, Kind.CSAM_HOTLINE, Kind.IMAGE_REMOVAL)
                         and not e.values["operator_confirmed"])  # fmt: skip
    notes = [f"Helplines and hotlines whose hours were never looked for ({len(no_hours)}): {', '.join(no_hours) or 'none'}.",
             f"Helplines and hotlines whose hours were searched for and not found in any source ({len(not_found)}; "
             f"visitors read \"hours not known\"; what was searched is in each channel's notes): "
             f"{', '.join(not_found) or 'none'}.",
             f"Child helplines, CSAM hotlines and image removal services not yet confirmed with the operator "
             f"({len(unconfirmed)}): {', '.join(unconfirmed) or 'none'}."]  # fmt: skip
    headers = ["Country", "Channels", "Hours known", "of which 24/7", "Confirmed with the operator", "Reference entries excluded"]
    return table(headers, rows), notes


def exclusions(accounting: dict) -> str:
    rows = [[entry.country, entry.name, exclusion.reason]
            for entry, exclusion in sorted(accounting["excluded"].items(), key=lambda item: (item[0].country, item[0].name))]  # fmt: skip
    return table(["Country", "Reference entry", "Why it is not in the directory"], rows)


def report(plan: dict, today: date, accounting: dict | None = None) -> str:
    countries, notes = countries_by_kind(plan)
    trust, trust_notes = trust_by_country(plan, accounting)
    parts = [
        "# HelpHub content coverage",
        "",
        f"Made by `site/manage.py content_report` from the files under `content/` on {today.isoformat()}. "
        "The CMS's Reports menu shows the live state once editors have made changes.",
        "",
        f"## Countries by channel kind ({len(plan['countries'])} countries, {len(plan['channels'])} channels)",
        "",
        "Channels of each kind per country; the emergency column is the country's general emergency number. "
        "A gap means no sourced channel was found: it stays out until someone finds one.",
        "",
        countries,
        "",
        *[f"- {note}" for note in notes],
        "",
        "## Hours, confirmation and the reference list, per country",
        "",
        "Hours known: of the helplines and hotlines a visitor can call, text or chat, how many carry their opening "
        "hours (or 24/7). Confirmed with the operator: the number and link were seen on the operator's own page, "
        "which the channel names first as its source; the others come from a public directory and say so to "
        "visitors. Reference entries excluded: entries of the sourced reference list (content/reference/) left out, "
        "each with its reason (listed below); every other entry is a channel or the country's emergency number.",
        "",
        trust,
        "",
        *[f"- {note}" for note in trust_notes],
        "",
        *(["### Reference entries left out, and why", "", exclusions(accounting), ""] if accounting else []),
        "## Languages by page",
        "",
        f"{CURRENT}: translated from the English as it is now; {STALE}: the English changed since it was translated; "
        f"{UNMARKED}: translated but not marked with the English revision it came from; {MISSING}: not translated "
        "(visitors see the English, marked as English). The English column gives each page's current revision.",
        "",
        pages_by_language(plan),
        "",
        "## Channels by age of verification",
        "",
        channels_by_age(plan, today),
        "",
    ]
    return "\n".join(parts)
