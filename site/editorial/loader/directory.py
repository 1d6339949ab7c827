"""Reading and checking the directory files: countries, situations, channels and the apps (platforms).

Every record read is built as an unsaved model and checked by the model's own validation (`Reader.model_rules`), the
same the CMS's forms run: a rule about the values lives once, in `directory.models` and `directory.validators`, and an
editor of a file and an editor in the CMS meet it alike. What the loader checks itself is only what a file can get wrong
and a form cannot, each marked "file only" below: the shape of the YAML and its types, the files' own markers
(`hours: unknown`, `excluded`, translations), and what is checked across files before anything is in the database
(countries named by channel files, keys used twice).
"""

from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from directory.choices import DAYS, Audience, Harm, SituationKey
from directory.models import Country, Platform, ReportingChannel, Situation

from .errors import ContentError
from .revisions import REVIEW_MACHINE, REVIEW_STATES, REVISION_PATTERN, revision
from .yamlfile import LineDict, read_yaml

SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]
CHANNEL_FIELDS = {
    "key", "organisation", "name", "kind", "audiences", "min_age", "max_age", "ages_in_image", "situations", "phone", "sms",
    "chat_url", "web_url", "hours", "hours_note", "time_zone", "free", "anonymous", "languages", "description",
    "what_happens_next", "source", "verified", "operator_confirmed", "notes", "priority", "reference",
}  # fmt: skip
CHANNEL_FILE_FIELDS = {"country", "channels", "excluded"}
# Model fields whose name in the files differs.
MODEL_TO_FILE_FIELDS = {"last_verified": "verified", "editor_notes": "notes", "open_24_7": "hours",
                        "opening_times": "hours", "country_code": "country"}
SITUATION_MODEL_TO_FILE = {"young_person_route": "young_person", "adult_route": "adult"}
TRANSLATED_CHANNEL_TEXT = ("name", "description", "what_happens_next", "hours_note")
TRANSLATED_SITUATION_TEXT = ("title", "description")
TRANSLATED_PLATFORM_TEXT = Platform.WORDS
PLATFORM_FIELDS = {
    "key", "name", "owner", "aliases", "help_centre", "report", "removal_tools", "report_without_account",
    "report_without_account_source", "under_18", "under_18_source", "languages", "verified",
    "confirmed_on_platform_page", "notes",
}  # fmt: skip
# Where each field of the model is written in a platform file (for errors at the right line).
PLATFORM_MODEL_TO_FILE = {
    "help_url": "help_centre", "last_verified": "verified", "operator_confirmed": "confirmed_on_platform_page",
    "editor_notes": "notes", "take_it_down": "removal_tools", "stopncii": "removal_tools",
    "removal_source": "removal_tools", "own_tool_url": "removal_tools", "own_tool_text": "removal_tools",
    **{f"{harm}_{part}": "report" for harm in Harm.values for part in ("url", "steps", "source")},
}


@dataclass
class Entry:
    """One record read from a file: `values` are shared by all languages, `texts[lang]` are per language."""

    key: str
    path: Path
    line: int
    values: dict
    texts: dict[str, dict] = field(default_factory=dict)
    # Per language: the revision of the English text the translation was made from, and where it was written.
    translated_from: dict[str, str] = field(default_factory=dict)
    translation_at: dict[str, tuple] = field(default_factory=dict)
    # Per language: `native` when the file says a native speaker has checked the translation (`review: native`),
    # else `machine` (editorial.models.TranslationReview).
    review: dict[str, str] = field(default_factory=dict)
    # The names of the entries of the shared reference list (reference/channels.yaml) this record was built from.
    references: list[str] = field(default_factory=list)
    # A line whose hours were searched for and not found in any source (`hours: unknown`, with what was searched in
    # the notes): visitors are told the hours are not known; the coverage report lists it for editors.
    hours_not_found: bool = False

    @property
    def english_revision(self) -> str:
        english = self.texts.get(settings.LANGUAGE_CODE, {})
        return revision({name: text for name, text in sorted(english.items()) if text})


