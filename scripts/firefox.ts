/**
 * Finds the Firefox that the Firefox end-to-end tests drive (puppeteer-core
 * over WebDriver BiDi, see test/e2e/firefox/support/firefox.ts).
 *
 * The tests target Debian's `firefox-esr`: stock Firefox, as shoppers have
 * it (Playwright's Firefox is a patched build). Order: `STACKWISE_FIREFOX`,
 * then well-known paths, then the PATH; installed when missing and this runs
 * as root on Debian. A Firefox older than the manifest's strict_min_version
 * would refuse the extension, so it is refused here with that reason.
 *
 *     npx tsx scripts/firefox.ts          # prints the path (installs when it may)
 *     npx tsx scripts/firefox.ts --no-install
 */
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import {
  type EnsureOptions,
  ensureBrowser,
  type FindOptions,
  findBrowser,
  printBrowserPath,
  type SystemBrowser,
} from "./system-browser";

export const FIREFOX_ENV = "STACKWISE_FIREFOX";

/** Must match browser_specific_settings.gecko.strict_min_version in wxt.config.ts. */
export const MIN_FIREFOX_MAJOR = 140;

/** The major version from `firefox --version` ("Mozilla Firefox 140.12.0esr"), or null if it says none. */
export function firefoxMajorVersion(path: string): number | null {
  const run = spawnSync(path, ["--version"], { encoding: "utf8", timeout: 30_000 });
  const match = /Firefox\s+(\d+)\./.exec(`${run.stdout ?? ""}`);
  return match?.[1] === undefined ? null : Number(match[1]);
}

export const FIREFOX: SystemBrowser = {
  envVar: FIREFOX_ENV,
  wellKnownPaths: [
    "/usr/bin/firefox-esr",
    "/usr/lib/firefox-esr/firefox-esr",
    "/usr/lib/firefox/firefox",
    "/usr/bin/firefox",
    "/Applications/Firefox.app/Contents/MacOS/firefox",
  ],
  // `firefox-esr` first: on Debian /usr/bin/firefox may be a wrapper script of another package.
  pathNames: ["firefox-esr", "firefox"],
  debianPackage: { name: "firefox-esr", seconds: 25, label: "Firefox" },
  howToInstall: [
    "No Firefox found for the Firefox end-to-end tests.",
    "Install one, for example:",
    "  Debian:  sudo apt-get install -y firefox-esr",
    "  Ubuntu:  install Firefox from Mozilla's apt repository (the snap cannot be driven)",
    "  macOS:   install Firefox in /Applications",
    `or point ${FIREFOX_ENV} at a Firefox ${MIN_FIREFOX_MAJOR} or newer.`,
  ].join("\n"),
  check: (path) => {
    const major = firefoxMajorVersion(path);
    if (major !== null && major < MIN_FIREFOX_MAJOR)
      throw new Error(
        `${path} is Firefox ${major}; Stackwise needs ${MIN_FIREFOX_MAJOR} or newer (MAIN-world content scripts, data_collection_permissions). Update it or set ${FIREFOX_ENV}.`,
      );
    return path;
  },
};

export const findFirefox = (options: FindOptions = {}): string | null => findBrowser(FIREFOX, options);
export const ensureFirefox = (options: EnsureOptions = {}): string => ensureBrowser(FIREFOX, options);

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  printBrowserPath(FIREFOX);
