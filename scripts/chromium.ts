/**
 * Finds the Chromium (or Chrome) that the end-to-end tests and the demo drive:
 * `STACKWISE_CHROMIUM`, then well-known paths, then the PATH; Debian's
 * `chromium` is installed when missing and this runs as root on Debian.
 *
 *     npx tsx scripts/chromium.ts          # prints the path (installs when it may)
 *     npx tsx scripts/chromium.ts --no-install
 */
import { pathToFileURL } from "node:url";
import {
  type EnsureOptions,
  ensureBrowser,
  type FindOptions,
  findBrowser,
  printBrowserPath,
  type SystemBrowser,
} from "./system-browser";

export const CHROMIUM_ENV = "STACKWISE_CHROMIUM";

export const CHROMIUM: SystemBrowser = {
  envVar: CHROMIUM_ENV,
  wellKnownPaths: [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/snap/bin/chromium",
    "/opt/google/chrome/chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  ],
  // `chromium-headless-shell` is left out on purpose: the old headless never starts an extension's service worker.
  pathNames: ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"],
  debianPackage: { name: "chromium", seconds: 30, label: "Chromium" },
  howToInstall: [
    "No Chromium or Chrome found for the end-to-end tests.",
    "Install one, for example:",
    "  Debian:  sudo apt-get install -y chromium",
    "  Ubuntu:  sudo apt-get install -y chromium-browser   (or Google Chrome)",
    "  macOS:   install Google Chrome or Chromium in /Applications",
    `or point ${CHROMIUM_ENV} at a Chromium/Chrome executable (not chromium-headless-shell).`,
  ].join("\n"),
};

export const findChromium = (options: FindOptions = {}): string | null => findBrowser(CHROMIUM, options);
export const ensureChromium = (options: EnsureOptions = {}): string => ensureBrowser(CHROMIUM, options);

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  printBrowserPath(CHROMIUM);
