"""The assistant's training data, read once and quickly (config.yml: `importers:`).

Rasa's own importer (`RasaFileImporter`) reads every NLU and domain file several times with ruamel.yaml in pure
Python (round-trip for its pykwalify schema check, then again to load), builds one TrainingData per file and merges
them pairwise, and does not keep what it read: `rasa train` reads everything again for its checks, for the training
data and for the domain. Rasa's own wrappers around any importer then merge the data about ten times more, each
merge deep-copying every example and fingerprinting it again. With 25 languages (34 000 examples in 52 NLU files,
25 variations of every response) that was about 80 s of a 110-125 s training; with this importer it is about 5 s.

This importer reads each file once with PyYAML's C loader, checks the shapes HelpHub's files use (a malformed file
is refused with its name, the item and what is wrong), and builds one TrainingData and one Domain, which it keeps.
Its examples (`Example`) are Rasa's messages with a cheaper copy. Stories and rules are read by Rasa's own reader.
The data is the same as Rasa's importer gives (same examples, lookup tables, regexes, synonyms, domain, rules);
`rasa data validate` still checks the files against Rasa's schemas (make bot-test).
"""

from __future__ import annotations

import copy
import os
import re
from typing import Any

import yaml
from rasa.shared.core.domain import ALL_DOMAIN_KEYS, Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.core.training_data.structures import StoryGraph
from rasa.shared.data import get_data_files, is_likely_yaml_file, is_nlu_file
from rasa.shared.exceptions import RasaException
from rasa.shared.importers import utils
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.shared.nlu.training_data import entities_parser
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.io import read_model_configuration
from rasa.shared.utils.validation import validate_training_data_format_version


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader (in C when libyaml is there), reading booleans as YAML 1.2 does, like Rasa: only
    true/false, so that `value: no` (Norwegian) or `on` stay strings."""


_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
                                   for first, resolvers in _Loader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

_NLU_KINDS = ("intent", "lookup", "regex", "synonym")
_NLU_FILE_KEYS = {"version", "nlu", "rules", "stories"}  # rules and stories are read by Rasa's story reader
_DOMAIN_KEYS = {"version", "intents", "entities", "slots", "responses", "actions", "forms", "session_config",
                "e2e_actions", "config"}


class DataFileError(RasaException):
    """A training data or domain file HelpHub's importer cannot read."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")


class Example(Message):
    """A training example, as Rasa's, that is cheaper to copy and to fingerprint. Rasa's wrappers around the importer
    merge the data about ten times, each merge deep-copying every example (Python's generic deep copy of an object)
    and fingerprinting it again (setting the intent to itself, as each merge does, forgets the fingerprint). A copy
    here is a new example with copies of its data, features and output properties, and setting a property to the
    very value it has keeps the fingerprint, which depends on the data and features only. The importer's
    `cheap_copies: false` uses Rasa's own messages instead (if a Rasa upgrade changes how messages are copied)."""

    def __deepcopy__(self, memo: dict) -> Example:
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.data = {key: value if isinstance(value, str) else copy.deepcopy(value, memo)
                      for key, value in self.data.items()}
        clone.features = copy.deepcopy(self.features, memo) if self.features else []
        clone.output_properties = set(self.output_properties)
        return clone

    def set(self, prop: str, info: Any, add_to_output: bool = False) -> None:
        fingerprint = self._cached_fingerprint if self.data.get(prop, self) is info else None
        super().set(prop, info, add_to_output)
        self._cached_fingerprint = fingerprint


