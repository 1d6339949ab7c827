"""Known vulnerabilities in HelpHub's pinned requirements, looked up with pip-audit (`make audit-deps`).

Audits requirements.txt (the site) and bot/requirements.txt (the assistant), or the files given as arguments. Every
file pins every package, so pip-audit only reads the pins (--no-deps --disable-pip): nothing is installed, and the
assistant's Python 3.10 pins can be read from the site's Python.

A check that could not be made is never reported as a pass: pip-audit itself says "No known vulnerabilities found"
when its service could not look up a single package (this machine's network answers PyPI's JSON API with 404, and
does not reach OSV at all). Each file is tried with PyPI's service, then OSV's; AUDIT_DEPS_SERVICE=pypi (or osv)
tries only one.

Exit status: 0 every package was looked up and none has a known vulnerability beyond ACCEPTED; 1 known
vulnerabilities (listed); 3 could not check (pip-audit missing, its service unreachable, packages not looked up).
"""

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FILES = ("requirements.txt", "bot/requirements.txt")
SERVICES = ("pypi", "osv")
VULNERABLE, COULD_NOT_CHECK = 1, 3

# Vulnerabilities Rasa 3.6's own pins keep in the assistant's environment, each shown not to be reachable from
# HelpHub in docs/dependencies.md. Listed, not hidden: every run prints them. A new advisory for the same packages
# is not in this list and fails the audit.
ACCEPTED = {
    "bot/requirements.txt": {
        "CVE-2024-52304": "aiohttp 3.9.5, held by rasa 3.6.21 (aiohttp<3.10)",
        "CVE-2025-53643": "aiohttp 3.9.5, held by rasa 3.6.21 (aiohttp<3.10)",
        "CVE-2025-4565": "protobuf 4.23.3, held by rasa 3.6.21 (protobuf==4.23.3)",
        "CVE-2024-3772": "pydantic 1.10.9, held by rasa 3.6.21 (pydantic<1.10.10)",
        "CVE-2024-40647": "sentry-sdk 1.14.0, held by rasa 3.6.21 (sentry-sdk<1.15.0)",
        "CVE-2024-5629": "pymongo 4.3.3, held by rasa 3.6.21 (pymongo<4.4)",
    },
}


@dataclass
class Audit:
    """What one vulnerability service said about one requirements file."""

    service: str
    checked: list[dict] = field(default_factory=list)  # pip-audit's {"name", "version", "vulns"} entries
    skipped: list[dict] = field(default_factory=list)  # {"name", "skip_reason"}: not looked up
    error: str = ""  # the service could not be used at all

    @property
    def complete(self) -> bool:
        return not self.error and not self.skipped

    def problem(self) -> str:
        if self.error:
            return f"{self.service}: {self.error}"
        total = len(self.checked) + len(self.skipped)
        return (
            f"{self.service}: {len(self.skipped)} of {total} packages not looked up "
            f"(first: {self.skipped[0]['skip_reason']})"
        )


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no output"


def run_pip_audit(requirements: Path, service: str) -> Audit:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "audit.json"
        command = [
            sys.executable,
            "-m",
            "pip_audit",
            "--requirement",
            str(requirements),
            "--no-deps",
            "--disable-pip",
            "--vulnerability-service",
            service,
            "--format",
            "json",
            "--output",
            str(output),
            "--progress-spinner",
            "off",
        ]
        try:
            process = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)  # noqa: S603
        except subprocess.TimeoutExpired:
            return Audit(service, error="pip-audit did not finish within 15 minutes")
        # The JSON report is written whenever pip-audit finishes (found or not); on a connection error it stops
        # with a traceback and writes none.
        if not output.is_file():
            return Audit(service, error=last_line(process.stderr))
        try:
            dependencies = json.loads(output.read_text())["dependencies"]
        except (ValueError, KeyError) as error:
            return Audit(service, error=f"unreadable pip-audit report ({error})")
    audit = Audit(service)
    for dependency in dependencies:
        (audit.skipped if "skip_reason" in dependency else audit.checked).append(dependency)
    return audit


def audit_file(requirements: Path, services: tuple[str, ...]) -> tuple[Audit, list[str]]:
    """The first complete audit of the file, or the most complete one with what each service lacked."""
    tried: list[Audit] = []
    for service in services:
        audit = run_pip_audit(requirements, service)
        if audit.complete:
            return audit, []
        tried.append(audit)
    best = max(tried, key=lambda a: len(a.checked))
    return best, [audit.problem() for audit in tried]


def main(argv: list[str]) -> int:
    files = argv or list(DEFAULT_FILES)
    if importlib.util.find_spec("pip_audit") is None:
        print(
            f"could not check: pip-audit is not installed for {sys.executable} "
            "(it comes with requirements-dev.txt: make audit-deps installs it)"
        )
        return COULD_NOT_CHECK
    forced = os.environ.get("AUDIT_DEPS_SERVICE")
    services = (forced,) if forced else SERVICES

    found, not_checked = [], []
    for name in files:
        requirements = (REPO / name) if not Path(name).is_absolute() else Path(name)
        accepted = ACCEPTED.get(name, {})
        audit, problems = audit_file(requirements, services)
        vulnerable = [d for d in audit.checked if d.get("vulns")]
        print(
            f"{name}: looked up {len(audit.checked)} of {len(audit.checked) + len(audit.skipped)} packages "
            f"({audit.service}'s service); {len(vulnerable)} with known vulnerabilities"
        )
        for dependency in vulnerable:
            for vuln in dependency["vulns"]:
                ids = {vuln["id"], *vuln.get("aliases", [])}
                label = f"{dependency['name']} {dependency['version']}: {', '.join(sorted(ids))}"
                fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version"
                reason = next((accepted[i] for i in sorted(ids) if i in accepted), None)
                if reason:
                    print(f"  accepted  {label} (fixed in {fixed}): {reason}; not reachable, docs/dependencies.md")
                else:
                    print(f"  VULNERABLE  {label} (fixed in {fixed})")
                    found.append(label)
        if problems:
            not_checked.append(f"{name}: " + "; ".join(problems))

    for line in not_checked:
        print(f"could not check: {line}")
    if not_checked and any("not looked up" in line for line in not_checked):
        print('  ("not found on PyPI" for packages that are on PyPI means pip-audit could not reach its service)')
    if found:
        print(f"Known vulnerabilities to fix: {len(found)} (listed above).")
        return VULNERABLE
    if not_checked:
        print(
            "NOT CHECKED, so not a pass: run `make audit-deps` where pypi.org's JSON API or api.osv.dev is reachable."
        )
        return COULD_NOT_CHECK
    print("No known vulnerabilities beyond the accepted ones.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
