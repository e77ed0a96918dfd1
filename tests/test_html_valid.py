"""Every built page passes the Nu Html Checker (vnu-jar from npm, run on the machine's Java).

Three reports are about Material's own theme markup, not ours, and are set aside only when
the offending element is one of Material's (class ``md-…``): its ``autocomplete`` on
checkbox toggles, ``tabindex=""`` on navigation labels and labels for hidden toggles.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m")
"""A short run: the quick compiler only and one collector thread halve the checker's CPU time (6.5 → 3.1 s on the
sample site), which the other tests running beside it need; its schema needs a deep stack with that compiler."""
THEME_REPORTS = (
    "Attribute “autocomplete” is only allowed when the input type is",
    "Bad value “” for attribute “tabindex” on element “label”",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
)


def nu_errors(*sites) -> list[str]:
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("the Nu Html Checker needs node_modules/vnu-jar and java: run 'make test', which installs both")
    result = subprocess.run(["java", *JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", "--format", "json",
                             "--skip-non-html", *map(str, sites)], capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), f"the checker failed: {(result.stderr or result.stdout)[-500:]}"
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{m.get('url', '').rsplit('/', 2)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not (m["message"].startswith(THEME_REPORTS) and 'class="md-' in m.get("extract", ""))
    ]


def test_every_page_is_valid_html(site, fixture_site):
    assert nu_errors(site.site, fixture_site.site) == []
