"""HelpHub in a real browser: weight, speed, HTML validity and screenshots, measured in Debian's Chromium.

This is a measuring script, not a test: it reports figures against the targets of issue 6 and, unless --strict is
given, always exits 0. It runs against a HelpHub that is already serving, for example one started with

    make run PORT=8031 RASA_PORT=5031 ACTIONS_PORT=5081

(the chat steps need the assistant; Rasa answers about 15 s after the site). Then, from the repository root:

    make audit PORT=8031        # once npm ci in audit/ (Lighthouse 12, the Nu HTML Checker), then all four
    .venv/bin/python audit/audit.py --site http://127.0.0.1:8031 [--weight] [--lighthouse] [--vnu] [--screenshots]

With no measurement named, all four run. Options:

    --strict            exit 1 if a target is missed (otherwise the misses are only reported)
    --chromium PATH     the browser (default /usr/bin/chromium; Lighthouse gets it as CHROME_PATH)
    --lighthouse-runs N run Lighthouse N times per page and report the run with the median performance score
    --screenshots-dir   where the PNGs go (default docs/screenshots/)
    --keep DIR          keep the raw Lighthouse reports and the HTML given to vnu in DIR

What is measured:

- weight: every page type loaded in Chromium on a phone viewport (360x740, no cache), with every request it makes:
  bytes transferred (response headers + encoded body, as Chromium counts them), of which JavaScript, CSS, images
  and the rest; and whether any request went to another host. The same once more on a guide with the chat opened
  (chat.js and the greeting are loaded only then). Targets: under 60 KB before images, under 15 KB of JavaScript,
  no request to another host (1 KB = 1,000 bytes).
- lighthouse: the home page, a guide and a help finder result, in Lighthouse's default mobile mode (simulated slow
  4G and a mid-range phone). Targets: performance at least 95; accessibility, best practices and SEO 100.
- vnu: the HTML of every page type (as served, plus the page's DOM with the chat open and answered) and the
  stylesheet, through the Nu HTML Checker in one run. Target: no errors.
- screenshots: home, a guide, the help finder, a result and the chat with a real answer, on a phone (360x740 at 2x;
  the full page if the PNG stays under 400 KB, else the first screen) and a desktop (1280x800, the first screen).

Only the standard library and Playwright (launching the system's Chromium by path; no browser download).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Page, sync_playwright

AUDIT_DIR = Path(__file__).resolve().parent
REPO = AUDIT_DIR.parent
LIGHTHOUSE = AUDIT_DIR / "node_modules" / ".bin" / "lighthouse"
VNU_JAR = AUDIT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One page of each type. The guide and the result are the ones a visitor most often lands on.
PAGES = [
    ("home-en", "/en/"),
    ("home-es", "/es/"),
    ("guides", "/en/guides/"),
    ("guide", "/en/guides/sextortion-young-people/"),
    ("help-finder", "/en/help/"),
    ("result", "/es/help/es/sextortion/?for=young_person"),
    ("standard", "/en/about/"),
    ("search", "/en/search/?q=help"),
    ("404", "/en/this-page-does-not-exist/"),
]
LIGHTHOUSE_PAGES = ["home-en", "guide", "result"]
SCREENSHOT_PAGES = [
    ("home", "/en/"),
    ("guide", "/en/guides/sextortion-young-people/"),
    ("help-finder", "/en/help/"),
    ("result", "/en/help/gb/sextortion/?for=young_person"),
    # Right to left: the home page and a result in Arabic (the numbers stay left to right inside the Arabic text).
    ("arabic-home", "/ar/"),
    ("arabic-result", "/ar/help/de/sextortion/?for=young_person"),
]
CHAT_PAGE = "/en/"  # the chat screenshot: English, the language's default country (the United Kingdom)
CHAT_SITUATION = "threatening to share"  # the sextortion button (else the third situation button)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1}
PHONE_FULL_PAGE_LIMIT = 400_000

KB = 1000
TARGET_BEFORE_IMAGES = 60 * KB
TARGET_JS = 15 * KB
TARGET_PERFORMANCE = 95
TARGET_OTHER_CATEGORIES = 100
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


# --------------------------------------------------------------------------------------------------------- output


def table(title: str, header: list[str], rows: list[list[object]]) -> str:
    cells = [header] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        f"\n{title}",
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    for row in cells[1:]:
        lines.append(
            "  ".join(
                cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    return "\n".join(lines)


def kb(size: float) -> str:
    return f"{size / KB:.1f}"


class Misses(list):
    def check(self, ok: bool, what: str) -> str:
        if not ok:
            self.append(what)
        return "yes" if ok else "MISSED"


# ------------------------------------------------------------------------------------------------------- browser


def launch(playwright, chromium_path: str):
    return playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)


def open_chat_with_answer(page: Page, timeout_ms: int = 30_000) -> None:
    """Opens the chat, chooses a situation and "me" as the audience, and waits for the channels."""
    page.click("[data-chat-launcher]")
    choices = page.locator(".chat__message--bot .chat__choices").last
    choices.wait_for(timeout=timeout_ms)
    situation = choices.locator("button", has_text=CHAT_SITUATION)
    (situation if situation.count() else choices.locator("button").nth(2)).click()
    # The audience question: a new group of choices, once the first one is disabled.
    page.wait_for_function(
        "() => { const g = document.querySelectorAll('.chat__message--bot .chat__choices');"
        " return g.length > 1 && !g[g.length - 1].querySelector('button:disabled'); }",
        timeout=timeout_ms,
    )
    page.locator(".chat__message--bot .chat__choices").last.locator("button").first.click()
    # The answer: channels are messages with links (call, text, visit), after the visitor's second choice.
    page.wait_for_function(
        "() => { const m = [...document.querySelectorAll('.chat__message')];"
        " const last = m.map(e => e.classList.contains('chat__message--user')).lastIndexOf(true);"
        " return last >= 0 && m.slice(last + 1).some(e => e.querySelector('.chat__links a[href]'))"
        " && !document.querySelector('[data-chat-status]').textContent; }",
        timeout=timeout_ms,
    )


# -------------------------------------------------------------------------------------------------------- weight


def measure_weight(browser, site: str, path: str, chat: bool = False) -> dict:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    finished = []
    failed = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(urljoin(site, path), wait_until="networkidle")
    if chat:
        page.click("[data-chat-launcher]")
        page.locator(".chat__message--bot").first.wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle")
    site_host = urlsplit(site).netloc
    totals = {"total": 0, "js": 0, "css": 0, "images": 0, "other": 0}
    hosts = set()
    for request in finished:
        if request.url.startswith("data:"):
            continue
        sizes = request.sizes()
        size = max(sizes["responseHeadersSize"], 0) + max(sizes["responseBodySize"], 0)
        kind = {"script": "js", "stylesheet": "css", "image": "images"}.get(request.resource_type, "other")
        totals["total"] += size
        totals[kind] += size
        host = urlsplit(request.url).netloc
        if host != site_host:
            hosts.add(host)
    context.close()
    totals.update(requests=len(finished), failed=failed, other_hosts=sorted(hosts))
    totals["before_images"] = totals["total"] - totals["images"]
    return totals


def run_weight(playwright, args, misses: Misses) -> dict:
    browser = launch(playwright, args.chromium)
    results = {}
    for name, path in PAGES:
        results[name] = measure_weight(browser, args.site, path)
    guide = dict(PAGES)["guide"]
    results["guide + chat open"] = measure_weight(browser, args.site, guide, chat=True)
    browser.close()
    rows = []
    for name, r in results.items():
        ok_size = misses.check(r["before_images"] < TARGET_BEFORE_IMAGES, f"weight: {name} over 60 KB before images")
        ok_js = misses.check(r["js"] < TARGET_JS, f"weight: {name} over 15 KB of JavaScript")
        ok_hosts = misses.check(not r["other_hosts"], f"weight: {name} requests {', '.join(r['other_hosts'])}")
        rows.append(
            [
                name,
                r["requests"],
                kb(r["total"]),
                kb(r["before_images"]),
                kb(r["js"]),
                kb(r["css"]),
                kb(r["images"]),
                ", ".join(r["other_hosts"]) or "none",
                ok_size,
                ok_js,
                ok_hosts,
            ]
        )
    print(
        table(
            "Weight (KB transferred, phone viewport, empty cache)",
            [
                "page",
                "requests",
                "total",
                "before images",
                "JS",
                "CSS",
                "images",
                "other hosts",
                "<60 KB",
                "JS <15 KB",
                "own host only",
            ],
            rows,
        )
    )
    for name, r in results.items():
        if r["failed"]:
            print(f"  {name}: failed requests: {', '.join(r['failed'])}")
    return results


# ---------------------------------------------------------------------------------------------------- lighthouse


def lighthouse_once(url: str, out: Path, chromium: str) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    env = dict(os.environ, CHROME_PATH=chromium)
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
    ]
    subprocess.run(command, env=env, check=True, timeout=300)  # noqa: S603 (our own arguments)
    report = json.loads(out.read_text())
    audits = report["audits"]
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = {}
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failing.setdefault(category, []).append(f"{ref['id']}: {audit['title']}")

    def value(key: str) -> float:
        return audits[key].get("numericValue") or 0

    return {
        "scores": scores,
        "failing": failing,
        "fcp": value("first-contentful-paint"),
        "lcp": value("largest-contentful-paint"),
        "tbt": value("total-blocking-time"),
        "cls": value("cumulative-layout-shift"),
        "si": value("speed-index"),
        "bytes": value("total-byte-weight"),
        "lighthouse": report["lighthouseVersion"],
        "chrome": report["environment"]["hostUserAgent"],
    }


def run_lighthouse(args, workdir: Path, misses: Misses) -> dict:
    if not LIGHTHOUSE.exists():
        sys.exit(f"Lighthouse is not installed: run `npm ci` in {AUDIT_DIR}")
    pages = dict(PAGES)
    results = {}
    for name in LIGHTHOUSE_PAGES:
        runs = [
            lighthouse_once(urljoin(args.site, pages[name]), workdir / f"lighthouse-{name}-{i}.json", args.chromium)
            for i in range(args.lighthouse_runs)
        ]
        runs.sort(key=lambda r: r["scores"]["performance"])
        results[name] = runs[len(runs) // 2]
        results[name]["performance_runs"] = [r["scores"]["performance"] for r in runs]
    rows = []
    for name, r in results.items():
        s = r["scores"]
        ok = [
            misses.check(s["performance"] >= TARGET_PERFORMANCE, f"lighthouse: {name} performance {s['performance']}")
        ]
        ok += [misses.check(s[c] >= TARGET_OTHER_CATEGORIES, f"lighthouse: {name} {c} {s[c]}") for c in CATEGORIES[1:]]
        rows.append(
            [
                name,
                s["performance"],
                s["accessibility"],
                s["best-practices"],
                s["seo"],
                f"{r['fcp'] / 1000:.2f}",
                f"{r['lcp'] / 1000:.2f}",
                f"{r['tbt']:.0f}",
                f"{r['cls']:.3f}",
                kb(r["bytes"]),
                "yes" if all(x == "yes" for x in ok) else "MISSED",
            ]
        )
    first = next(iter(results.values()))
    print(
        table(
            f"Lighthouse {first['lighthouse']}, mobile (median of {args.lighthouse_runs} by performance)",
            ["page", "perf", "a11y", "best pr.", "SEO", "FCP s", "LCP s", "TBT ms", "CLS", "KB", "targets"],
            rows,
        )
    )
    for name, r in results.items():
        if args.lighthouse_runs > 1:
            print(f"  {name}: performance in each run: {r['performance_runs']}")
        for category, audits in r["failing"].items():
            print(f"  {name}, {category}: " + "; ".join(audits))
    return results


# ----------------------------------------------------------------------------------------------------------- vnu


def fetch(url: str) -> bytes:
    if urlsplit(url).scheme not in ("http", "https"):
        sys.exit(f"Not a web address: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": "HelpHub audit"})  # noqa: S310 (checked above)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.read()
    except urllib.error.HTTPError as error:  # the 404 page is a page too
        return error.read()


def vnu_check(files: dict[str, Path]) -> dict:
    """Runs the Nu HTML Checker once over every file; returns each file's errors and warnings."""
    command = [
        "java",
        "-jar",
        str(VNU_JAR),
        "--format",
        "json",
        "--stdout",
        "--exit-zero-always",
        "--also-check-css",
        *[str(f) for f in files.values()],
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600).stdout  # noqa: S603
    by_url = {"file:" + str(f.resolve()): name for name, f in files.items()}  # vnu writes file:/tmp/...
    results = {name: {"errors": [], "warnings": []} for name in files}
    for message in json.loads(output)["messages"]:
        name = by_url.get(message.get("url", "").replace("file:///", "file:/"), "(no file)")
        result = results.setdefault(name, {"errors": [], "warnings": []})
        text = f"line {message.get('lastLine', '?')}: {message.get('message', '')}"
        if message["type"] in ("error", "non-document-error"):
            result["errors"].append(text)
        elif message.get("subType") == "warning":
            result["warnings"].append(text)
    return results


