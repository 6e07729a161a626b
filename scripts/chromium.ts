/**
 * Finds the Chromium (or Chrome) that the end-to-end tests drive.
 *
 * `npx playwright install` cannot download browsers on machines without
 * internet, so the tests use a browser installed by the system instead.
 * Order: `STACKWISE_CHROMIUM`, then well-known paths, then the PATH. On a
 * Debian machine running as root a missing browser is installed with
 * apt-get; anywhere else the error says what to install.
 *
 *     npx tsx scripts/chromium.ts          # prints the path (installs when it may)
 *     npx tsx scripts/chromium.ts --no-install
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const CHROMIUM_ENV = "STACKWISE_CHROMIUM";

/**
 * Names tried on the PATH. `chromium-headless-shell` is left out on purpose:
 * the old headless never starts an extension's service worker.
 */
const PATH_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

const WELL_KNOWN_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/opt/google/chrome/chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

export interface FindChromiumOptions {
  /** Environment to read `STACKWISE_CHROMIUM` and `PATH` from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Where progress of an installation goes; defaults to standard error so stdout stays the path. */
  log?: (message: string) => void;
}

export interface EnsureChromiumOptions extends FindChromiumOptions {
  /** Allow `apt-get install -y chromium` when nothing is found (root on Debian only). Default true. */
  install?: boolean;
}

const isExecutableFile = (path: string): boolean => {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The browser to use, or null when none is installed.
 * Throws when `STACKWISE_CHROMIUM` is set but does not name an executable,
 * because silently using another browser would hide a broken setting.
 */
export function findChromium(options: FindChromiumOptions = {}): string | null {
  const env = options.env ?? process.env;
  const configured = env[CHROMIUM_ENV]?.trim();
  if (configured) {
    const path = resolve(configured);
    if (isExecutableFile(path)) return path;
    throw new Error(`${CHROMIUM_ENV}=${configured} is not an executable file. Fix or unset it.`);
  }
  for (const path of WELL_KNOWN_PATHS) if (isExecutableFile(path)) return path;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const name of PATH_NAMES) {
      const path = join(dir, name);
      if (isExecutableFile(path)) return path;
    }
  }
  return null;
}

const isRoot = (): boolean => typeof process.getuid === "function" && process.getuid() === 0;
const isDebianLike = (): boolean => existsSync("/etc/debian_version");

const apt = (args: string[], log: (message: string) => void): boolean => {
  log(`$ apt-get ${args.join(" ")}`);
  const run = spawnSync("apt-get", args, {
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    // apt's output goes to stderr so that stdout carries only the path.
    stdio: ["ignore", process.stderr, process.stderr],
  });
  return run.status === 0;
};

const HOW_TO_INSTALL = [
  "No Chromium or Chrome found for the end-to-end tests.",
  "Install one, for example:",
  "  Debian:  sudo apt-get install -y chromium",
  "  Ubuntu:  sudo apt-get install -y chromium-browser   (or Google Chrome)",
  "  macOS:   install Google Chrome or Chromium in /Applications",
  `or point ${CHROMIUM_ENV} at a Chromium/Chrome executable (not chromium-headless-shell).`,
].join("\n");

/**
 * The browser to use, installing Debian's `chromium` when nothing is found and
 * this process may do so (root on Debian). Throws with install instructions otherwise.
 */
export function ensureChromium(options: EnsureChromiumOptions = {}): string {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const found = findChromium(options);
  if (found) return found;
  if (options.install === false || !isRoot() || !isDebianLike()) throw new Error(HOW_TO_INSTALL);
  log("Chromium is missing; installing Debian's chromium package (about 30 s).");
  // A fresh container often has empty package lists: retry after an update.
  if (!apt(["install", "-y", "chromium"], log)) {
    apt(["update"], log);
    apt(["install", "-y", "chromium"], log);
  }
  const installed = findChromium(options);
  if (installed) return installed;
  throw new Error(`apt-get could not install chromium.\n${HOW_TO_INSTALL}`);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    process.stdout.write(`${ensureChromium({ install: !process.argv.includes("--no-install") })}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
