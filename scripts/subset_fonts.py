"""Cut Vazirmatn down to what the client area writes, so a phone downloads ~40 KB of font, not 80.

Sources: scripts/font-sources/ (Vazirmatn's Arabic and Latin subsets, OFL, weights 100-900). Output:
assets/fonts/vazirmatn-fa.woff2 and vazirmatn-latin.woff2, weights 400-700 only (the pages use 400,
500, 600 and 700), Persian letters and digits, the punctuation Persian text uses, and printable ASCII.
Run again after adding a character the fonts lack: .venv/bin/python scripts/subset_fonts.py
(needs fonttools and brotli: requirements-dev.txt).
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "font-sources"
OUT = ROOT / "assets" / "fonts"

# Persian: letters (with hamza forms and the Arabic ك ي a pasted text may hold), the few diacritics
# Persian writes, Persian and Arabic digits, Arabic punctuation, ZWNJ and the direction marks.
PERSIAN = [0x20, 0xA0, 0x60C, 0x61B, 0x61F, *range(0x621, 0x63B), *range(0x640, 0x656), *range(0x660, 0x66E),
           0x670, 0x67E, 0x686, 0x698, 0x6A9, 0x6AF, 0x6C0, 0x6CC, *range(0x6F0, 0x6FA), *range(0x200C, 0x2010),
           0x2010, 0x2011]
# Latin: printable ASCII (e-mail, host names, IPs, the date's slash) and the typography around it.
LATIN = [*range(0x20, 0x7F), 0xA0, 0xAB, 0xBB, 0xD7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026,
         0x2022, 0x2212]


def build(source: str, target: str, unicodes: list[int]) -> None:
    font = TTFont(SOURCES / source, lazy=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font = instancer.instantiateVariableFont(font, {"wght": (400, 700)})
    font.flavor = "woff2"
    font.save(OUT / target)
    print(f"{target}: {(OUT / target).stat().st_size / 1024:.1f} KiB")


if __name__ == "__main__":
    build("vazirmatn-arabic-wght-normal.woff2", "vazirmatn-fa.woff2", PERSIAN)
    build("vazirmatn-latin-wght-normal.woff2", "vazirmatn-latin.woff2", LATIN)
