/**
 * Which folder may import which, in one table: a new arrow between folders
 * fails here until the table says why it is allowed, and the table itself must
 * stay free of cycles. Code is filed by where it runs and what it knows: pure
 * code (the optimizer, src/core, the message schemas, the domain folders)
 * imports no browser, storage or UI code; src/services wraps the browser for
 * every context; the runtime contexts (background, content scripts, UI pages)
 * sit on top and never import each other. Each folder's README.md says the same
 * in words. A new folder gets a row.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

/** Areas by path, most specific first. */
const AREAS: readonly (readonly [area: string, prefix: string])[] = [
  ["optimizer", "optimizer/"],
  ["core", "src/core/"],
  ["catalogue", "public/_locales/"],
  ["manifest", "src/manifest/"],
  ["ports", "src/messaging/ports.ts"],
  ["messaging", "src/messaging/"],
  ["adapters", "src/adapters/"],
  ["referral", "src/referral/"],
  ["wallet", "src/wallet/"],
  ["storage", "src/storage/"],
  ["services", "src/services/"],
  ["content", "src/content/"],
  ["background", "src/background/"],
  ["ui", "src/ui/"],
  ["entrypoints", "entrypoints/"],
];

type Area = (typeof AREAS)[number][0];

/** Pure areas: no browser API, no database, no UI library. */
const PURE: readonly Area[] = [
  "optimizer",
  "core",
  "manifest",
  "ports",
  "messaging",
  "adapters",
  "referral",
  "wallet",
];
const BROWSER_PACKAGES = /^(wxt|@wxt-dev|dexie|preact|@preact)(\/|$)/;

/** Each area's allowed imports of other areas, with the reason. */
const ALLOWED: Record<Area, Partial<Record<Area, string>>> = {
  optimizer: {},
  core: {
    optimizer: "the engine's bounds (MAX_CENTS) and Zod; the engine is pure too",
    catalogue: "catalogue keys, as a type only",
  },
  catalogue: {},
  manifest: {},
  ports: {},
  adapters: { optimizer: "the cart's schema", core: "money and sentences for people" },
  referral: { optimizer: "coupon shape", core: "calendar and sentences for people" },
  wallet: { optimizer: "coupon shape", core: "money, calendar and sentences for people" },
  messaging: {
    optimizer: "result shapes",
    core: "sentences for people",
    ports: "port names and capture limits, re-exported with the schemas",
    adapters: "page-state schema and the scanned kinds of page",
    wallet: "the captured-coupon draft",
  },
  storage: {
    optimizer: "stored shapes",
    core: "calendar and errors in words",
    referral: "the tracker's records",
    wallet: "coupon rules and captured-coupon keys",
  },
  services: {
    optimizer: "Zod",
    core: "money, calendar and the catalogue's messages",
    messaging: "the bus's table and the stored settings' shapes",
    adapters: "the scan switches' key",
    referral: "the default program and the tracker's months",
    wallet: "coupon faces",
  },
  content: {
    adapters: "capture and page-state copy, the shop's pages",
    ports: "port names and capture limits (no Zod in a content script)",
  },
  background: {
    optimizer: "the engine and order shapes",
    core: "calendar and money",
    adapters: "reading carts",
    messaging: "message schemas",
    referral: "links and tracker",
    storage: "the database",
    wallet: "coupon rules",
    services: "the bus, settings, i18n, clipboard, formats",
  },
  ui: {
    optimizer: "result shapes",
    core: "money, calendar and sentences",
    adapters: "types",
    messaging: "message schemas",
    referral: "domain rules",
    storage: "reads (writes go through src/ui/actions)",
    wallet: "forms",
    services: "the bus, settings, i18n, clipboard, formats",
  },
  entrypoints: {
    adapters: "the shop's hosts, for the content scripts' matches",
    background: "starts it",
    content: "serves the page",
    services: "i18n and clipboard set up before mounting",
    ui: "mounts it",
  },
};

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const areaOf = (path: string): Area | undefined =>
  AREAS.find(([, prefix]) => path.split(sep).join("/").startsWith(prefix))?.[0];

