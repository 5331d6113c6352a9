"""trialbib's benchmark: items per second and peak memory, beside pandoc and citeproc-js.

    python benchmarks/run.py                      # the default sizes and operations
    python benchmarks/run.py --sizes 1000,10000 --ops parse,render-gb

Inputs are N distinct real entries (benchmarks/scale.py: the corpus merged; beyond its ~21,000
entries, copies whose every value differs). Each measurement runs in a fresh process, so peak
RSS is that operation's own. pandoc (Debian
package ``pandoc``) and citeproc-js (``npm install --prefix benchmarks/.js citeproc``, or
CITEPROC_JS_DIR pointing at a folder with node_modules/citeproc) are timed on the same inputs
when they are installed; the ratio columns are trialbib's rate divided by theirs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale import CACHE, distinct_size, scaled  # noqa: E402

RENDER_STYLES = {"render-gb": "china-national-standard-gb-t-7714-2015-numeric", "render-apa": "apa"}  # cold renders
DEFAULT_SIZES = {
    "parse": [1000, 10000, 20000, 50000, 100000],
    "bare": [1000, 10000, 20000, 50000, 100000],
    "export": [1000, 10000, 20000, 50000, 100000],
    "export-write": [10000],
    "import": [1000, 10000],
    "render-gb": [1000, 5000, 10000],
    "render-apa": [1000],
    "render-gb-warm": [10000],
    "render-apa-warm": [1000],
    "check": [1000, 10000, 50000, 100000],
}


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float] | None:
    """Run a measuring command; its last stdout line is JSON. Peak RSS comes from rusage."""
    wrapper = (
        "import json,resource,subprocess,sys;"
        "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024;"
        "print(json.dumps({'rc':p.returncode,'out':p.stdout,'err':p.stderr[-400:],'rss':r}))"
    )
    done = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, env=env)
    result = json.loads(done.stdout)
    if result["rc"] != 0:
        print(f"  failed: {' '.join(cmd[:3])}...: {result['err'].strip()}", file=sys.stderr)
        return None
    lines = [ln for ln in result["out"].splitlines() if ln.startswith("{")]
    data = json.loads(lines[-1]) if lines else {}
    data.setdefault("rss_mb", result["rss"])
    data["rss_mb"] = max(data["rss_mb"], result["rss"])
    return data


def timed(cmd: list[str]) -> dict[str, float] | None:
    """Wall time and peak RSS of a whole external command (pandoc)."""
    code = (
        "import json,resource,subprocess,sys,time;t=time.perf_counter();"
        "p=subprocess.run(sys.argv[1:],capture_output=True);s=time.perf_counter()-t;"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN);r=u.ru_maxrss/1024;c=u.ru_utime+u.ru_stime;"
        "print(json.dumps({'rc':p.returncode,'seconds':s,'cpu':c,'rss_mb':r,"
        "'err':p.stderr[-300:].decode(errors='replace')}))"
    )
    done = json.loads(subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True).stdout)
    if done["rc"] != 0:
        print(f"  failed: {cmd[0]}: {done['err'].strip()}", file=sys.stderr)
        return None
    return done


def csl_json(path: Path) -> Path:
    """The items of a .bib as CSL-JSON (for the other engines), made with trialbib's reader."""
    target = path.with_suffix(".json")
    if not target.exists():
        from trialbib.io.load import load_bibliographies

        items = [{k: v for k, v in item.items() if k != "custom"} for item in load_bibliographies(path).items]
        target.write_text(json.dumps(items, ensure_ascii=False), "utf-8")
    return target


def style_path(name: str) -> str:
    from trialbib.render.styles import resolve_style

    return resolve_style(name).path


def pandoc_parse(path: Path) -> dict[str, float] | None:
    with tempfile.TemporaryDirectory() as tmp:
        return timed(["pandoc", "-f", "bibtex", "-t", "csljson", str(path), "-o", f"{tmp}/out.json"])


def pandoc_render(path: Path, style: str) -> dict[str, float] | None:
    items = csl_json(path)
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "doc.md"
        doc.write_text("---\nnocite: '@*'\n---\n", "utf-8")
        return timed(
            [
                "pandoc",
                str(doc),
                "--citeproc",
                "--csl",
                style_path(style),
                "--bibliography",
                str(items),
                "-t",
                "plain",
                "-o",
                f"{tmp}/out.txt",
            ]
        )


