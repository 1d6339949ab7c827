"""YAML reading that remembers the line of every mapping and key, for error messages."""

from pathlib import Path

import yaml

from .errors import ContentError


class LineDict(dict):
    """A mapping from a YAML file, with `.line` (where it starts) and `.key_lines` (where each key is)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser when PyYAML has it (several times faster on the content files); the nodes carry the same marks.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {key.value: key.start_mark.line + 1 for key, _value in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, path: Path, first_line: int = 1):
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader or CSafeLoader subclass)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else None
        raise ContentError(path, line, f"not valid YAML: {error.problem or error}") from error


def read_yaml(path: Path):
    return load_yaml(path.read_text(encoding="utf-8"), path)
