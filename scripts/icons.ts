/**
 * The toolbar icon at every size the stores ask for, rendered from its one
 * source (icon/stackwise.svg) by the same headless Chromium the tests use:
 * public/icon/16.png ... 128.png, which the manifest names as `icons` and as
 * the toolbar button's `default_icon` (wxt.config.ts).
 *
 *     npm run icons       # after editing the SVG; commit the PNGs
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ICON_SIZES } from "../src/manifest/icons";
import { ensureChromium } from "./chromium";

export const ICON_SOURCE = resolve("icon/stackwise.svg");
export const ICON_DIR = resolve("public/icon");

/** Width and height from a PNG's header, or undefined when it is no PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  const signature = "89504e470d0a1a0a";
  if (png.length < 24 || png.subarray(0, 8).toString("hex") !== signature) return undefined;
  if (png.subarray(12, 16).toString("latin1") !== "IHDR") return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export async function renderIcons(): Promise<string[]> {
  const svg = readFileSync(ICON_SOURCE, "utf8");
  mkdirSync(ICON_DIR, { recursive: true });
  // Loaded here, not at the top: the store zip script reads pngSize without starting a browser.
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: ["--no-sandbox"] });
  const written: string[] = [];
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
      );
      const path = join(ICON_DIR, `${size}.png`);
      await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      written.push(path);
    }
  } finally {
    await browser.close();
  }
  return written;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  renderIcons().then(
    (paths) => console.log(`Wrote ${paths.length} icons:\n  ${paths.join("\n  ")}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