def citeproc_js(path: Path, style: str, js_dir: Path) -> dict[str, float] | None:
    from citeproc import frontend  # locales shipped with citeproc-py, the same XML citeproc-js reads

    locales = Path(frontend.__file__).parent / "data" / "locales"
    env = {**os.environ, "CITEPROC_JS_DIR": str(js_dir)}
    return measure(["node", str(HERE / "citeproc_js.mjs"), str(csl_json(path)), style_path(style), str(locales)], env)


def find_js() -> Path | None:
    for candidate in (os.environ.get("CITEPROC_JS_DIR"), HERE / ".js", Path("/tmp/bench-js")):
        if candidate and (Path(candidate) / "node_modules" / "citeproc").is_dir() and shutil.which("node"):
            return Path(candidate)
    return None


def rate(result: dict[str, float] | None, n: int, clock: str = "seconds") -> float | None:
    return n / result[clock] if result and result.get(clock, 0) > 0 else None


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}{unit}" if value >= 10 else f"{value:.2f}{unit}"


def bytecode_env() -> dict[str, str]:
    """The environment of a measured run: modules loaded from bytecode, as an installed trialbib
    loads them (pip compiles them at install; pandoc is compiled too). Without this, a session
    with PYTHONDONTWRITEBYTECODE set compiles every module from source in every run (~0.05 s).
    The bytecode goes to benchmarks/.cache/pycache, written once before the first measurement."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    return env


def compile_sources(ops: list[str]) -> None:
    """Write the bytecode of trialbib and of all each operation imports (the standard library's
    too: with a cache prefix, Python reads bytecode only from there): each op once on the
    repository's own small references.bib, unmeasured."""
    code = "import compileall,trialbib;compileall.compile_dir(trialbib.__path__[0],quiet=1)"
    subprocess.run([sys.executable, "-c", code], env=bytecode_env(), check=True)
    for op in ops:
        warm = [sys.executable, str(HERE / "_op.py"), op, str(HERE.parent / "references.bib")]
        with tempfile.TemporaryDirectory() as cache:
            subprocess.run(warm, env={**bytecode_env(), "TRIALBIB_CACHE_DIR": cache}, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ops", default=",".join(DEFAULT_SIZES), help="comma-separated operations")
    parser.add_argument("--sizes", default=None, help="comma-separated sizes for every operation")
    parser.add_argument("--no-others", action="store_true", help="do not time pandoc or citeproc-js")
    parser.add_argument(
        "--others-max", type=int, default=10000, help="largest N to time pandoc and citeproc-js on (they are slow)"
    )
    args = parser.parse_args()
    ops = args.ops.split(",")
    compile_sources(ops)
    pandoc = shutil.which("pandoc") and not args.no_others
    js_dir = None if args.no_others else find_js()
    print(
        f"inputs in {CACHE} ({distinct_size():,} distinct real entries, then varied copies); "
        f"pandoc: {'yes' if pandoc else 'no'}; citeproc-js: {js_dir or 'no'}"
    )
    header = (
        "| work | N | trialbib items/s | peak MB | pandoc items/s | pandoc MB | x pandoc | x pandoc (CPU) "
        "| citeproc-js items/s | x citeproc-js |"
    )
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    for op in ops:
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else DEFAULT_SIZES[op]
        for n in sizes:
            path = scaled(n)
            with tempfile.TemporaryDirectory() as cache:
                env = {**bytecode_env(), "TRIALBIB_CACHE_DIR": cache}
                ours = measure([sys.executable, str(HERE / "_op.py"), op, str(path)], env)
            other = js = None
            others = n <= args.others_max
            if not others:
                pass
            elif pandoc and op in ("parse", "export"):  # pandoc -f bibtex -t csljson: its read and write
                other = pandoc_parse(path)
            elif pandoc and op == "check":
                other = pandoc_parse(path)  # the target: check at 10x pandoc's parse of the same file
            elif pandoc and op in RENDER_STYLES:
                other = pandoc_render(path, RENDER_STYLES[op])
            if js_dir and others and op in RENDER_STYLES:
                js = citeproc_js(path, RENDER_STYLES[op], js_dir)
            r_ours, r_other, r_js = rate(ours, n), rate(other, n), rate(js, n)
            c_ours, c_other = rate(ours, n, "cpu"), rate(other, n, "cpu")
            print(
                f"| {op} | {n:,} | {fmt(r_ours)} | {fmt(ours and ours['rss_mb'])} | {fmt(r_other)} | "
                f"{fmt(other and other['rss_mb'])} | {fmt(r_ours / r_other if r_ours and r_other else None, 'x')} | "
                f"{fmt(c_ours / c_other if c_ours and c_other else None, 'x')} | "
                f"{fmt(r_js)} | {fmt(r_ours / r_js if r_ours and r_js else None, 'x')} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