const importsOf = (file: string, text = readFileSync(join(root, file), "utf8")) =>
  [
    ...text.matchAll(/(?:import|export)[^"';]*?from\s+["']([^"']+)["']/g),
    ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1] as string);

/** The area a relative import points at, from `file`. */
function targetArea(file: string, spec: string): Area | undefined {
  const target = relative(root, join(root, file, "..", spec));
  return /\.[a-z]+$/.test(target) ? areaOf(target) : (areaOf(`${target}.ts`) ?? areaOf(`${target}/`));
}

/** `from -> to` for every import of a file that leaves its area. */
const arrowsOf = (file: string, text?: string) => {
  const from = areaOf(file) as Area;
  return importsOf(file, text)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => ({ spec, from, to: targetArea(file, spec) }))
    .filter((a): a is { spec: string; from: Area; to: Area } => a.to !== undefined && a.to !== from);
};

const sources = ["optimizer", "src", "entrypoints"].flatMap(files);

/** The imports of `file` (its text on disk unless given) that its area's row does not allow. */
const forbidden = (file: string, text?: string) =>
  arrowsOf(file, text)
    .filter(({ from, to }) => ALLOWED[from]?.[to] === undefined)
    .map(({ spec, from, to }) => `${file} -> ${spec} (${from} -> ${to})`);

describe("imports between folders follow the table", () => {
  it("every source file belongs to an area", () => {
    expect(sources.filter((f) => areaOf(f) === undefined)).toEqual([]);
  });

  it("no import crosses into an area its table row does not allow", () => {
    expect(sources.flatMap((file) => forbidden(file))).toEqual([]);
  });

  it("a new arrow is caught: a pure file importing a service, a content script importing the schemas", () => {
    expect(forbidden("src/core/example.ts", 'import { t } from "../services/i18n";')).toEqual([
      "src/core/example.ts -> ../services/i18n (core -> services)",
    ]);
    expect(forbidden("src/content/example.ts", 'const m = await import("../messaging/checkout");')).toEqual([
      "src/content/example.ts -> ../messaging/checkout (content -> messaging)",
    ]);
    expect(forbidden("src/content/example.ts", 'import { CART_PORT } from "../messaging/ports";')).toEqual(
      [],
    );
  });

  it("every allowed arrow has its reason, and the table has no cycle", () => {
    for (const [from, row] of Object.entries(ALLOWED)) {
      for (const [to, reason] of Object.entries(row)) {
        expect(reason, `${from} -> ${to}`).toMatch(/\w{3}/);
        expect(reason, `${from} -> ${to}`).not.toMatch(/\bdebt\b/i);
      }
    }
    const state = new Map<string, "visiting" | "done">();
    const cycles: string[] = [];
    const visit = (area: string, path: string[]) => {
      if (state.get(area) === "done") return;
      if (state.get(area) === "visiting") {
        cycles.push([...path.slice(path.indexOf(area)), area].join(" -> "));
        return;
      }
      state.set(area, "visiting");
      for (const to of Object.keys(ALLOWED[area as Area] ?? {})) visit(to, [...path, area]);
      state.set(area, "done");
    };
    for (const area of Object.keys(ALLOWED)) visit(area, []);
    expect(cycles).toEqual([]);
  });

  it("pure areas use no browser API, database or UI library", () => {
    const bad = sources
      .filter((f) => PURE.includes(areaOf(f) as Area))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => BROWSER_PACKAGES.test(s))
          .map((s) => `${f}: ${s}`),
      );
    expect(bad).toEqual([]);
  });

  it("src/core touches no browser globals", () => {
    const globals = /\b(browser|chrome|window|document|indexedDB|localStorage|fetch|XMLHttpRequest)\s*[.(]/;
    const bad = files("src/core").filter((f) =>
      globals.test(readFileSync(join(root, f), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")),
    );
    expect(bad).toEqual([]);
  });
});
