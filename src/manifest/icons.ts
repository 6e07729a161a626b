/**
 * The toolbar icon's sizes: what the Chrome Web Store and addons.mozilla.org ask
 * for (16 to 128). Rendered from icon/stackwise.svg by scripts/icons.ts into
 * public/icon/, named by the manifest (wxt.config.ts) and checked in the store
 * zips (scripts/zip.ts).
 */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

/** `icons` and `action.default_icon` of the manifest: size -> path inside the extension. */
export const manifestIcons = (): Record<string, string> =>
  Object.fromEntries(ICON_SIZES.map((size) => [String(size), `icon/${size}.png`]));