def run_vnu(playwright, args, workdir: Path, misses: Misses) -> dict:
    if not VNU_JAR.exists():
        sys.exit(f"The Nu HTML Checker is not installed: run `npm ci` in {AUDIT_DIR}")
    folder = workdir / "vnu"
    folder.mkdir(exist_ok=True)
    files = {}
    for name, path in PAGES:
        files[name] = folder / f"{name}.html"
        files[name].write_bytes(fetch(urljoin(args.site, path)))
    # The chat panel exists only in the DOM: check the page as the browser holds it once the chat has answered.
    browser = launch(playwright, args.chromium)
    page = browser.new_page(**PHONE)
    page.goto(urljoin(args.site, CHAT_PAGE), wait_until="networkidle")
    try:
        open_chat_with_answer(page)
        files["chat open (DOM)"] = folder / "chat-open.html"
        files["chat open (DOM)"].write_text(page.content())
    except Exception as error:  # the assistant is not answering yet: report, do not stop
        print(f"  vnu: the chat did not answer ({error.__class__.__name__}); its DOM is not checked")
    browser.close()
    files["helphub.css"] = folder / "helphub.css"
    files["helphub.css"].write_bytes(fetch(urljoin(args.site, "/static/css/helphub.css")))

    results = vnu_check(files)
    rows = []
    for name, r in results.items():
        ok = misses.check(not r["errors"], f"vnu: {len(r['errors'])} error(s) in {name}")
        rows.append([name, len(r["errors"]), len(r["warnings"]), ok])
    print(table("Nu HTML Checker (vnu.jar)", ["page", "errors", "warnings", "no errors"], rows))
    for name, r in results.items():
        for text in r["errors"]:
            print(f"  {name}: error, {text}")
        for text in r["warnings"]:
            print(f"  {name}: warning, {text}")
    return results