@dataclass
class Exclusion:
    """An entry of the shared reference list that is deliberately not in the directory, and why."""

    country: str
    reference: str
    reason: str
    path: Path
    line: int


class Reader:
    """Collects every error instead of stopping at the first one."""

    def __init__(self):
        self.errors: list[ContentError] = []
        self.exclusions: list[Exclusion] = []

    def error(self, path, line, message):
        self.errors.append(ContentError(path, line, message))

    # Shared checks ---------------------------------------------------------------------------------------------

    def model_rules(self, record, item: LineDict, path, names=None, exclude=(), only=None) -> set[str]:
        """Run the model's own validation on `record` (what the CMS's form runs), reporting each error at the line of
        its field in the file; return the names of the fields refused.

        `names` maps a model field to its name in the file, where they differ. `exclude` leaves out fields this file
        already refused for their YAML type, so each mistake is reported once. `only` checks just those fields and
        not `clean()`: a translation brings only its texts, and the rules across fields hold for the values every
        language shares, checked on the English record. Uniqueness is left out: the record is not in the database
        while the files are checked (`_unique` finds a key used twice in the files)."""
        names = names or {}
        try:
            if only is None:
                record.full_clean(exclude=["locale", *exclude], validate_unique=False, validate_constraints=False)
            else:
                record.clean_fields(exclude=[f.name for f in record._meta.fields if f.name not in only])
        except ValidationError as error:
            for field_name, errors in error.error_dict.items():
                name = names.get(field_name, field_name)
                for each in errors:
                    self.error(path, _line(record, item, field_name, name, each), _say(record, field_name, name, each))
            return set(error.error_dict)
        return set()

    # File only: the types YAML gives values. A form's widgets give a model only well-typed values; a file can hold
    # a list where a number goes, or a date in quotes (a string).

    def mapping(self, item, path, line, what) -> bool:
        if not isinstance(item, LineDict):
            self.error(path, line, f"each {what} must be a mapping of fields")
            return False
        return True

    def verified_date(self, item: LineDict, path, name):
        """A date written YYYY-MM-DD (YAML reads it as a date); whether one is required and not in the future is the
        model's rule."""
        value = item.get(name)
        if value in (None, ""):
            return None
        if not isinstance(value, date):
            self.error(path, item.line_of(name), f"'{name}' must be a date written YYYY-MM-DD, not {value!r}")
            return None
        return value

    def texts(self, item: LineDict, path, name) -> dict[str, str]:
        """A text field: a plain string (English) or {en: text}; other languages go in the translation files."""
        value = item.get(name)
        if value in (None, ""):
            return {}
        if isinstance(value, str):
            return {settings.LANGUAGE_CODE: value.strip()}
        if isinstance(value, dict):
            others = [lang for lang in value if lang != settings.LANGUAGE_CODE]
            if others:
                self.error(
                    path,
                    item.line_of(name),
                    f"'{name}' is written in {', '.join(map(str, others))} here: "
                    "translations go in translations/<language>.yaml, marked with their English revision",
                )
            text = value.get(settings.LANGUAGE_CODE)
            return {settings.LANGUAGE_CODE: str(text).strip()} if text else {}
        self.error(path, item.line_of(name), f"'{name}' must be text or a mapping of language to text")
        return {}

    def choices(self, item: LineDict, path, name, default=()):
        """A list of words; which words are known is the model's rule."""
        value = item.get(name, list(default))
        if value is None:
            value = list(default)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(path, item.line_of(name), f"'{name}' must be a list, like [a, b]")
            return list(default)
        return value

    def text(self, item: LineDict, name) -> str:
        value = item.get(name)
        return "" if value in (None, "") else str(value).strip()

    def tristate(self, item: LineDict, path, name):
        value = item.get(name)
        if value is not None and not isinstance(value, bool):
            self.error(path, item.line_of(name), f"'{name}' must be true or false, or left out when unknown")
            return None
        return value

    def age(self, item: LineDict, path, name):
        """A whole number; the ages a channel can name are the model's rule."""
        value = item.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            self.error(path, item.line_of(name), f"'{name}' must be a whole number of years")
            return None
        return value

    # Files -----------------------------------------------------------------------------------------------------

    def countries(self, path: Path) -> list[Entry]:
        data = self._list_file(path)
        entries = []
        for item in data:
            if not self.mapping(item, path, getattr(data, "line", None), "country"):
                continue
            code = self.text(item, "code").upper()
            values = {
                "code": code,
                "default_language": self.text(item, "default_language"),
                "time_zone": self.text(item, "time_zone"),
                "emergency_number": self.text(item, "emergency_number"),
                "emergency_source": self.text(item, "emergency_source"),
                "emergency_verified": self.verified_date(item, path, "emergency_verified"),
            }
            # The name is each language's from the CLDR (the writer's), not the file's.
            refused = self.model_rules(Country(**values, name=code), item, path, exclude=_refused_here(item, values, {}))
            if "code" not in refused:  # channel files name their country by its code
                entries.append(Entry(code, path, item.line, values))
        self._unique(entries, "country code")
        return entries

    def situations(self, path: Path) -> list[Entry]:
        data = self._list_file(path)
        entries = []
        for position, item in enumerate(data):
            if not self.mapping(item, path, None, "situation"):
                continue
            key = item.get("key")
            # File only: the situations are a fixed list in the code (SituationKey, also the model's choices), and
            # each entry of this file describes one of them, so an entry with an unknown key is skipped whole.
            if key not in SituationKey.values:
                self.error(
                    path, item.line_of("key"), f"unknown situation {key!r}; use one of {', '.join(SituationKey.values)}"
                )
                continue
            titles = self.texts(item, path, "title")
            descriptions = self.texts(item, path, "description")
            values = {
                "key": key,
                "sort_order": position,
                "young_person_route": self.choices(item, path, "young_person"),
                "adult_route": self.choices(item, path, "adult"),
            }
            english = {"title": titles.get(settings.LANGUAGE_CODE, ""), "description": descriptions.get(settings.LANGUAGE_CODE, "")}
            routes = {name: [("kind", kind) for kind in values[name]] for name in SITUATION_MODEL_TO_FILE}
            record = Situation(**{**values, **routes}, **english)
            self.model_rules(record, item, path, names=SITUATION_MODEL_TO_FILE, exclude=["key"])
            texts = {
                lang: {"title": titles.get(lang, ""), "description": descriptions.get(lang, "")}
                for lang in set(titles) | set(descriptions)
            }
            entries.append(Entry(key, path, item.line, values, texts))
        self._unique(entries, "situation key")
        return entries

    def channels(self, folder: Path, country_codes: set[str]) -> list[Entry]:
        entries = []
        for path in sorted(folder.glob("*.yaml")):
            data = read_yaml(path)
            if not isinstance(data, LineDict) or "channels" not in data:
                self.error(path, 1, "expected 'country:' and a 'channels:' list")
                continue
            scope = str(data.get("country") or "")
            region = None if scope == "international" else scope.upper()
            # File only: the countries are not in the database while the files are checked, so a channel file's
            # country is looked up in countries.yaml (the model checks that a channel's code is a country's).
            if region is not None and region not in country_codes:
                self.error(
                    path,
                    data.line_of("country"),
                    f"'country' {scope!r} is not in countries.yaml (or write 'international')",
                )
                continue
            unknown = sorted(set(data) - CHANNEL_FILE_FIELDS)
            if unknown:
                self.error(path, data.line_of(unknown[0]), f"unknown section(s): {', '.join(map(str, unknown))}")
            for item in data["channels"] or []:
                if self.mapping(item, path, data.line_of("channels"), "channel"):
                    entry = self._channel(item, path, region)
                    if entry:
                        entries.append(entry)
            self._exclusions(data, path, region or "international")
        self._unique(entries, "channel key")
        return entries

    def _exclusions(self, data: LineDict, path: Path, scope: str):
        """File only: the reference list's entries left out of the directory, and why (not records of the CMS)."""
        items = data.get("excluded") or []
        if not isinstance(items, list):
            self.error(path, data.line_of("excluded"), "'excluded' must be a list of {reference, reason}")
            return
        for item in items:
            if not self.mapping(item, path, data.line_of("excluded"), "exclusion"):
                continue
            unknown = sorted(set(item) - {"reference", "reason", "source"})
            if unknown:
                self.error(path, item.line_of(unknown[0]), f"unknown field(s): {', '.join(map(str, unknown))}")
            reference, reason = item.get("reference"), item.get("reason")
            if not isinstance(reference, str) or not reference.strip():
                self.error(path, item.line_of("reference"), "'reference' must name the entry of the reference list")
            elif not isinstance(reason, str) or not reason.strip():
                self.error(path, item.line, f"the exclusion of {reference!r} needs a 'reason'")
            else:
                self.exclusions.append(Exclusion(scope, reference.strip(), reason.strip(), path, item.line))

    def references(self, item: LineDict, path: Path) -> list[str]:
        value = item.get("reference")
        if value in (None, "", []):
            return []
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            self.error(
                path, item.line_of("reference"), "'reference' must be the name of a reference entry, or a list of names"
            )
            return []
        return [v.strip() for v in values]

    def _channel(self, item: LineDict, path: Path, region: str | None) -> Entry | None:
        unknown = sorted(set(item) - CHANNEL_FIELDS)
        if unknown:
            self.error(path, item.line_of(unknown[0]), f"unknown field(s): {', '.join(map(str, unknown))}")
        key = self.text(item, "key")
        names = self.texts(item, path, "name")
        open_24_7, opening_times = self._hours(item, path)
        values = {
            "key": key,
            "organisation": self.text(item, "organisation"),
            "kind": self.text(item, "kind"),
            "country_code": region or "",
            "audiences": self.choices(item, path, "audiences", default=Audience.values),
            "min_age": self.age(item, path, "min_age"),
            "max_age": self.age(item, path, "max_age"),
            "ages_in_image": bool(self.tristate(item, path, "ages_in_image")),
            "situations": self.choices(item, path, "situations"),
            "phone": self.text(item, "phone"),
            "sms": self.text(item, "sms"),
            "chat_url": self.text(item, "chat_url"),
            "web_url": self.text(item, "web_url"),
            "open_24_7": open_24_7,
            "opening_times": opening_times,
            "time_zone": self.text(item, "time_zone"),
            "free": self.tristate(item, path, "free"),
            "anonymous": self.tristate(item, path, "anonymous"),
            "languages": self.choices(item, path, "languages"),
            "priority": item.get("priority") or 0,
            "source": self.text(item, "source"),
            "last_verified": self.verified_date(item, path, "verified"),
            "operator_confirmed": bool(self.tristate(item, path, "operator_confirmed")),
            "editor_notes": self.text(item, "notes"),
        }
        per_field = {"name": names, **{name: self.texts(item, path, name) for name in TRANSLATED_CHANNEL_TEXT[1:]}}
        english = {name: texts.get(settings.LANGUAGE_CODE, "") for name, texts in per_field.items()}
        record = ReportingChannel(
            **values | {"opening_times": [("times", slot) for slot in opening_times]}, **english
        )
        exclude = _refused_here(item, values, MODEL_TO_FILE_FIELDS)
        if "key" in self.model_rules(record, item, path, names=MODEL_TO_FILE_FIELDS, exclude=exclude):
            return None  # translations and the seed records find a channel by its key
        languages = set().union(*(set(texts) for texts in per_field.values()))
        texts = {lang: {name: per_field[name].get(lang, "") for name in TRANSLATED_CHANNEL_TEXT} for lang in languages}
        return Entry(key, path, item.line, values, texts, references=self.references(item, path),
                     hours_not_found=item.get("hours") == "unknown")

    def _hours(self, item: LineDict, path: Path):
        value = item.get("hours")
        if value in (None, ""):
            return False, []
        if value in ("always", "unknown"):
            # File only: `hours: unknown` is the files' mark for hours searched for and not found (the CMS has no such
            # mark: a line without hours there is listed for editors to find them); the note says where they looked.
            if value == "unknown" and "hours" not in str(item.get("notes") or "").lower():
                self.error(path, item.line_of("hours"), "'hours: unknown' needs a note saying where the hours were "
                           "searched for ('notes: Hours: not found in any source on <date> (searched: ...)')")
            return value == "always", []
        if not isinstance(value, list):
            self.error(path, item.line_of("hours"), "'hours' must be 'always', 'unknown' or a list of {days, opens, closes}")
            return False, []
        times = []
        for slot in value:
            line = getattr(slot, "line", item.line_of("hours"))
            if not isinstance(slot, dict) or not {"days", "opens", "closes"} <= set(slot):
                self.error(path, line, "each opening time needs days, opens and closes")
                continue
            days = _days(slot["days"])
            if days is None:
                self.error(path, line, f"'days' {slot['days']!r} must be like mon-fri, sat, or a list of days")
                continue
            try:
                opens, closes = _clock(slot["opens"]), _clock(slot["closes"])
            except ValueError:
                self.error(path, line, "'opens' and 'closes' must be times written HH:MM")
                continue
            times.append({"days": days, "opens": opens, "closes": closes})
        return False, times

    def platforms(self, folder: Path) -> list[Entry]:
        """The apps young people use, one file each (`platforms/<key>.yaml`), with how to report each harm there."""
        entries = []
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            item = read_yaml(path)
            if not self.mapping(item, path, 1, "platform file"):
                continue
            entry = self._platform(item, path)
            if entry:
                entries.append(entry)
        self._unique(entries, "platform key")
        return entries

    def _platform(self, item: LineDict, path: Path) -> Entry | None:
        unknown = sorted(set(item) - PLATFORM_FIELDS)
        if unknown:
            self.error(path, item.line_of(unknown[0]), f"unknown field(s): {', '.join(map(str, unknown))}")
        key = item.get("key")
        if key != path.stem:  # file only: one file per app, named after it
            self.error(path, item.line_of("key"), f"'key' must be the file's name ({path.stem!r}), not {key!r}")
            return None
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            self.error(path, item.line_of("aliases"), "'aliases' must be a list of names, like [insta, ig]")
            aliases = []
        values = {
            "key": key,
            "name": self.text(item, "name"),
            "owner": self.text(item, "owner"),
            "aliases": ", ".join(str(a).strip().lower() for a in aliases),
            "help_url": self.text(item, "help_centre"),
            "report_without_account": self.tristate(item, path, "report_without_account"),
            "report_without_account_source": self.text(item, "report_without_account_source"),
            "under_18_source": self.text(item, "under_18_source"),
            "last_verified": self.verified_date(item, path, "verified"),
            "operator_confirmed": bool(self.tristate(item, path, "confirmed_on_platform_page")),
            "editor_notes": "\n\n".join(filter(None, [self.text(item, "notes"), self.text(item, "languages")])),
        }
        english = {"under_18": self.text(item, "under_18")}
        report = item.get("report")
        if report is not None and not isinstance(report, LineDict):
            self.error(path, item.line_of("report"), f"'report' must map each harm ({', '.join(Harm.values)}) to "
                       "its url, steps and source")
        if not isinstance(report, LineDict):  # none written (the app's help centre stands in), or refused above
            report = LineDict()
            report.key_lines = {}
        for harm in sorted(set(report) - set(Harm.values)):
            self.error(path, report.line_of(harm), f"unknown harm {harm!r}; use {', '.join(Harm.values)}")
        for harm in Harm.values:
            answer = report.get(harm) or {}
            if not isinstance(answer, dict):
                self.error(path, report.line_of(harm), f"'{harm}' must have url, steps and source (each may be null)")
                answer = {}
            values[f"{harm}_url"] = str(answer.get("url") or "").strip()
            values[f"{harm}_source"] = str(answer.get("source") or "").strip()
            english[f"{harm}_steps"] = str(answer.get("steps") or "").strip()
        tools = item.get("removal_tools") or {}
        if not isinstance(tools, dict):
            self.error(path, item.line_of("removal_tools"), "'removal_tools' must be a mapping")
            tools = {}
        own = tools.get("own_tool") or {}
        values |= {
            "take_it_down": tools.get("take_it_down"),
            "stopncii": tools.get("stopncii"),
            "removal_source": " ".join(
                dict.fromkeys(filter(None, (tools.get("take_it_down_source"), tools.get("stopncii_source"))))
            ),
            "own_tool_url": str(own.get("url") or "").strip() if isinstance(own, dict) else "",
        }
        english["own_tool_text"] = str(own.get("what") or "").strip() if isinstance(own, dict) else ""
        refused = self.model_rules(Platform(**values, **english), item, path, names=PLATFORM_MODEL_TO_FILE,
                                   exclude=_refused_here(item, values, PLATFORM_MODEL_TO_FILE))
        if "key" in refused:
            return None
        return Entry(key, path, item.line, values, {settings.LANGUAGE_CODE: english})

    def translations(self, folder: Path, situations: list[Entry], channels: list[Entry], platforms: list[Entry] = ()):
        """Add the texts of `translations/<lang>.yaml` (one file per language) to the entries they translate."""
        records = {
            "situations": ({e.key: e for e in situations}, TRANSLATED_SITUATION_TEXT, Situation),
            "channels": ({e.key: e for e in channels}, TRANSLATED_CHANNEL_TEXT, ReportingChannel),
            "platforms": ({e.key: e for e in platforms}, TRANSLATED_PLATFORM_TEXT, Platform),
        }
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            data = read_yaml(path)
            language = path.stem
            if language == settings.LANGUAGE_CODE or language not in SITE_LANGUAGES:
                others = ", ".join(code for code in SITE_LANGUAGES if code != settings.LANGUAGE_CODE)
                self.error(path, 1, f"a translation file is named after one of the site's other languages ({others})")
                continue
            if not isinstance(data, LineDict) or data.get("language") != language:
                self.error(path, getattr(data, "line", 1), f"expected 'language: {language}' and the texts per record")
                continue
            unknown = sorted(set(data) - {"language", *records})
            if unknown:
                self.error(path, data.line_of(unknown[0]), f"unknown section(s): {', '.join(unknown)}")
            for section, (entries, fields, model) in records.items():
                block = data.get(section)
                if block is None:
                    continue
                if not isinstance(block, LineDict):
                    self.error(path, data.line_of(section), f"'{section}' must map each key to its texts")
                    continue
                for key, item in block.items():
                    line = block.line_of(key)
                    entry = entries.get(key)
                    if entry is None:
                        self.error(path, line, f"no {section[:-1]} {key!r} to translate")
                    elif item is not None and self.mapping(item, path, line, "translation"):
                        self._translation(entry, item, path, line, language, fields, model)

    def _translation(self, entry: Entry, item: LineDict, path: Path, line: int, language: str, fields, model):
        unknown = sorted(set(item) - {*fields, "translated_from", "review"})
        if unknown:
            self.error(path, item.line_of(unknown[0]), f"unknown field(s): {', '.join(unknown)}")
        english = entry.texts.get(settings.LANGUAGE_CODE, {})
        texts = {}
        for name in fields:
            text = item.get(name)
            if text in (None, ""):
                continue
            if not isinstance(text, str):
                self.error(path, item.line_of(name), f"'{name}' must be text")
            elif not english.get(name):
                self.error(path, item.line_of(name), f"'{name}' has no English text to translate ({entry.path.name})")
            else:
                texts[name] = text.strip()
        if language in entry.texts:
            first = f"{entry.path}:{entry.line}"
            self.error(path, item.line, f"{entry.key!r} in {language} is also written in {first}: keep one")
            return
        marked = item.get("translated_from")
        if marked is not None and not REVISION_PATTERN.match(str(marked)):
            self.error(path, item.line_of("translated_from"), "'translated_from' must be a revision like 1a2b3c4d")
        review = item.get("review") or REVIEW_MACHINE
        if review not in REVIEW_STATES:
            self.error(path, item.line_of("review"), f"'review' must be one of {', '.join(REVIEW_STATES)}")
        if texts:
            # Each language is a record of its own in the CMS: its texts meet the model's rules (their lengths) too.
            self.model_rules(model(**texts), item, path, only=set(texts))
            entry.texts[language] = {name: texts.get(name, "") for name in fields}
            entry.translated_from[language] = str(marked) if marked is not None else ""
            entry.review[language] = review
            entry.translation_at[language] = (path, line)

    def _list_file(self, path: Path):
        data = read_yaml(path)
        if not isinstance(data, list):
            raise ContentError(path, 1, "expected a list of entries")
        return data

    def _unique(self, entries: list[Entry], what: str):
        """File only: the models' unique constraints are checked against the database, where the files' records are
        not yet while they are checked; a key written twice in the files is found here."""
        seen = {}
        for entry in entries:
            if entry.key in seen:
                first = seen[entry.key]
                self.error(
                    entry.path, entry.line, f"duplicate {what} {entry.key!r} (first at {first.path}:{first.line})"
                )
            seen.setdefault(entry.key, entry)


