"""Draw the site's icons from the brand mark the header shows (Lucide's server-cog, white on the brand
blue): assets/favicon.svg for browsers that take SVG, favicon.ico (16, 32, 48) for the ones that ask for
/favicon.ico, apple-touch-icon.png (180) for a phone's home screen. Run again after changing the mark:
.venv/bin/python scripts/make_icons.py (Chromium draws the PNGs; Pillow packs the .ico).
"""

from __future__ import annotations

import asyncio
import io
import sys
from pathlib import Path

from PIL import Image
from playwright.async_api import Browser, async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dorna_app.components.icons import _SHAPES  # noqa: E402

BRAND = "#0b3d91"


def svg(corner: int = 6) -> str:
    """The mark on a brand-blue square (rounded for tabs; square for iOS, which rounds it itself)."""
    shapes = "".join(f"<{tag} " + " ".join(f'{key}="{value}"' for key, value in attrs.items()) + "/>"
                     for tag, attrs in _SHAPES["server-cog"])
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="-3 -3 30 30">'
            f'<rect x="-3" y="-3" width="30" height="30" rx="{corner}" fill="{BRAND}"/>'
            '<g fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
            f"{shapes}</g></svg>\n")


async def png(browser: Browser, markup: str, size: int) -> bytes:
    page = await browser.new_page(viewport={"width": size, "height": size})
    sized = markup.replace("<svg ", f'<svg width="{size}" height="{size}" style="display:block" ', 1)
    await page.set_content(f'<body style="margin:0">{sized}</body>')
    image = await page.screenshot(omit_background=True)
    await page.close()
    return image


async def main() -> None:
    markup = svg()
    (ROOT / "assets" / "favicon.svg").write_text(markup, encoding="utf-8")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium")
        (ROOT / "assets" / "apple-touch-icon.png").write_bytes(await png(browser, svg(corner=0), 180))
        large = Image.open(io.BytesIO(await png(browser, markup, 96)))
        await browser.close()
    large.save(ROOT / "assets" / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    asyncio.run(main())
