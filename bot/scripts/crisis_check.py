"""Which messages the crisis layer recognises, without training the assistant: for reviewers of data/crisis/.

Usage (from bot/):  python scripts/crisis_check.py data/crisis/*.yml < messages.txt
Prints, per message (one per line on stdin), the safety intent and the words that showed it, or "-" when none did.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from components.crisis import load_files


def main(paths: list[str]) -> int:
    matcher = load_files(paths)
    for line in sys.stdin:
        message = line.strip()
        if message:
            found = matcher.match(message)
            print(f"{found[0]:9} [{found[1]}]  {message}" if found else f"-          {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
