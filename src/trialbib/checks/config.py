"""Configuration of ``trialbib check``: ``trialbib.toml`` or ``[tool.trialbib]`` in ``pyproject.toml``.

The nearest file upward from the working folder wins (``trialbib.toml`` before
``pyproject.toml`` in the same folder; a ``pyproject.toml`` without ``[tool.trialbib]`` is
skipped). Paths in it are relative to its folder. Every key and rule name is checked: a typo
is an error (``invalid config: ...``), never silently ignored. ::

    [tool.trialbib]                      # in trialbib.toml: the same keys at top level
    bibliography = "references.bib"
    trials = "trials.yaml"
    manuscripts = ["paper/*.md"]
    expected = "paper/references.txt"    # a committed rendered list (rule LST001)
    style = "gb7714"
    allow-outside = false                # paths must stay in this folder (links resolved)

    [tool.trialbib.check]
    select = ["ALL"]                     # codes, code prefixes, names, or ALL
    extend-select = ["KEY005"]
    ignore = ["CIT002"]
    fail-on = "error"                    # error | warning | info (default: any finding) | never
    per-file-ignores = { "drafts/*.md" = ["CIT001"] }
    severity = { CIT002 = "error" }

    [tool.trialbib.check.rules.required-fields]
    model = "biblatex"
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from trialbib.checks.rules import enabled_by_default, lookup, rules
from trialbib.errors import UsageError
from trialbib.model import Severity
from trialbib.render.styles import DEFAULT_STYLE

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "info", "never")
TOP_KEYS = {"bibliography", "trials", "manuscripts", "expected", "printed", "style", "check", "allow-outside"}
CHECK_KEYS = {"select", "extend-select", "ignore", "fail-on", "per-file-ignores", "severity", "rules"}


class ConfigError(UsageError):
    """A configuration file or option that cannot be used; printed as ``invalid config: ...``."""

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None):
        where = f"{shown(path)}: " if path else ""
        super().__init__(f"invalid config: {where}{message}")


@dataclass
class Config:
    """Resolved settings; paths already joined to the config file's folder."""

    path: str | None = None
    bibliography: str | None = None
    trials: str | None = None
    manuscripts: list[str] = field(default_factory=list)
    expected: str | None = None
    printed: str | None = None
    style: str = DEFAULT_STYLE
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "info"  # any finding fails, as in ruff; error | warning to fail on fewer
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    root: str = "."

    def selected(self) -> list[ModuleType]:
        """The rules to run, in registry order: select (or the defaults), plus extend-select, minus ignore."""
        chosen = expand(self.select, self.path) if self.select is not None else None
        if chosen is None:
            chosen = {code for code, module in rules().items() if enabled_by_default(module)}
        chosen |= expand(self.extend_select, self.path)
        chosen -= expand(self.ignore, self.path)
        return [module for code, module in rules().items() if code in chosen]

    def options_for(self, module: ModuleType) -> dict[str, Any]:
        return {**module.OPTIONS, **self.options.get(module.CODE, {})}

    def ignored_in(self, file: str | None) -> set[str]:
        """Codes ignored for ``file`` by per-file-ignores (globs relative to the config folder)."""
        if not file or not self.per_file_ignores:
            return set()
        try:
            relative = Path(os.path.relpath(file, self.root)).as_posix()
        except ValueError:
            relative = Path(file).as_posix()
        codes: set[str] = set()
        for pattern, selectors in self.per_file_ignores.items():
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(Path(file).name, pattern):
                codes |= expand(selectors, self.path)
        return codes


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` relative to the working folder when it is inside it, as messages show it."""
    text = str(path)
    if not os.path.isabs(text):
        return text
    relative = os.path.relpath(text)
    return text if relative.startswith("..") else relative


def expand(selectors: list[str] | None, path: str | None = None) -> set[str]:
    """Codes named by selectors: ``ALL``, a code, a code prefix (``KEY``, ``FMT01``) or a name."""
    codes: set[str] = set()
    for selector in selectors or []:
        text = str(selector).strip()
        if text.upper() == "ALL":
            codes |= set(rules())
            continue
        module = lookup(text)
        if module is not None:
            codes.add(module.CODE)
            continue
        prefixed = {code for code in rules() if code.startswith(text.upper())} if text.isalnum() else set()
        if not prefixed:
            raise ConfigError(f"unknown rule {text!r}; `trialbib rules` lists them", path)
        codes |= prefixed
    return codes


def find_config(start: str | os.PathLike[str] = ".") -> Path | None:
    """The nearest ``trialbib.toml`` or ``pyproject.toml`` with ``[tool.trialbib]``, upward from ``start``."""
    folder = Path(start).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "trialbib.toml"
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "tool" in (data := _read_toml(pyproject)) and "trialbib" in data["tool"]:
            return pyproject
    return None


def load_config(path: str | os.PathLike[str] | None) -> Config:
    """The configuration in ``path`` (None: defaults), validated."""
    if path is None:
        return Config()
    path = Path(path)
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("trialbib", {})
    table = "[tool.trialbib]" if path.name == "pyproject.toml" else "top level"
    return from_dict(data, str(path), table)


def from_dict(data: dict[str, Any], path: str | None = None, table: str = "top level") -> Config:
    """Validate a parsed configuration table."""
    _known(data, TOP_KEYS, table, path)
    root = str(Path(path).parent) if path else "."
    config = Config(path=path, root=root)
    outside = data.get("allow-outside", path is None)  # a config file must say so; a dict in code need not
    if not isinstance(outside, bool):
        raise ConfigError(f"allow-outside must be true or false, not {outside!r}", path)
    _read_paths(config, data, root, outside, path)
    check = data.get("check", {})
    if not isinstance(check, dict):
        raise ConfigError("check must be a table", path)
    _known(check, CHECK_KEYS, "[check]", path)
    _read_check(config, check, path)
    return config


def _read_paths(config: Config, data: dict[str, Any], root: str, outside: bool, path: str | None) -> None:
    """The files and style of the top level, kept inside the project unless ``allow-outside``."""
    for name in ("bibliography", "trials", "expected", "printed"):
        if name in data:
            value = _join(root, _string(data[name], name, path))
            setattr(config, name, value if outside else _inside(root, value, name, path))
    if "style" in data:
        config.style = _string(data["style"], "style", path)
        if not outside and config.style.endswith(".csl"):
            config.style = _inside(root, _join(root, config.style), "style", path)
    if "manuscripts" in data:
        config.manuscripts = [_join(root, p) for p in _strings(data["manuscripts"], "manuscripts", path)]
        if not outside:
            for pattern in config.manuscripts:
                _inside(root, _fixed_prefix(pattern), "manuscripts", path, shown_as=pattern)


def _read_check(config: Config, check: dict[str, Any], path: str | None) -> None:
    """The ``[check]`` table: which rules, how severe, their options."""
    if "select" in check:
        config.select = _strings(check["select"], "select", path)
        expand(config.select, path)
    for key in ("extend-select", "ignore"):
        if key in check:
            values = _strings(check[key], key, path)
            expand(values, path)
            setattr(config, key.replace("-", "_"), values)
    if "fail-on" in check:
        config.fail_on = _choice(check["fail-on"], FAIL_ON, "fail-on", path)
    for pattern, selectors in _table(check.get("per-file-ignores", {}), "per-file-ignores", path).items():
        config.per_file_ignores[pattern] = _strings(selectors, f"per-file-ignores {pattern!r}", path)
        expand(config.per_file_ignores[pattern], path)
    for selector, level in _table(check.get("severity", {}), "severity", path).items():
        for code in expand([selector], path):
            config.severity[code] = _choice(level, SEVERITIES, f"severity of {selector}", path)  # type: ignore[assignment]
    for selector, options in _table(check.get("rules", {}), "rules", path).items():
        module = lookup(selector)
        if module is None:
            raise ConfigError(f"unknown rule {selector!r} in rules; `trialbib rules` lists them", path)
        config.options[module.CODE] = validate_options(module, _table(options, f"rules.{selector}", path), path)


def validate_options(module: ModuleType, options: dict[str, Any], path: str | None = None) -> dict[str, Any]:
    """Options of one rule, each known and of its default's type (and among its choices)."""
    choices = getattr(module, "CHOICES", {})
    for name, value in options.items():
        if name not in module.OPTIONS:
            known = ", ".join(sorted(module.OPTIONS)) or "none"
            raise ConfigError(f"rule {module.NAME} has no option {name!r} (options: {known})", path)
        default = module.OPTIONS[name]
        if type(value) is not type(default):
            kind = type(default).__name__
            raise ConfigError(f"option {name!r} of rule {module.NAME} must be a {kind}, not {value!r}", path)
        if name in choices and value not in choices[name]:
            raise ConfigError(f"option {name!r} of rule {module.NAME} must be one of {', '.join(choices[name])}", path)
    return dict(options)


def _read_toml(path: Path) -> dict[str, Any]:
    from trialbib.io.files import read_text

    try:
        return tomllib.loads(read_text(path, "config file"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(exc), path) from None


def _known(data: dict[str, Any], allowed: set[str], table: str, path: str | None) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} in {table} (allowed: {', '.join(sorted(allowed))})", path)


def _inside(root: str, value: str, name: str, path: str | None, shown_as: str | None = None) -> str:
    """``value`` if it lies inside the project (the config's folder), links resolved; a config
    from a pull request must not make CI read ``/etc/passwd`` or ``~/.ssh`` and quote it."""
    base = os.path.realpath(root or ".")
    real = os.path.realpath(value)
    if real != base and not real.startswith(base.rstrip(os.sep) + os.sep):
        raise ConfigError(
            f"{name} {shown_as or value!r} is outside the project folder {shown(base)!r}; "
            "move it inside or set allow-outside = true",
            path,
        )
    return value


def _fixed_prefix(pattern: str) -> str:
    """The folder part of a glob before its first wildcard (``paper/**/*.md`` -> ``paper``)."""
    import glob

    parts = Path(pattern).parts
    fixed = parts[: next((i for i, p in enumerate(parts) if glob.has_magic(p)), len(parts))]
    return str(Path(*fixed)) if fixed else "."


def _join(root: str, value: str) -> str:
    return value if os.path.isabs(value) or root in ("", ".") else os.path.join(root, value)


def _string(value: Any, name: str, path: str | None) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{name} must be a string, not {value!r}", path)
    return value


def _strings(value: Any, name: str, path: str | None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{name} must be a list of strings, not {value!r}", path)
    return list(value)


def _table(value: Any, name: str, path: str | None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{name} must be a table, not {value!r}", path)
    return value


def _choice(value: Any, allowed: tuple[str, ...], name: str, path: str | None) -> str:
    if value not in allowed:
        raise ConfigError(f"{name} must be one of {', '.join(allowed)}, not {value!r}", path)
    return str(value)
