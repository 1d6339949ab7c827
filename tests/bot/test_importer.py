"""HelpHub's training-data importer (bot/components/importer.py) gives Rasa what Rasa's own importer gives, and
refuses a malformed file by naming it. Run in the assistant's environment, where Rasa is."""

import pytest

from tests.stack import BOT_VENV, run_in_bot_venv

PYTHON = BOT_VENV / "bin" / "python"
pytestmark = pytest.mark.skipif(not PYTHON.exists(), reason="the assistant's environment is built by make test")


def test_the_importer_gives_the_same_examples_lookups_regexes_domain_and_rules_as_rasas(tmp_path):
    result = run_in_bot_venv("""
        from rasa.shared.importers.rasa import RasaFileImporter
        from components.importer import HelpHubImporter

        ours = HelpHubImporter("config.yml", "domain", ["data"])
        rasas = RasaFileImporter("tests/validate.yml", "domain", ["data"])
        a, b = ours.get_nlu_data(), rasas.get_nlu_data()
        pairs = lambda data: sorted((e.get("text"), e.get("intent")) for e in data.training_examples)
        assert pairs(a) == pairs(b), "examples"
        assert sorted(map(str, a.regex_features)) == sorted(map(str, b.regex_features)), "regexes"
        def tables(data):  # Rasa keeps one table per file, ours one per name: the same elements under each name
            elements = {}
            for table in data.lookup_tables:
                elements.setdefault(table["name"], []).extend(table["elements"])
            return {name: sorted(values) for name, values in elements.items()}
        assert tables(a) == tables(b), "lookup tables"
        assert ours.get_domain().as_dict() == rasas.get_domain().as_dict(), "domain"
        steps = lambda graph: sorted(str(step.as_story_string()) for step in graph.story_steps)
        assert steps(ours.get_stories()) == steps(rasas.get_stories()), "rules"
        print("examples", len(a.training_examples))
    """, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout.split()[-1]) > 5000


def test_a_malformed_training_file_is_refused_with_its_name_and_item(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "broken.yml").write_text('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hello\n'
                                     "- intent: goodbye\n  examples: bye without a dash\n", encoding="utf-8")
    result = run_in_bot_venv(f"""
        from components.importer import DataFileError, HelpHubImporter
        try:
            HelpHubImporter("config.yml", "domain", [{str(data)!r}]).get_nlu_data()
        except DataFileError as error:
            print(error)
    """, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "broken.yml" in result.stdout
    assert "intent 'goodbye' (item 2 of nlu)" in result.stdout
    assert "does not start with '-'" in result.stdout
