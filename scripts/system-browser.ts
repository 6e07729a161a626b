/**
 * Finding, and on Debian installing, a browser that the system provides.
 *
 * `npx playwright install` cannot download browsers on machines without
 * internet, so the end-to-end tests and the demo drive the system's browser.
 * Order: the project's environment variable, then well-known paths, then the
 * PATH. On a Debian machine running as root a missing browser is installed
 * with apt-get; anywhere else the error says what to install. Each browser
 * (scripts/chromium.ts, scripts/firefox.ts) is a description of this shape.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

export interface SystemBrowser {
  /** The environment variable that names the executable, e.g. `STACKWISE_CHROMIUM`. */
  envVar: string;
  /** Absolute paths tried first, in order. */
  wellKnownPaths: readonly string[];
  /** Executable names tried on the PATH, in order. */
  pathNames: readonly string[];
  /** Debian's package, e.g. `chromium`, and roughly how long it takes to install. */
  debianPackage: { name: string; seconds: number; label: string };
  /** Said when nothing is found and nothing may be installed. */
  howToInstall: string;
  /** Throws when the found browser cannot be used (too old); returns the path otherwise. */
  check?: (path: string) => string;
}

export interface FindOptions {
  /** Environment to read the browser's variable and `PATH` from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Where progress of an installation goes; defaults to standard error so stdout stays the path. */
  log?: (message: string) => void;
}

export interface EnsureOptions extends FindOptions {
  /** Allow `apt-get install -y <package>` when nothing is found (root on Debian only). Default true. */
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
 * Throws when the environment variable is set but does not name an executable,
 * because silently using another browser would hide a broken setting.
 */
export function findBrowser(browser: SystemBrowser, options: FindOptions = {}): string | null {
  const env = options.env ?? process.env;
  const configured = env[browser.envVar]?.trim();
  if (configured) {
    const path = resolve(configured);
    if (isExecutableFile(path)) return path;
    throw new Error(`${browser.envVar}=${configured} is not an executable file. Fix or unset it.`);
  }
  for (const path of browser.wellKnownPaths) if (isExecutableFile(path)) return path;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const name of browser.pathNames) {
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

/**
 * The browser to use, installing Debian's package when nothing is found and
 * this process may do so (root on Debian). Throws with install instructions otherwise.
 */
export function ensureBrowser(browser: SystemBrowser, options: EnsureOptions = {}): string {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const usable = (path: string) => (browser.check ? browser.check(path) : path);
  const found = findBrowser(browser, options);
  if (found) return usable(found);
  if (options.install === false || !isRoot() || !isDebianLike()) throw new Error(browser.howToInstall);
  const { name, seconds, label } = browser.debianPackage;
  log(`${label} is missing; installing Debian's ${name} package (about ${seconds} s).`);
  // A fresh container often has empty package lists: retry after an update.
  if (!apt(["install", "-y", name], log)) {
    apt(["update"], log);
    apt(["install", "-y", name], log);
  }
  const installed = findBrowser(browser, options);
  if (installed) return usable(installed);
  throw new Error(`apt-get could not install ${name}.\n${browser.howToInstall}`);
}

/** The command line of scripts/<browser>.ts: prints the path, installs unless `--no-install`. */
export function printBrowserPath(browser: SystemBrowser): void {
  try {
    process.stdout.write(`${ensureBrowser(browser, { install: !process.argv.includes("--no-install") })}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
