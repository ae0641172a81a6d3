"""The shape of the code: imports point one way, the environment is read in one module, and the
README's table of settings is the settings module's."""

import ast
import re
import tomllib
from pathlib import Path

from qa.settings import markdown_table

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.glob("qa/**/*.py"), *ROOT.glob("embeddings/**/*.py"), ROOT / "app.py"])


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in SOURCES}


def imports(path: Path) -> set[str]:
    """The project's modules `path` imports, at the top or inside a function."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([node.module] if node.module else [])])
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


GRAPH = {module: imports(path) for module, path in MODULES.items()}


def circles() -> list[list[str]]:
    """Each import circle once, as the path that closes it."""
    found, done = [], set()

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(GRAPH[module]):
            if target in path:
                found.append([*path[path.index(target) :], target])
            elif target not in done:
                visit(target, [*path, target])
        done.add(module)

    for module in sorted(GRAPH):
        if module not in done:
            visit(module, [module])
    return found


def test_every_import_points_one_way():
    assert circles() == []


def test_the_embeddings_package_imports_nothing_of_qa():
    for module, targets in GRAPH.items():
        if module.startswith("embeddings"):
            assert not [t for t in targets if t == "qa" or t.startswith("qa.")], module


def test_app_py_is_a_script_over_the_web_app():
    assert "qa.web.app" in GRAPH["app"]
    assert not [m for m, targets in GRAPH.items() if "app" in targets]


def test_the_environment_is_read_in_the_settings_module_only():
    names = {"environ", "getenv", "environb"}  # os.environ, os.getenv, from os import environ
    readers = set()
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in names) or (
                isinstance(node, ast.ImportFrom) and {a.name for a in node.names} & names
            ):
                readers.add(module)
    assert readers == {"qa.settings"}


def test_the_readme_table_of_settings_is_the_settings_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- settings -->\n(.*?)<!-- /settings -->", readme, re.S)
    assert table, "README.md lacks the <!-- settings --> ... <!-- /settings --> table"
    assert table.group(1).strip() == markdown_table().strip(), "run `qa settings --markdown`"


def test_the_installed_package_has_no_top_level_app_module():
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "py-modules" not in setup
    assert setup["packages"]["find"]["include"] == ["qa*", "embeddings*"]
