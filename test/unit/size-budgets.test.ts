/**
 * The size-budget check: which files make up each bundle, and when the check
 * fails. A miniature build on disk stands in for .output/chrome-mv3.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Bundle,
  budgetsFrom,
  closure,
  compare,
  exitCode,
  findBundles,
  formatTable,
  pageAssets,
  scriptImports,
} from "../../scripts/size-budgets";
import { deferPageAssets } from "../../src/ui/popup/laterAssets";

const bundle = (name: string, bytes: number): Bundle => ({
  name,
  files: [`${name}.js`],
  bytes,
  gzipBytes: bytes / 3,
});

describe("comparing a build with its budgets", () => {
  const build = [bundle("background", 1000), bundle("popup", 2000), bundle("content:cart", 500)];

  it("passes when every bundle is at or under its budget", () => {
    const rows = compare(build, { background: 1000, popup: 2500, "content:cart": 501 });
    expect(rows.map((r) => r.status)).toEqual(["ok", "ok", "ok"]);
    expect(exitCode(rows)).toBe(0);
  });

  it("fails when one bundle is a byte over", () => {
    const rows = compare(build, { background: 999, popup: 2500, "content:cart": 501 });
    expect(rows.find((r) => r.name === "background")?.status).toBe("over");
    expect(exitCode(rows)).toBe(1);
  });

  it("fails on a bundle without a budget, and on a budget whose bundle is gone", () => {
    const unbudgeted = compare(build, { background: 1000, popup: 2500 });
    expect(unbudgeted.find((r) => r.name === "content:cart")?.status).toBe("no budget");
    expect(exitCode(unbudgeted)).toBe(1);
    const stale = compare(build, { background: 1000, popup: 2500, "content:cart": 600, sidebar: 10 });
    expect(stale.at(-1)).toMatchObject({ name: "sidebar", status: "not built", bytes: undefined });
    expect(exitCode(stale)).toBe(1);
  });

  it("fails when a page loads more files than budgets.json allows it, and says how many", () => {
    const popup = { ...bundle("popup", 2000), files: ["popup.html", "a.js", "b.js"] };
    const within = compare([popup], { popup: 2500 }, { popup: 3 });
    expect(within[0]).toMatchObject({ status: "ok", files: 3, fileBudget: 3 });
    const over = compare([popup], { popup: 2500 }, { popup: 2 });
    expect(over[0]?.status).toBe("over");
    expect(exitCode(over)).toBe(1);
    expect(formatTable(over)).toMatch(/popup .* 3 of 2 +OVER/);
    // A page with no file budget is held to its bytes alone.
    expect(compare([popup], { popup: 2500 })[0]).toMatchObject({ status: "ok" });
    expect(compare([popup], { popup: 2500 })[0]?.fileBudget).toBeUndefined();
  });

  it("sets budgets 10% above a measurement, rounded up to a kilobyte", () => {
    expect(budgetsFrom(build)).toEqual({ background: 2000, popup: 3000, "content:cart": 1000 });
    expect(budgetsFrom([bundle("x", 90_000)])).toEqual({ x: 99_000 });
    expect(budgetsFrom([bundle("x", 90_001)])).toEqual({ x: 100_000 });
  });

  it("prints one row per bundle with its size, budget and verdict", () => {
    const table = formatTable(compare(build, { background: 999, popup: 2500, "content:cart": 501 }));
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^bundle\s+size\s+gzip\s+budget\s+used\s+files\s+status/);
    expect(lines.find((l) => l.startsWith("background"))).toMatch(/1\.00 kB .* 1\.00 kB\s+100%\s+OVER/);
    expect(lines.find((l) => l.startsWith("popup"))).toMatch(/2\.00 kB .* 2\.50 kB\s+80%\s+ok/);
  });
});

describe("what a bundle loads", () => {
  it("reads a page's module script, preloaded chunks and style sheets, not its icons", () => {
    const html = `<script type="module" crossorigin src="/chunks/popup-A.js"></script>
      <link rel="modulepreload" crossorigin href="/chunks/shared-B.js">
      <link rel="stylesheet" href="/assets/popup-C.css">
      <link rel="icon" href="/icon.png">
      <script src="https://example.invalid/x.js"></script>`;
    expect(pageAssets(html)).toEqual(["chunks/popup-A.js", "chunks/shared-B.js", "assets/popup-C.css"]);
  });

  it("reads the same from the popup's first script's tag once the build has moved them there", () => {
    const html = `<script type="module" crossorigin src="/chunks/popup-A.js"></script>
      <link rel="modulepreload" crossorigin href="/chunks/shared-B.js">
      <script src="/popup-early.js"></script>
      <link rel="stylesheet" href="/assets/popup-C.css">`;
    expect(pageAssets(deferPageAssets(html)).sort()).toEqual(
      ["popup-early.js", "chunks/popup-A.js", "chunks/shared-B.js", "assets/popup-C.css"].sort(),
    );
    expect(pageAssets(deferPageAssets(html))[0]).toBe("popup-early.js");
  });

  it("follows static and dynamic imports of relative chunks only", () => {
    const code = `import{a}from"./shared-B.js";import"./side-C.js";const m=import("../lazy-D.js");x.from"./no"`;
    expect(scriptImports(code)).toEqual(["./shared-B.js", "./side-C.js", "../lazy-D.js"]);
  });

  it("counts each file once, however many chunks import it", () => {
    const files: Record<string, string> = {
      "chunks/a.js": 'import"./b.js";import"./c.js"',
      "chunks/b.js": 'import"./c.js"',
      "chunks/c.js": 'import"./a.js"',
    };
    expect(closure(["chunks/a.js"], (p) => files[p] ?? "")).toEqual([
      "chunks/a.js",
      "chunks/b.js",
      "chunks/c.js",
    ]);
  });
});

describe("what a page loads to open", () => {
  // The popup's first script loads the popup at once (a dynamic import), which loads a tab when shown.
  const files: Record<string, string> = {
    "chunks/popup.js":
      'const __vite__mapDeps=["chunks/main.js","assets/main.css"];import"./tiny.js";import("./main.js")',
    "chunks/tiny.js": "",
    "chunks/main.js": 'import"./shared.js";const W=()=>import("./WalletTab.js")',
    "chunks/shared.js": "",
    "chunks/WalletTab.js": 'const __vite__mapDeps=["assets/wallet.css"];import"./shared.js"',
  };
  const read = (p: string) => files[p] ?? "";

  it("follows the entry's dynamic imports and every static one, but not a later chunk's dynamic imports", () => {
    expect(scriptImports(files["chunks/main.js"] ?? "", { dynamic: false })).toEqual(["./shared.js"]);
    expect(closure(["popup.html", "chunks/popup.js"], read, { opening: true })).toEqual([
      "popup.html",
      "chunks/popup.js",
      "chunks/tiny.js",
      "chunks/main.js",
      "chunks/shared.js",
      "assets/main.css",
    ]);
    expect(closure(["popup.html", "chunks/popup.js"], read)).toContain("chunks/WalletTab.js");
    expect(closure(["popup.html", "chunks/popup.js"], read)).toContain("assets/wallet.css");
  });
});

describe("a build on disk", () => {
  let dir: string;
  const put = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "size-budgets-"));
    put(
      "manifest.json",
      JSON.stringify({
        background: { service_worker: "background.js" },
        action: { default_popup: "popup.html" },
        options_ui: { page: "options.html" },
        content_scripts: [{ js: ["content-scripts/cart.js"], css: ["content-scripts/cart.css"] }],
      }),
    );
    put("background.js", "x".repeat(100));
    put("content-scripts/cart.js", "y".repeat(40));
    put("content-scripts/cart.css", "z".repeat(10));
    put("popup.html", '<script type="module" src="/chunks/popup.js"></script>');
    put("options.html", '<script type="module" src="/chunks/options.js"></script>');
    put("panel.html", '<script type="module" src="/chunks/panel.js"></script>');
    put("chunks/popup.js", 'import"./shared.js";');
    put("chunks/options.js", 'import"./shared.js";');
    put("chunks/panel.js", "p");
    put("chunks/shared.js", "s".repeat(1000));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names every bundle the manifest and the extension's pages declare, with the shared chunks they load", () => {
    const found = Object.fromEntries(findBundles(dir).map((b) => [b.name, b]));
    expect(Object.keys(found).sort()).toEqual(["background", "content:cart", "options", "panel", "popup"]);
    expect(found.background?.bytes).toBe(100);
    expect(found["content:cart"]?.files).toEqual(["content-scripts/cart.js", "content-scripts/cart.css"]);
    expect(found["content:cart"]?.bytes).toBe(50);
    const popupHtml = readFileSync(join(dir, "popup.html")).length;
    expect(found.popup?.files).toEqual(["popup.html", "chunks/popup.js", "chunks/shared.js"]);
    expect(found.popup?.bytes).toBe(popupHtml + 'import"./shared.js";'.length + 1000);
    expect(found.popup?.gzipBytes).toBeLessThan(found.popup?.bytes ?? 0);
  });

  it("fails the check when the shared chunk grows past a page's budget", () => {
    const budgets = budgetsFrom(findBundles(dir), 0);
    expect(exitCode(compare(findBundles(dir), budgets))).toBe(0);
    put("chunks/shared.js", "s".repeat(3000));
    const rows = compare(findBundles(dir), budgets);
    expect(rows.filter((r) => r.status === "over").map((r) => r.name)).toEqual(["popup", "options"]);
    expect(exitCode(rows)).toBe(1);
  });
});