def _line(record, item: LineDict, field_name: str, name: str, error: ValidationError) -> int:
    """The line of the field an error is about; for an item of a list of mappings (an opening time), that item's."""
    if field_name == NON_FIELD_ERRORS:
        return item.line
    written = item.get(name)
    position = (error.params or {}).get("item")
    if isinstance(written, list) and isinstance(position, int) and len(written) == len(getattr(record, field_name) or ()):
        return getattr(written[position], "line", item.line_of(name))
    return item.line_of(name)


def _say(record, field_name: str, name: str, error: ValidationError) -> str:
    """The model's message, naming the field as the file does. Django's own messages are written to stand beside a
    form's field ("This field cannot be blank."): in a file the field and the words allowed must be named."""
    message = next(iter(error))
    if field_name == NON_FIELD_ERRORS:
        return message
    if error.code in ("blank", "null", "required"):
        return f"'{name}' is required"
    params = error.params or {}
    if error.code == "invalid_choice" and "value" in params:
        allowed = ", ".join(str(value) for value, _label in record._meta.get_field(field_name).flatchoices)
        return f"unknown {name} {params['value']!r}; use one of {allowed}"
    return f"'{name}': {message}"


def _refused_here(item: LineDict, values: dict, names: dict) -> list[str]:
    """The model fields whose value the file wrote but the loader refused for its YAML type (now None): the model is
    not asked about them again, so each mistake is reported once."""
    return [name for name, value in values.items() if value is None and item.get(names.get(name, name)) not in (None, "")]


def _days(value) -> list[str] | None:
    if isinstance(value, list):
        return value if all(day in DAYS for day in value) else None
    if not isinstance(value, str):
        return None
    if value in DAYS:
        return [value]
    if "-" in value:
        first, _sep, last = value.partition("-")
        if first in DAYS and last in DAYS:
            start, end = DAYS.index(first), DAYS.index(last)
            return [DAYS[i % 7] for i in range(start, end + 1 if end >= start else end + 8)]
    return None


def _clock(value) -> time:
    if isinstance(value, int):  # YAML 1.1 reads 09:00 as a sexagesimal number
        return time(value // 60, value % 60)
    return time.fromisoformat(str(value))
