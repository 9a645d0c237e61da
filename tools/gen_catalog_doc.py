"""Write docs/catalog.md from the catalog: python tools/gen_catalog_doc.py"""
from pathlib import Path

from sigmoids._catalog_doc import render

if __name__ == "__main__":
    path = Path(__file__).resolve().parent.parent / "docs" / "catalog.md"
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path}")