def read_yaml_file(path: str) -> dict[str, Any]:
    """A YAML file's content, which must be a mapping with a supported `version`."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_Loader)  # noqa: S506 - a safe loader
    except OSError as error:
        raise DataFileError(path, f"cannot be read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise DataFileError(path, f"not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise DataFileError(path, "the file must be a YAML mapping")
    if not validate_training_data_format_version(data, path):
        raise DataFileError(path, f"unsupported version {data.get('version')!r}")
    return data


def _lines(path: str, where: str, examples: Any) -> list[str]:
    """The `- item` lines of an `examples: |` block, as Rasa reads them."""
    if not isinstance(examples, str) or not examples.strip():
        raise DataFileError(path, f"{where}: `examples` must be a non-empty block of `- ...` lines")
    out = []
    for number, line in enumerate(examples.splitlines(), 1):
        if not line.startswith("-"):
            raise DataFileError(path, f"{where}, example line {number}: does not start with '-': {line!r}")
        out.append(line[1:].strip("\n\r "))
    return out


def read_nlu_file(path: str, data: TrainingData, example: type[Message] = Message) -> None:
    """Adds one NLU file's intent examples, lookup tables, regexes and synonyms to `data`."""
    content = read_yaml_file(path)
    unknown = set(content) - _NLU_FILE_KEYS
    if unknown:
        raise DataFileError(path, f"unexpected top-level keys {sorted(unknown)} (retrieval intents are not used)")
    items = content.get("nlu") or []
    if not isinstance(items, list):
        raise DataFileError(path, "`nlu:` must be a list")
    tables = {table["name"]: table for table in data.lookup_tables}
    for index, item in enumerate(items, 1):
        kinds = [k for k in _NLU_KINDS if isinstance(item, dict) and k in item]
        position = f"item {index} of nlu"
        if len(kinds) != 1:
            raise DataFileError(path, f"{position} must have exactly one of {', '.join(_NLU_KINDS)}")
        kind, name = kinds[0], item[kinds[0]]
        where = f"{kind} {name!r} ({position})"
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(path, f"{where}: needs a name")
        extra = set(item) - {kind, "examples", "metadata"}
        if extra:
            raise DataFileError(path, f"{where}: unexpected keys {sorted(extra)}")
        lines = _lines(path, where, item.get("examples"))
        if kind == "intent":
            for text in lines:
                entities = entities_parser.find_entities_in_training_example(text)
                data.training_examples.append(example.build(entities_parser.replace_entities(text), name, entities,
                                                            item.get("metadata")))
        elif kind == "lookup":
            if name not in tables:
                tables[name] = {"name": name, "elements": []}
                data.lookup_tables.append(tables[name])
            tables[name]["elements"].extend(lines)
        elif kind == "regex":
            data.regex_features.extend({"name": name, "pattern": line} for line in lines)
        else:
            data.entity_synonyms.update(dict.fromkeys(lines, name))


def read_domain(path: str) -> Domain:
    """The domain from a file or a directory of them, merged as Rasa merges them (files without any domain key are
    not domain files, as for Rasa)."""
    if os.path.isdir(path):
        paths = sorted(os.path.join(root, name) for root, _, names in os.walk(path, followlinks=True)
                       for name in names if is_likely_yaml_file(name))
    else:
        paths = [path]
    combined: dict[str, Any] = {}
    for file in paths:
        content = read_yaml_file(file)
        if not any(key in content for key in ALL_DOMAIN_KEYS):
            continue
        unknown = set(content) - _DOMAIN_KEYS
        if unknown:
            raise DataFileError(file, f"unexpected top-level keys {sorted(unknown)}")
        for name, variations in (content.get("responses") or {}).items():
            if not isinstance(variations, list) or not variations or not all(
                    isinstance(v, dict) and ("text" in v or "custom" in v or "image" in v) for v in variations):
                raise DataFileError(file, f"response {name}: must be a list of variations, each with a text")
        combined = Domain.merge_domain_dicts(content, combined)
    return Domain.from_dict(combined)


class HelpHubImporter(TrainingDataImporter):
    """Reads the domain, the NLU data (data/nlu, data/crisis) and the rules; each once."""

    def __init__(self, config_file: str | None = None, domain_path: str | None = None,
                 training_data_paths: str | list[str] | None = None, cheap_copies: bool = True, **kwargs: Any):
        self.config_file = config_file
        self._example = Example if cheap_copies else Message
        self._domain_path = domain_path
        self._nlu_files = get_data_files(training_data_paths, is_nlu_file)
        self._story_files = get_data_files(training_data_paths, YAMLStoryReader.is_stories_file)
        self._test_files = get_data_files(training_data_paths, YAMLStoryReader.is_test_stories_file)
        self._domain: Domain | None = None
        self._nlu: TrainingData | None = None

    def get_config(self) -> dict:
        if not self.config_file or not os.path.exists(self.config_file):
            return {}
        return read_model_configuration(self.config_file)

    def get_config_file_for_auto_config(self) -> str | None:
        return self.config_file

    def get_domain(self) -> Domain:
        if self._domain is None:
            self._domain = read_domain(self._domain_path) if self._domain_path else Domain.empty()
        return self._domain

    def get_stories(self, exclusion_percentage: int | None = None) -> StoryGraph:
        return utils.story_graph_from_paths(self._story_files, self.get_domain(), exclusion_percentage)

    def get_conversation_tests(self) -> StoryGraph:
        return utils.story_graph_from_paths(self._test_files, self.get_domain())

    def get_nlu_data(self, language: str | None = "en") -> TrainingData:
        """One TrainingData for all files (the model is multilingual: `language` selects nothing)."""
        if self._nlu is None:
            data = TrainingData()
            for path in self._nlu_files:
                read_nlu_file(path, data, self._example)
            # the constructor drops duplicate examples and sorts the regexes, as for Rasa's importer
            self._nlu = TrainingData(data.training_examples, data.entity_synonyms, data.regex_features,
                                     data.lookup_tables)
        return self._nlu
