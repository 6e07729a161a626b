/**
 * The toolbar icon: one PNG per store size rendered from icon/stackwise.svg,
 * and the check the store zips go through (scripts/zip.ts iconProblems).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ICON_DIR, pngSize } from "../../scripts/icons";
import { iconProblems } from "../../scripts/zip";
import { ICON_SIZES, manifestIcons } from "../../src/icons";

const png = (size: number) => readFileSync(join(ICON_DIR, `${size}.png`));

describe("the rendered icons", () => {
  it("are square PNGs of every size the stores ask for, 16 to 128", () => {
    expect(ICON_SIZES).toEqual([16, 32, 48, 96, 128]);
    for (const size of ICON_SIZES)
      expect(pngSize(png(size)), `${size}.png`).toEqual({ width: size, height: size });
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
