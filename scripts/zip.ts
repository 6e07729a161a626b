/**
 * Store archives (`npm run zip`): the store build of Stackwise for Chrome
 * and for Firefox (MV3 both), and the sources archive that
 * addons.mozilla.org asks for, all in `.output/store/`:
 *
 *   stackwise-<version>-chrome.zip    Chrome Web Store
 *   stackwise-<version>-firefox.zip   addons.mozilla.org
 *   stackwise-<version>-sources.zip   addons.mozilla.org, "source code"
 *
 * A store build is a plain build: only test builds (STACKWISE_TEST_BUILD=1)
 * ask for the `clipboardRead` permission that the end-to-end tests use. The builds
 * go to `.output/store/` so that the test builds in `.output/` stay as they
 * are. Then the archives are checked: no clipboardRead, `web-ext lint` with
 * no errors and no warnings, and a sources archive without dependencies,
 * builds or test output (files git does not track are named as a warning).
 *
 *     npx tsx scripts/zip.ts                    # build, zip and check
 *     npx tsx scripts/zip.ts --verify-sources   # also rebuild Firefox from the sources
 *                                               # archive (npm ci; about a minute) and
 *                                               # compare it file by file
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { inflateRawSync } from "node:zlib";
import { ICON_SIZES } from "../src/manifest/icons";
import { TEST_BUILD_ENV } from "../src/manifest/permissions";
import { pngSize } from "./icons";

export const STORE_OUT_DIR = resolve(".output/store");
export type StoreBrowser = "chrome" | "firefox";

/**
 * Runs `task` as a store build (STACKWISE_TEST_BUILD unset, even when the shell
 * set it) or a test build, restoring the variable after: the config reads it at build time.
 */
async function withStoreFlag<T>(store: boolean, task: () => Promise<T>): Promise<T> {
  const before = process.env[TEST_BUILD_ENV];
  if (store) delete process.env[TEST_BUILD_ENV];
  else process.env[TEST_BUILD_ENV] = "1";
  try {
    return await task();
  } finally {
    if (before === undefined) delete process.env[TEST_BUILD_ENV];
    else process.env[TEST_BUILD_ENV] = before;
  }
}

/** WXT's logger with only errors and warnings let through. */
const quietLogger = {
  debug: () => undefined,
  log: () => undefined,
  info: () => undefined,
  success: () => undefined,
  warn: (...args: unknown[]) => console.warn(...args),
  error: (...args: unknown[]) => console.error(...args),
  fatal: (...args: unknown[]) => console.error(...args),
  level: 1,
};

/**
 * Builds the extension for one browser (MV3) into `outDir/<browser>-mv3`
 * and returns that folder. Used by the unit tests of the built manifest and
 * bundles as well.
 */
export async function buildExtension(options: {
  browser: StoreBrowser;
  outDir: string;
  store: boolean;
}): Promise<string> {
  const { build } = await import("wxt");
  await withStoreFlag(options.store, () =>
    build({
      browser: options.browser,
      manifestVersion: 3,
      outDir: options.outDir,
      // Quiet: a test run wants its own report, not the file list or Rollup's notes on dependencies.
      logger: quietLogger,
      vite: () => ({
        logLevel: "silent",
        build: {
          rollupOptions: {
            onwarn: (warning, warn) => {
              if (warning.code !== "INVALID_ANNOTATION") warn(warning);
            },
          },
        },
      }),
    }),
  );
  return join(options.outDir, `${options.browser}-mv3`);
}

