"""Rasa checks every answer of the action server against a JSON schema with `jsonschema.validate()`, which first
checks the schema itself against jsonschema's metaschema, on every call: a quarter of Rasa's time per message under
load (profiled with py-spy, docs/performance.md). Here each schema's validator is built once and reused; the check
of every answer, and the error it raises, stay exactly jsonschema's.

Imported from this package's __init__, so it applies in the Rasa process as soon as the model's components load.
"""

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

_ORIGINAL = jsonschema.validate
_VALIDATORS: dict[str, object] = {}


def validate(instance, schema, cls=None, *args, **kwargs):
    if cls is not None or args or kwargs:
        return _ORIGINAL(instance, schema, cls, *args, **kwargs)
    key = repr(schema)
    validator = _VALIDATORS.get(key)
    if validator is None:
        checker = validator_for(schema)
        checker.check_schema(schema)
        validator = _VALIDATORS.setdefault(key, checker(schema))
    error = best_match(validator.iter_errors(instance))
    if error is not None:
        raise error
    return None


def install() -> None:
    jsonschema.validate = validate
