"""The command line shared by the generators that own a block of a C header
(tools/gen_atan.py, tools/gen_log.py): print the block, ``--write`` it
between its BEGIN and END markers, or ``--check`` that the header holds it."""
from __future__ import annotations

import argparse
import pathlib
import sys
from typing import Callable


def run(header: pathlib.Path, begin: str, end: str, generate: Callable[[], str], description: str,
        argv=None) -> int:
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"replace the generated block in {header.name}")
    parser.add_argument("--check", action="store_true", help=f"fail if {header.name} differs from the output")
    args = parser.parse_args(argv)
    generated = generate()
    if not (args.write or args.check):
        print(generated)
        return 0
    text = header.read_text()
    start, stop = text.index(begin), text.index(end) + len(end)
    if args.check:
        if text[start:stop] != generated:
            print(f"{header} is out of date: run tools/{pathlib.Path(sys.argv[0]).name} --write", file=sys.stderr)
            return 1
        return 0
    header.write_text(text[:start] + generated + text[stop:])
    return 0
