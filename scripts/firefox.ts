/**
 * Finds the Firefox that the Firefox end-to-end tests drive (puppeteer-core
 * over WebDriver BiDi, see test/e2e/firefox/support/firefox.ts).
 *
 * The tests target Debian's `firefox-esr`: stock Firefox, as shoppers have
 * it (Playwright's Firefox is a patched build). Order: `STACKWISE_FIREFOX`,
 * then well-known paths, then the PATH. On a Debian machine running as root
 * a missing browser is installed with apt-get; anywhere else the error says
 * what to install. A Firefox older than the manifest's strict_min_version
 * would refuse the extension, so it is refused here with that reason.
 *
 *     npx tsx scripts/firefox.ts          # prints the path (installs when it may)
 *     npx tsx scripts/firefox.ts --no-install
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const FIREFOX_ENV = "STACKWISE_FIREFOX";

/** Must match browser_specific_settings.gecko.strict_min_version in wxt.config.ts. */
export const MIN_FIREFOX_MAJOR = 140;

// `firefox-esr` first: on Debian /usr/bin/firefox may be a wrapper script of another package.
const PATH_NAMES = ["firefox-esr", "firefox"];

const WELL_KNOWN_PATHS = [
  "/usr/bin/firefox-esr",
  "/usr/lib/firefox-esr/firefox-esr",
  "/usr/lib/firefox/firefox",
  "/usr/bin/firefox",
  "/Applications/Firefox.app/Contents/MacOS/firefox",
];

export interface FindFirefoxOptions {
  /** Environment to read `STACKWISE_FIREFOX` and `PATH` from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Where progress of an installation goes; defaults to standard error so stdout stays the path. */
  log?: (message: string) => void;
}

export interface EnsureFirefoxOptions extends FindFirefoxOptions {
  /** Allow `apt-get install -y firefox-esr` when nothing is found (root on Debian only). Default true. */
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
 * Throws when `STACKWISE_FIREFOX` is set but does not name an executable,
 * because silently using another browser would hide a broken setting.
 */
export function findFirefox(options: FindFirefoxOptions = {}): string | null {
  const env = options.env ?? process.env;
  const configured = env[FIREFOX_ENV]?.trim();
  if (configured) {
    const path = resolve(configured);
    if (isExecutableFile(path)) return path;
    throw new Error(`${FIREFOX_ENV}=${configured} is not an executable file. Fix or unset it.`);
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

/** The major version from `firefox --version` ("Mozilla Firefox 140.12.0esr"), or null if it says none. */
export function firefoxMajorVersion(path: string): number | null {
  const run = spawnSync(path, ["--version"], { encoding: "utf8", timeout: 30_000 });
  const match = /Firefox\s+(\d+)\./.exec(`${run.stdout ?? ""}`);
  return match?.[1] === undefined ? null : Number(match[1]);
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
  "No Firefox found for the Firefox end-to-end tests.",
  "Install one, for example:",
  "  Debian:  sudo apt-get install -y firefox-esr",
  "  Ubuntu:  install Firefox from Mozilla's apt repository (the snap cannot be driven)",
  "  macOS:   install Firefox in /Applications",
  `or point ${FIREFOX_ENV} at a Firefox ${MIN_FIREFOX_MAJOR} or newer.`,
].join("\n");

/** Throws when the browser is older than the extension accepts. */
function checkVersion(path: string): string {
  const major = firefoxMajorVersion(path);
  if (major !== null && major < MIN_FIREFOX_MAJOR)
    throw new Error(
      `${path} is Firefox ${major}; Stackwise needs ${MIN_FIREFOX_MAJOR} or newer (MAIN-world content scripts, data_collection_permissions). Update it or set ${FIREFOX_ENV}.`,
    );
  return path;
}

/**
 * The browser to use, installing Debian's `firefox-esr` when nothing is found
 * and this process may do so (root on Debian). Throws with install instructions otherwise.
 */
export function ensureFirefox(options: EnsureFirefoxOptions = {}): string {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const found = findFirefox(options);
  if (found) return checkVersion(found);
  if (options.install === false || !isRoot() || !isDebianLike()) throw new Error(HOW_TO_INSTALL);
  log("Firefox is missing; installing Debian's firefox-esr package (about 25 s).");
  // A fresh container often has empty package lists: retry after an update.
  if (!apt(["install", "-y", "firefox-esr"], log)) {
    apt(["update"], log);
    apt(["install", "-y", "firefox-esr"], log);
  }
  const installed = findFirefox(options);
  if (installed) return checkVersion(installed);
  throw new Error(`apt-get could not install firefox-esr.\n${HOW_TO_INSTALL}`);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    process.stdout.write(`${ensureFirefox({ install: !process.argv.includes("--no-install") })}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
