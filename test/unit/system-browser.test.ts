/**
 * How the tests and the demo find a system browser: the environment variable
 * wins and a broken one is an error (not a silent fallback), then well-known
 * paths, then the PATH in order; nothing found without permission to install
 * says what to install.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureBrowser, findBrowser, type SystemBrowser } from "../../scripts/system-browser";

let dir: string;
let browser: SystemBrowser;

function executable(path: string, mode = 0o755): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, mode);
  return path;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stackwise-browser-"));
  browser = {
    envVar: "TEST_BROWSER",
    wellKnownPaths: [join(dir, "well-known", "browser")],
    pathNames: ["browser-a", "browser-b"],
    debianPackage: { name: "browser", seconds: 1, label: "Browser" },
    howToInstall: "Install a browser.",
  };
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("finding a system browser", () => {
  it("takes the environment variable first, and refuses one that names no executable", () => {
    const named = executable(join(dir, "named"));
    executable(join(dir, "well-known", "browser"));
    expect(findBrowser(browser, { env: { TEST_BROWSER: named } })).toBe(named);
    expect(() => findBrowser(browser, { env: { TEST_BROWSER: join(dir, "missing") } })).toThrow(
      /TEST_BROWSER=.*missing is not an executable file/,
    );
    const plain = executable(join(dir, "plain"), 0o644);
    expect(() => findBrowser(browser, { env: { TEST_BROWSER: plain } })).toThrow(/not an executable/);
  });

  it("then the well-known paths, then the PATH's directories in order, skipping non-executables", () => {
    const first = join(dir, "bin1");
    const second = join(dir, "bin2");
    executable(join(first, "browser-b"), 0o644);
    const b = executable(join(second, "browser-b"));
    const env = { PATH: [first, "", second].join(":") };
    expect(findBrowser(browser, { env })).toBe(b);
    const a = executable(join(second, "browser-a"));
    expect(findBrowser(browser, { env })).toBe(a);
    const known = executable(join(dir, "well-known", "browser"));
    expect(findBrowser(browser, { env })).toBe(known);
  });

  it("is null when nothing is there, and ensure says what to install when it may not install", () => {
    expect(findBrowser(browser, { env: { PATH: join(dir, "empty") } })).toBeNull();
    expect(() => ensureBrowser(browser, { env: { PATH: "" }, install: false })).toThrow("Install a browser.");
  });

  it("runs the browser's own check on what it finds", () => {
    const old = executable(join(dir, "old"));
    const checked = {
      ...browser,
      check: (path: string) => {
        throw new Error(`${path} is too old`);
      },
    };
    expect(() => ensureBrowser(checked, { env: { TEST_BROWSER: old }, install: false })).toThrow("too old");
  });
});
