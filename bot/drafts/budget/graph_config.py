"""Writes config.graph.yml: the graph Rasa's default recipe builds from config.yml, with HelpHub's DomainProvider.

    python scripts/graph_config.py [config.yml] [config.graph.yml]    (from bot/, with PYTHONPATH=.)
    python scripts/graph_config.py --check MODEL.tar.gz               (the fast domain equals Rasa's, for a model)

config.yml stays the file to edit (pipeline, policies, importer); the model is trained with config.graph.yml, which is
generated and not edited. The only difference from what the default recipe runs is the class of the domain_provider
node (components/domain.py: the domain is read in a fraction of a second at start instead of about 5 s).
"""

from __future__ import annotations

import sys

import yaml

OURS = "components.domain.DomainProvider"
RASAS = "rasa.graph_components.providers.domain_provider.DomainProvider"


def graph_config(config_path: str) -> dict:
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe
    from rasa.shared.data import TrainingType
    from rasa.shared.utils.io import read_model_configuration

    config = read_model_configuration(config_path)
    graphs = DefaultV1Recipe().graph_config_for_recipe(config, {}, TrainingType.BOTH)
    schemas = {}
    for key, schema in (("train_schema", graphs.train_schema), ("predict_schema", graphs.predict_schema)):
        nodes = schema.as_dict()["nodes"]
        for node in nodes.values():
            if node["uses"] == RASAS:
                node["uses"] = OURS
            if node["resource"]:
                node["resource"] = {"name": node["resource"]["name"]}  # without the random fingerprint
        schemas[key] = {"nodes": nodes}
    out = {"recipe": "graph.v1", "language": graphs.language, "assistant_id": graphs.assistant_id,
           "nlu_target": graphs.nlu_target, "core_target": graphs.core_target}
    if config.get("importers"):
        out["importers"] = config["importers"]
    return {**out, **schemas}


def check(model: str) -> None:
    import tempfile
    from pathlib import Path

    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.shared.core.domain import Domain

    from components.importer import read_domain

    with tempfile.TemporaryDirectory() as directory:
        LocalModelStorage.from_model_archive(Path(directory), model)
        path = f"{directory}/domain_provider"
        same = read_domain(path).as_dict() == Domain.from_path(path).as_dict()
    print("same domain" if same else "DIFFERENT domain")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        check(sys.argv[2])
    else:
        source = sys.argv[1] if len(sys.argv) > 1 else "config.yml"
        target = sys.argv[2] if len(sys.argv) > 2 else "config.graph.yml"
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(f"# Generated from {source} by scripts/graph_config.py: edit {source}, not this file.\n")
            yaml.safe_dump(graph_config(source), handle, sort_keys=False, allow_unicode=True, width=120)
