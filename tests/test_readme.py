"""The README's library example runs as written."""

from __future__ import annotations

import re
import subprocess
import sys

from paths import ROOT


def test_readme_library_example_runs():
    readme = (ROOT / "README.md").read_text("utf-8")
    code = re.search(r"## The library.*?```python\n(.*?)```", readme, re.S)
    assert code is not None
    done = subprocess.run([sys.executable, "-c", code.group(1)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("1. He J, Zhang R, Shao M, et al.")  # vancouver, numbered in file order
    assert "'error': 0" in lines[-1]


def test_render_is_callable_after_the_subpackage_is_imported():
    import trialbib
    import trialbib.render.engine  # must not rebind trialbib.render

    bib = trialbib.load_bibliography(ROOT / "references.bib")
    assert trialbib.render(bib, style="gb7714")[0].text.startswith("[1] He J，Zhang R")
