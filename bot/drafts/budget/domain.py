"""The domain when Rasa starts, read quickly (used by config.graph.yml, which scripts/graph_config.py writes).

A model keeps the domain twice: in its metadata (JSON; `rasa run` reads it in milliseconds and answers with it) and
as domain.yml for the graph's DomainProvider (the rules, the intent handler and the policy ensemble use that copy).
Rasa's DomainProvider reads domain.yml four times with ruamel.yaml in pure Python and checks it against Rasa's schema
with pykwalify: with 25 variations of every response, about 5 s of CPU at every start. This one reads it once with
the importer's loader (components/importer.py); the file was written by Rasa from a domain already checked when the
model was trained, and the result is the same domain (scripts/graph_config.py --check compares them).

The default recipe has no place for another DomainProvider, so the model is trained with Rasa's graph recipe (the
same graph the default recipe builds from config.yml, with this provider in it).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.graph_components.providers.domain_provider import DomainProvider as RasaDomainProvider

from components.importer import read_domain


class DomainProvider(RasaDomainProvider):
    """Rasa's DomainProvider, loading the trained domain without a second schema check."""

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> DomainProvider:
        with model_storage.read_from(resource) as directory:
            domain = read_domain(str(directory))
        return cls(model_storage, resource, domain)
