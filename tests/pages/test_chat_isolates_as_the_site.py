"""The chat isolates the same runs as the site: chat.js's `appendText` (run under Node, with only the two DOM calls it
makes stood in for) puts the same words and numbers in the same <bdi> elements as the `isolate` filter, on a
right-to-left page and a left-to-right one, for every directory text in Arabic and German and the filter's own cases.

The two are written twice by necessity (one runs on the server, one in the visitor's browser); this keeps them equal."""

import json
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.utils import translation

from pages.templatetags.helphub_tags import isolate

CHAT_JS = Path(settings.STATICFILES_DIRS[0]) / "js" / "chat.js"
TRANSLATIONS = Path(settings.REPO_DIR) / "content" / "directory" / "translations"
NODE = shutil.which("node")

# chat.js from its bidi runs to appendText's end, in a page whose <html dir> is given; each text's runs are printed.
HARNESS = """
const document = {
  documentElement: {dir: process.argv[1]},
  createElement: (tag) => ({tag: tag, dir: "", textContent: ""}),
  createTextNode: (text) => ({tag: "#text", textContent: text}),
};
function element(tag) { return document.createElement(tag); }
%s
const texts = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(texts.map((text) => {
  const parent = {children: [], appendChild(child) { this.children.push(child); }};
  appendText(parent, text);
  if (parent.children.map((child) => child.textContent).join("") !== text) throw new Error("text changed: " + text);
  return parent.children.filter((child) => child.tag === "bdi").map((child) => [child.dir, child.textContent]);
})));
"""

CASES = [
    "هاتف الأطفال (Kinder- und Jugendtelefon) (Nummer gegen Kummer e.V.)",
    "2. Take It Down (NCMEC)",
    "اتصل بـ Childline على 0800 1111.",
    "Tom & Jerry's <>",
    "Call Childline (NSPCC) on 0800 1111",
    "The line (هاتف الأطفال) answers & helps",
    "+46 (0)8 123 45 – 116 111, 112",
    "Ελληνικά και Українська: (ΕΛ.ΑΣ.) بين 19:00–21:00",
]


def texts_of(language: str) -> list[str]:
    found = []

    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                if key not in ("translated_from", "language", "review"):
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
        elif isinstance(value, str) and value.strip():
            found.append(value)

    walk(yaml.safe_load((TRANSLATIONS / f"{language}.yaml").read_text(encoding="utf-8")))
    return found


def runs_in_chat(texts: list[str], direction: str) -> list[list[list[str]]]:
    source = CHAT_JS.read_text(encoding="utf-8")
    part = source[source.index("  var NUMBER = ") : source.index("  function addMessage(")]
    command = [NODE, "-e", HARNESS % part, direction]  # our own file, run by the machine's Node
    result = subprocess.run(command, input=json.dumps(texts), capture_output=True, text=True, check=True, timeout=60)  # noqa: S603
    return json.loads(result.stdout)


def runs_on_the_site(text: str, language: str) -> list[list[str]]:
    with translation.override(language):
        html = str(isolate(text))
    return [[direction, unescape(run)] for direction, run in re.findall(r'<bdi dir="(ltr|rtl)">(.*?)</bdi>', html)]


@pytest.mark.skipif(NODE is None, reason="Node is not installed (make audit-lock installs it with npm)")
@pytest.mark.parametrize(("language", "direction", "texts_from"), [("ar", "rtl", "ar"), ("de", "ltr", "de"),
                                                                   ("en", "ltr", "ar")])  # fmt: skip
def test_the_chat_puts_the_same_runs_in_bdi_as_the_site(language, direction, texts_from):
    texts = CASES + texts_of(texts_from)
    assert len(texts) > 300
    in_chat = runs_in_chat(texts, direction)
    on_site = [runs_on_the_site(text, language) for text in texts]
    differ = [(text, chat, site) for text, chat, site in zip(texts, in_chat, on_site, strict=True) if chat != site]
    assert not differ, differ[:5]
    assert sum(map(len, on_site)) >= 5  # the texts hold runs to isolate: the comparison is not of empty lists
