"""Run a measurement in a fresh Python process (so that its peak memory is its own) and return
the JSON object its last line prints."""
from __future__ import annotations

import json
import subprocess
import sys


def run(code: str) -> dict:
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])