/** The names of the entries of a zip archive, from its central directory. */
export function zipEntries(
  archive: Buffer,
): { name: string; method: number; offset: number; size: number }[] {
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a zip archive");
  const count = archive.readUInt16LE(eocd + 10);
  let at = archive.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error("broken central directory");
    const method = archive.readUInt16LE(at + 10);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const offset = archive.readUInt32LE(at + 42);
    const name = archive.toString("utf8", at + 46, at + 46 + nameLength);
    entries.push({ name, method, offset, size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Writes every file of a zip archive (stored or deflated, as WXT writes them) under `dir`. */
export function unzipTo(archive: Buffer, dir: string): void {
  for (const entry of zipEntries(archive)) {
    // JSZip adds an entry for each folder.
    if (entry.name.endsWith("/")) continue;
    const local = entry.offset;
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + entry.size);
    const path = resolve(dir, entry.name);
    if (!path.startsWith(resolve(dir))) throw new Error(`unsafe path in archive: ${entry.name}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, entry.method === 8 ? inflateRawSync(data) : data);
  }
}

/** Every file of a zip archive by name, its contents inflated (folders left out). */
export function zipFiles(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of zipEntries(archive)) {
    if (entry.name.endsWith("/")) continue;
    const local = entry.offset;
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + entry.size);
    files.set(entry.name, entry.method === 8 ? inflateRawSync(data) : data);
  }
  return files;
}

/**
 * What is wrong with the icons of a store archive: the manifest must name one PNG
 * per store size (src/manifest/icons.ts) as `icons` and as the toolbar button's `default_icon`,
 * and the archive must carry each, square and of the size it is named for.
 */
export function iconProblems(files: Map<string, Buffer>): string[] {
  const manifestFile = files.get("manifest.json");
  if (manifestFile === undefined) return ["no manifest.json"];
  const manifest = JSON.parse(manifestFile.toString("utf8")) as {
    icons?: Record<string, string>;
    action?: { default_icon?: Record<string, string> | string };
  };
  const problems: string[] = [];
  for (const [field, named] of [
    ["icons", manifest.icons],
    ["action.default_icon", manifest.action?.default_icon],
  ] as const) {
    if (typeof named !== "object" || named === null) {
      problems.push(`the manifest has no ${field}`);
      continue;
    }
    for (const size of ICON_SIZES) {
      const path = named[String(size)];
      if (path === undefined) {
        problems.push(`${field} has no ${size} px icon`);
        continue;
      }
      const png = files.get(path.replace(/^\/+/, ""));
      const dims = png === undefined ? undefined : pngSize(png);
      if (png === undefined) problems.push(`${field}.${size}: ${path} is not in the archive`);
      else if (dims === undefined) problems.push(`${field}.${size}: ${path} is not a PNG`);
      else if (dims.width !== size || dims.height !== size)
        problems.push(`${field}.${size}: ${path} is ${dims.width}x${dims.height}`);
    }
  }
  return problems;
}

/** What a sources archive must never hold: installed packages, builds, test and run output. */
const NEVER_IN_SOURCES =
  /^(node_modules|\.output|\.wxt|\.git|test-results|playwright-report|coverage|demo-output|tmp)\//;

export interface ZipReport {
  archives: { path: string; bytes: number }[];
  warnings: string[];
}

function lintFirefox(dir: string): void {
  const run = spawnSync(
    resolve("node_modules/.bin/web-ext"),
    ["lint", "--source-dir", dir, "--warnings-as-errors"],
    {
      encoding: "utf8",
    },
  );
  if (run.status !== 0) throw new Error(`web-ext lint found problems in ${dir}:\n${run.stdout}${run.stderr}`);
}

function gitTracked(): Set<string> | null {
  const run = spawnSync("git", ["ls-files", "-z"], { encoding: "utf8" });
  return run.status === 0 ? new Set(run.stdout.split("\0").filter(Boolean)) : null;
}

/** Builds and zips both browsers' store builds into `outDir`, then checks them (throws on a problem). */
export async function zipForStores(outDir = STORE_OUT_DIR): Promise<ZipReport> {
  const { zip } = await import("wxt");
  rmSync(outDir, { recursive: true, force: true });
  const archives: string[] = [];
  await withStoreFlag(true, async () => {
    archives.push(...(await zip({ browser: "chrome", manifestVersion: 3, outDir })));
    archives.push(...(await zip({ browser: "firefox", manifestVersion: 3, outDir })));
  });

  for (const browser of ["chrome", "firefox"] as const) {
    const manifest = JSON.parse(readFileSync(join(outDir, `${browser}-mv3`, "manifest.json"), "utf8"));
    if ((manifest.permissions as string[]).includes("clipboardRead"))
      throw new Error(`The ${browser} store build asks for clipboardRead: ${TEST_BUILD_ENV} leaked into it.`);
  }
  lintFirefox(join(outDir, "firefox-mv3"));
  for (const archive of archives.filter((a) => !a.endsWith("-sources.zip"))) {
    const problems = iconProblems(zipFiles(readFileSync(archive)));
    if (problems.length > 0)
      throw new Error(`${archive}: the toolbar icon is not whole:\n  ${problems.join("\n  ")}`);
  }

  const warnings: string[] = [];
  const sources = archives.find((a) => a.endsWith("-sources.zip"));
  if (!sources) throw new Error("WXT made no sources archive for Firefox.");
  const names = zipEntries(readFileSync(sources))
    .map((e) => e.name)
    .filter((n) => !n.endsWith("/"));
  const forbidden = names.filter((n) => NEVER_IN_SOURCES.test(n));
  if (forbidden.length > 0)
    throw new Error(`The sources archive holds what it must not:\n  ${forbidden.slice(0, 20).join("\n  ")}`);
  for (const needed of ["package.json", "package-lock.json", "wxt.config.ts", "tsconfig.json"])
    if (!names.includes(needed)) throw new Error(`The sources archive lacks ${needed}.`);
  const tracked = gitTracked();
  const untracked = tracked ? names.filter((n) => !tracked.has(n)) : [];
  if (untracked.length > 0)
    warnings.push(
      `The sources archive holds ${untracked.length} file(s) git does not track (commit or remove them before a release):\n  ${untracked.slice(0, 20).join("\n  ")}`,
    );
  return { archives: archives.map((path) => ({ path, bytes: statSync(path).size })), warnings };
}

function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

/**
 * What a reviewer does with the sources archive: unpack it, `npm ci`, build
 * Firefox's store build, and compare it with ours file by file. Returns the
 * files that differ (none when the build is reproducible).
 */
export function verifySources(sourcesZip: string, builtDir: string): string[] {
  const work = mkdtempSync(join(tmpdir(), "stackwise-sources-"));
  try {
    unzipTo(readFileSync(sourcesZip), work);
    // As a reviewer's shell would be: not inside this project's npm run (its node_modules/.bin and
    // npm_* settings would make the unpacked copy use this checkout's packages).
    // NODE_ENV too: Vite's build set it to production here, and npm ci would then skip devDependencies.
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !name.toLowerCase().startsWith("npm_") && name !== "NODE_ENV",
      ),
    );
    clean.PATH = (process.env.PATH ?? "")
      .split(delimiter)
      .filter((dir) => !dir.includes("node_modules"))
      .join(delimiter);
    const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
      const done = spawnSync(command, args, { cwd: work, stdio: "inherit", env: { ...clean, ...env } });
      if (done.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${work}`);
    };
    run("npm", ["ci", "--no-audit", "--no-fund"]);
    delete clean[TEST_BUILD_ENV];
    run("npx", ["wxt", "build", "-b", "firefox", "--mv3"]);
    const ours = filesUnder(builtDir);
    const theirs = filesUnder(join(work, ".output", "firefox-mv3"));
    const names = new Set([...ours.keys(), ...theirs.keys()]);
    return [...names].filter((n) => !ours.get(n)?.equals(theirs.get(n) ?? Buffer.alloc(0))).sort();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    const report = await zipForStores();
    for (const { path, bytes } of report.archives)
      process.stdout.write(`${relative(process.cwd(), path)}  ${(bytes / 1024).toFixed(1)} kB\n`);
    for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
    if (process.argv.includes("--verify-sources")) {
      const sources = report.archives.find((a) => a.path.endsWith("-sources.zip"))?.path ?? "";
      const differ = verifySources(sources, join(STORE_OUT_DIR, "firefox-mv3"));
      if (differ.length > 0)
        throw new Error(`The build from the sources archive differs in:\n  ${differ.join("\n  ")}`);
      process.stdout.write("The sources archive builds the same Firefox extension, file for file.\n");
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
