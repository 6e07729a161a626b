/**
 * Conventions the layout depends on, checked rather than hoped for: the optimizer is
 * a pure engine that runs the same in Node, the service worker and pages.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const importsOf = (file: string) =>
  [
    ...readFileSync(join(root, file), "utf8").matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']/g),
  ].map((m) => m[1] as string);

describe("optimizer/ is a pure engine", () => {
  const engine = files("optimizer");

  it("imports nothing from the browser, the DOM, storage, UI or extension code", () => {
    const allowed = (spec: string, file: string) =>
      // Zod Mini and its English messages (optimizer/zod.ts).
      spec === "zod/mini" ||
      spec === "zod/v4/locales/en.js" ||
      (spec.startsWith(".") && !relative("optimizer", join(file, "..", spec)).startsWith("..")) ||
      (file === "optimizer/cli.ts" && spec.startsWith("node:"));
    const bad = engine.flatMap((f) =>
      importsOf(f)
        .filter((s) => !allowed(s, f))
        .map((s) => `${f}: ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it("touches no browser globals", () => {
    const globals = /\b(browser|chrome|window|document|indexedDB|localStorage|fetch|XMLHttpRequest)\s*[.(]/;
    const bad = engine.filter((f) =>
      globals.test(readFileSync(join(root, f), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")),
    );
    expect(bad).toEqual([]);
  });
});

describe("Zod", () => {
  it("is Mini everywhere the extension bundles, through optimizer/zod.ts", () => {
    // One import of the classic API puts all of it (about 60 kB more) back into its bundle,
    // and a direct zod/mini import would parse with "Invalid input" for every message.
    const bad = [...files("src"), ...files("optimizer"), ...files("entrypoints")].flatMap((f) =>
      importsOf(f)
        .filter((s) => /^zod(\/|$)/.test(s) && f !== join("optimizer", "zod.ts"))
        .map((s) => `${f}: ${s}`),
    );
    expect(bad).toEqual([]);
  });
});