# --------------------------------------------------------------------------------------------------- screenshots


def run_screenshots(playwright, args) -> list[list[object]]:
    folder = Path(args.screenshots_dir)
    folder.mkdir(parents=True, exist_ok=True)
    browser = launch(playwright, args.chromium)
    rows = []
    for device, options in (("phone", PHONE), ("desktop", DESKTOP)):
        for name, path in [*SCREENSHOT_PAGES, ("chat", CHAT_PAGE)]:
            context = browser.new_context(**options)
            page = context.new_page()
            page.goto(urljoin(args.site, path), wait_until="networkidle")
            if name == "chat":
                open_chat_with_answer(page)
                # Show the answer from its start (the log scrolls to the newest message, "anything else?").
                page.evaluate(
                    "() => { const log = document.querySelector('[data-chat-log]');"
                    " const m = [...log.querySelectorAll('.chat__message')];"
                    " const last = m.map(e => e.classList.contains('chat__message--user')).lastIndexOf(true);"
                    " log.scrollTop = m[last].offsetTop - log.offsetTop - 8; }"
                )
                page.wait_for_timeout(300)
            target = folder / f"{name}-{device}.png"
            image, full = None, False
            if device == "phone" and name != "chat":  # the chat panel is fixed: its screen is the one that counts
                image = page.screenshot(full_page=True)
                full = len(image) <= PHONE_FULL_PAGE_LIMIT
            if not full:
                image = page.screenshot(full_page=False)
            target.write_bytes(image)
            rows.append(
                [
                    target.relative_to(REPO) if target.is_relative_to(REPO) else target,
                    "full page" if full else "first screen",
                    kb(len(image)),
                ]
            )
            context.close()
    browser.close()
    print(table("Screenshots", ["file", "shows", "KB"], rows))
    return rows


