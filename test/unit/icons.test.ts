/**
 * The toolbar icon: one PNG per store size rendered from icon/stackwise.svg,
 * and the check the store zips go through (scripts/zip.ts iconProblems).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ICON_DIR, pngSize } from "../../scripts/icons";
import { iconProblems } from "../../scripts/zip";
import { BADGE_COLOR, FLASH_COLOR } from "../../src/background/wallet";
import { ICON_SIZES, manifestIcons } from "../../src/manifest/icons";

const png = (size: number) => readFileSync(join(ICON_DIR, `${size}.png`));

describe("the rendered icons", () => {
  it("are square PNGs of every size the stores ask for, 16 to 128", () => {
    expect(ICON_SIZES).toEqual([16, 32, 48, 96, 128]);
    for (const size of ICON_SIZES)
      expect(pngSize(png(size)), `${size}.png`).toEqual({ width: size, height: size });
  });
});

/** RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what Chromium's screenshots are). */
function decodeRgba(file: Buffer): {
  width: number;
  height: number;
  pixel: (x: number, y: number) => number[];
} {
  const { width, height } = pngSize(file) ?? { width: 0, height: 0 };
  expect([file[24], file[25], file[28]], "8-bit RGBA, not interlaced").toEqual([8, 6, 0]);
  const chunks: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    if (file.toString("latin1", at + 4, at + 8) === "IDAT")
      chunks.push(file.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i] ?? 0;
      const a = i >= 4 ? (out[y * stride + i - 4] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
      const c = y > 0 && i >= 4 ? (out[(y - 1) * stride + i - 4] ?? 0) : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, paeth()][filter] ?? 0;
      out[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  return { width, height, pixel: (x, y) => [...out.subarray(y * stride + x * 4, y * stride + x * 4 + 4)] };
}

/** WCAG relative luminance and contrast ratio. */
const luminance = (rgb: number[]) => {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
};
const contrast = (a: number[], b: number[]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
};
const hex = (color: string) => [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));

describe("the badge on the icon", () => {
  it("sits on a plain corner that both badge colours stand out from (3:1, as WCAG asks of graphics)", () => {
    for (const size of [16, 32]) {
      const { pixel } = decodeRgba(png(size));
      // The badge covers about the lower right third; inside the tile's rounded corner.
      const from = Math.round(size * 0.6);
      const to = Math.round(size * 0.85);
      const corner: number[][] = [];
      for (let y = from; y < to; y++) for (let x = from; x < to; x++) corner.push(pixel(x, y));
      const opaque = corner.filter((p) => (p[3] ?? 0) > 200);
      expect(opaque.length, `${size} px: the corner is the tile`).toBe(corner.length);
      for (const p of opaque)
        for (const badge of [BADGE_COLOR, FLASH_COLOR])
          expect(contrast(p.slice(0, 3), hex(badge)), `${size} px, ${badge} on ${p}`).toBeGreaterThanOrEqual(
            3,
          );
    }
  });
});

describe("iconProblems", () => {
  const archive = (manifest: unknown, icons: Record<string, Buffer>) =>
    new Map<string, Buffer>([
      ["manifest.json", Buffer.from(JSON.stringify(manifest))],
      ...Object.entries(icons),
    ]);
  const allIcons = Object.fromEntries(ICON_SIZES.map((s) => [`icon/${s}.png`, png(s)]));
  const good = { icons: manifestIcons(), action: { default_icon: manifestIcons() } };

  it("passes a manifest naming every size, for the list and the toolbar, with each file carried", () => {
    expect(iconProblems(archive(good, allIcons))).toEqual([]);
  });

  it("names what is missing or wrong", () => {
    const { "icon/48.png": _left, ...without48 } = allIcons;
    expect(iconProblems(archive(good, without48))).toEqual([
      "icons.48: icon/48.png is not in the archive",
      "action.default_icon.48: icon/48.png is not in the archive",
    ]);
    expect(iconProblems(archive({ icons: manifestIcons() }, allIcons))).toEqual([
      "the manifest has no action.default_icon",
    ]);
    expect(iconProblems(archive(good, { ...allIcons, "icon/96.png": png(128) }))).toEqual([
      "icons.96: icon/96.png is 128x128",
      "action.default_icon.96: icon/96.png is 128x128",
    ]);
    expect(iconProblems(archive(good, { ...allIcons, "icon/16.png": Buffer.from("GIF89a") }))).toContain(
      "icons.16: icon/16.png is not a PNG",
    );
  });
});
