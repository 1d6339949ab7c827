"""A small JSON Schema checker for the parts of OpenAPI 3.1 that api/openapi.py uses.

Supports: $ref (to #/components/...), type (a name or a list of names, incl. "null"), required, properties,
items, enum, minimum, maximum, pattern and format "date". Returns a list of problems, each with its JSON path.
"""

import re
from datetime import date

TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}


def resolve(spec: dict, ref: str) -> dict:
    assert ref.startswith("#/"), f"only local references are supported, not {ref}"
    node = spec
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def problems(value, schema: dict, spec: dict, path: str = "$") -> list[str]:
    if "$ref" in schema:
        return problems(value, resolve(spec, schema["$ref"]), spec, path)
    found = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(TYPES[name](value) for name in names):
            return [f"{path}: expected {'/'.join(names)}, got {type(value).__name__} {value!r}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            found.append(f"{path}: {value!r} does not match {schema['pattern']}")
        if schema.get("format") == "date":
            try:
                date.fromisoformat(value)
            except ValueError:
                found.append(f"{path}: {value!r} is not a date")
    if TYPES["number"](value):
        if "minimum" in schema and value < schema["minimum"]:
            found.append(f"{path}: {value} is below {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            found.append(f"{path}: {value} is above {schema['maximum']}")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                found.append(f"{path}: missing required key {name!r}")
        for name, subschema in schema.get("properties", {}).items():
            if name in value:
                found.extend(problems(value[name], subschema, spec, f"{path}.{name}"))
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found.extend(problems(item, schema["items"], spec, f"{path}[{index}]"))
    return found


def response_schema(spec: dict, path: str, status: str = "200") -> dict:
    return spec["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