# ---------------------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default="http://127.0.0.1:8031", help="the running HelpHub")
    for step in ("weight", "lighthouse", "vnu", "screenshots"):
        parser.add_argument(f"--{step}", action="store_true", help=f"run the {step} measurement")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--lighthouse-runs", type=int, default=1)
    parser.add_argument("--screenshots-dir", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--keep", help="keep the Lighthouse reports and checked HTML in this folder")
    args = parser.parse_args(argv)
    steps = [s for s in ("weight", "lighthouse", "vnu", "screenshots") if getattr(args, s)]
    steps = steps or ["weight", "lighthouse", "vnu", "screenshots"]
    args.site = args.site.rstrip("/") + "/"
    try:
        fetch(args.site)
    except OSError as error:
        sys.exit(f"HelpHub does not answer at {args.site}: {error}")

    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="helphub-audit-"))
    workdir.mkdir(parents=True, exist_ok=True)
    misses = Misses()
    started = time.monotonic()
    print(f"HelpHub at {args.site}, Chromium {args.chromium}; {', '.join(steps)}")
    try:
        with sync_playwright() as playwright:
            if "weight" in steps:
                run_weight(playwright, args, misses)
            if "lighthouse" in steps:
                run_lighthouse(args, workdir, misses)
            if "vnu" in steps:
                run_vnu(playwright, args, workdir, misses)
            if "screenshots" in steps:
                run_screenshots(playwright, args)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n{time.monotonic() - started:.0f} s. ", end="")
    if misses:
        print(f"{len(misses)} target(s) missed:")
        for miss in misses:
            print(f"  - {miss}")
    else:
        print("Every target met.")
    return 1 if misses and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
