"""Every example in the docstrings runs and prints what it says.

The examples are the first code a user copies, so they are tests.  They run
on the installed package (``make test`` installs it non-editable, where
``--doctest-modules src/`` would import a tree without the compiled core).
Modules whose optional extra is not installed are skipped by name.
"""
from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil

import pytest

import sigmoids

# a module that imports one of these at its top needs that extra installed
OPTIONAL_IMPORTS = {"sigmoids.torch": "torch", "sigmoids.jax": "jax"}


def _modules() -> list[str]:
    names = ["sigmoids"]
    names += [m.name for m in pkgutil.walk_packages(sigmoids.__path__, "sigmoids.")
              if m.name.rsplit(".", 1)[-1] != "__main__"]
    return sorted(names)


@pytest.mark.parametrize("module_name", _modules())
def test_docstring_examples(module_name):
    needed = OPTIONAL_IMPORTS.get(module_name)
    if needed and importlib.util.find_spec(needed) is None:
        pytest.skip(f"{module_name} needs {needed}")
    module = importlib.import_module(module_name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in finder.find(module, module_name) if t.examples]
    report: list[str] = []
    for test in tests:
        runner.run(test, out=report.append)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, "".join(report)
