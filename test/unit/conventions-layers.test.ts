/**
 * Which folder may import which, in one table: a new arrow between folders
 * fails here until the table says why it is allowed. Pure code (the optimizer,
 * src/core, the domain folders) imports no browser, storage or UI code;
 * the runtime contexts (background, content script, UI) sit on top.
 * Arrows marked "debt" exist today and are to go (issue 11's redesign);
 * the table keeps them from spreading meanwhile. A new folder gets a row.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

/** Areas by path, most specific first. */
const AREAS: readonly (readonly [area: string, prefix: string])[] = [
  ["optimizer", "optimizer/"],
  ["core", "src/core/"],
  ["message", "src/core/message.ts"],
  ["catalogue", "public/_locales/"],
  ["ports", "src/messaging/ports.ts"],
  ["page", "src/checkout/page/"],
  ["checkout", "src/checkout/"],
  ["adapters", "src/adapters/"],
  ["referral", "src/referral/"],
  ["wallet", "src/wallet/"],
  ["storage", "src/storage/"],
  ["scan", "src/scan/"],
  ["messaging", "src/messaging/"],
  ["background", "src/background/"],
  ["actions", "src/ui/actions/"],
  ["ui", "src/ui/"],
  ["permissions", "src/manifest/permissions.ts"],
  ["icons", "src/manifest/icons.ts"],
  ["entrypoints", "entrypoints/"],
];

type Area = (typeof AREAS)[number][0];

/** Pure areas: no browser API, no database, no UI library. */
const PURE: readonly Area[] = [
  "optimizer",
  "core",
  "message",
  "adapters",
  "referral",
  "wallet",
  "permissions",
  "icons",
];
const BROWSER_PACKAGES = /^(wxt|@wxt-dev|dexie|preact|@preact)(\/|$)/;

/** Each area's allowed imports of other areas, with the reason. */
const ALLOWED: Record<Area, Partial<Record<Area, string>>> = {
  optimizer: {},
  core: { optimizer: "the engine's bounds (MAX_CENTS); the engine is pure too" },
  message: {
    catalogue: "catalogue keys (their texts dropped in the build)",
    optimizer: "the one door to Zod",
  },
  catalogue: {},
  ports: {},
  permissions: {},
  icons: {},
  adapters: { optimizer: "the cart's schema", core: "money", message: "sentences for people" },
  referral: { optimizer: "coupon shape", message: "sentences for people" },
  wallet: {
    optimizer: "coupon shape",
    core: "money",
    message: "sentences for people",
    referral: "calendar",
    storage: "debt: the captured-coupon keys live beside the batch writes",
  },
  scan: {
    optimizer: "coupon shapes",
    core: "money",
    adapters: "the shop's hosts",
    messaging: "the scan panel's messages",
    page: "debt: the panel frame and request ids are shared with the cart's content script",
    checkout: "debt: the scan sessions reuse the checkout's session plumbing",
    message: "refusals in words",
  },
  storage: {
    optimizer: "stored shapes",
    message: "errors in words",
    referral: "the tracker's records",
    wallet: "coupon rules",
  },
  messaging: {
    optimizer: "result shapes",
    adapters: "page-state schema",
    ports: "port names",
    checkout: "debt: preference schema; a cycle with src/checkout to break",
    storage: "debt: the captured-coupon draft schema lives beside the batch writes",
    scan: "debt: capture limits and port names; a cycle with src/scan to break",
    message: "the Message schema every sentence for people crosses with",
  },
  page: { adapters: "capture and page-state copy", ports: "port names" },
  checkout: {
    optimizer: "the engine",
    adapters: "reading carts",
    messaging: "debt: message schemas; a cycle with src/messaging to break",
    storage: "the wallet feed",
    wallet: "store coupons known by name are given to the cart's stores",
    message: "statuses and refusals in words",
  },
  background: {
    optimizer: "order shapes",
    checkout: "the checkout half's sessions",
    messaging: "the bus",
    referral: "links and tracker",
    storage: "the database",
    wallet: "coupon rules",
    scan: "the scan panels' sessions",
    message: "refusals in words",
    ui: "debt: i18n, clipboard, preferences, format are browser services, not UI",
  },
  actions: { messaging: "change reasons", storage: "the writes they announce", ui: "hooks and preferences" },
  ui: {
    optimizer: "result shapes",
    core: "money",
    message: "sentences",
    adapters: "types",
    checkout: "debt: panel preferences",
    messaging: "the bus and walletChanged",
    referral: "domain rules",
    storage: "reads (writes go through actions)",
    wallet: "forms",
    actions: "writes that announce",
    scan: "debt: the scan settings are a browser service",
  },
  entrypoints: {
    adapters: "adapters to serve",
    background: "starts it",
    page: "serves the page",
    messaging: "the bus",
    ui: "mounts it",
    scan: "serves the scan pages",
  },
};

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const areaOf = (path: string): Area | undefined =>
  AREAS.find(([, prefix]) => path.split(sep).join("/").startsWith(prefix))?.[0];

const importsOf = (file: string) =>
  [
    ...readFileSync(join(root, file), "utf8").matchAll(/(?:import|export)[^"';]*?from\s+["']([^"']+)["']/g),
    ...readFileSync(join(root, file), "utf8").matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1] as string);

/** The area a relative import points at, from `file`. */
function targetArea(file: string, spec: string): Area | undefined {
  const target = relative(root, join(root, file, "..", spec));
  return /\.[a-z]+$/.test(target) ? areaOf(target) : (areaOf(`${target}.ts`) ?? areaOf(`${target}/`));
}

/** `from -> to` for every import of a file that leaves its area. */
const arrowsOf = (file: string) => {
  const from = areaOf(file) as Area;
  return importsOf(file)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => ({ spec, from, to: targetArea(file, spec) }))
    .filter((a): a is { spec: string; from: Area; to: Area } => a.to !== undefined && a.to !== from);
};

const sources = ["optimizer", "src", "entrypoints"].flatMap(files);

describe("imports between folders follow the table", () => {
  it("every source file belongs to an area", () => {
    expect(sources.filter((f) => areaOf(f) === undefined)).toEqual([]);
  });

  it("no import crosses into an area its table row does not allow", () => {
    const bad = sources.flatMap((file) =>
      arrowsOf(file)
        .filter(({ from, to }) => ALLOWED[from]?.[to] === undefined)
        .map(({ spec, from, to }) => `${file} -> ${spec} (${from} -> ${to})`),
    );
    expect(bad).toEqual([]);
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
