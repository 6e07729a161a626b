/**
 * Every marketplace adapter comes with pages of the demo shop (drawn at test
 * time or stored, declared in test/fixtures/pages/saved.ts) and its own tests, and is
 * listed where the content scripts look for adapters. A site added without
 * them would read real carts nobody has checked; one left out of the list
 * would silently never run. The checks are plain functions, so the last
 * block can show them catching a fake adapter.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { adapters } from "../../src/adapters";
import type { SiteAdapter } from "../../src/adapters/types";
import { message } from "../../src/core/message";
import {
  CART_PAGES,
  PAGES_BY_ADAPTER,
  SCAN_PAGES,
  SCAN_WORLDS_DIR,
  savedPage,
  scanPageHtml,
} from "../fixtures/pages/saved";

const ROOT = join(import.meta.dirname, "..", "..");
const ADAPTERS_DIR = join(ROOT, "src", "adapters");
const UNIT_DIR = join(ROOT, "test", "unit");

interface Layout {
  /** Names of the pages the adapter's tests read (saved.ts PAGES_BY_ADAPTER). */
  pages(id: string): readonly string[];
  /** test/unit file names. */
  unitTests(): string[];
  readUnitTest(name: string): string;
}

const disk: Layout = {
  pages: (id) => PAGES_BY_ADAPTER[id] ?? [],
  unitTests: () => readdirSync(UNIT_DIR),
  readUnitTest: (name) => readFileSync(join(UNIT_DIR, name), "utf8"),
};

/** What the documented interface (src/adapters/types.ts, SiteAdapter) asks of an adapter. */
function interfaceProblems(value: unknown, where: string): string[] {
  const a = value as Partial<SiteAdapter> | null;
  if (a === null || typeof a !== "object") return [`${where}: not an object`];
  const found: string[] = [];
  if (typeof a.id !== "string" || !/^[a-z0-9-]+$/.test(a.id))
    found.push(`${where}: id must be a lower-case slug`);
  if (typeof a.name !== "string" || a.name.trim() === "") found.push(`${where}: name missing`);
  if (typeof a.matches !== "function") found.push(`${where}: matches missing`);
  if (typeof a.readCart !== "function") found.push(`${where}: readCart missing`);
  if (found.length > 0) return found;
  const adapter = a as SiteAdapter;
  if (adapter.matches("https://example.invalid/") !== false)
    found.push(`${where}: matches takes a page of no marketplace`);
  // "Never throws": a read of nothing must be an answer, not an exception.
  let read: unknown;
  try {
    read = adapter.readCart({ url: "https://example.invalid/" });
  } catch (error) {
    found.push(`${where}: readCart threw on an empty page (${String(error)})`);
  }
  if (read !== undefined && typeof (read as { ok?: unknown }).ok !== "boolean")
    found.push(`${where}: readCart did not return a CartRead`);
  return found;
}

/** Pages and unit tests for one adapter id. */
function companionProblems(id: string, layout: Layout): string[] {
  const found: string[] = [];
  if (layout.pages(id).length === 0)
    found.push(`${id}: no pages in test/fixtures/pages/saved.ts PAGES_BY_ADAPTER`);
  const tests = layout.unitTests().filter((f) => f.startsWith(`adapter-${id}`) && /\.test\.tsx?$/.test(f));
  if (tests.length === 0) found.push(`${id}: no test/unit/adapter-${id}*.test.ts`);
  else if (!tests.some((f) => layout.readUnitTest(f).includes(id)))
    found.push(`${id}: its unit tests never name it`);
  else if (!tests.some((f) => /fixtures.{1,6}pages/.test(layout.readUnitTest(f))))
    found.push(`${id}: its unit tests never read the saved pages`);
  return found;
}

/** Adapters some module defines (by shape) that the list does not hold. */
function unlisted(defined: { where: string; value: unknown }[], listed: readonly unknown[]): string[] {
  return defined.filter(({ value }) => !listed.includes(value)).map(({ where }) => `${where}: not listed`);
}

const looksLikeAdapter = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  "readCart" in value &&
  typeof (value as { readCart: unknown }).readCart === "function";

/** Every exported value of src/adapters that has a readCart, and every source that declares a SiteAdapter. */
async function definedAdapters(): Promise<{ where: string; value: unknown }[]> {
  const found: { where: string; value: unknown }[] = [];
  for (const file of readdirSync(ADAPTERS_DIR).filter((f) => /\.tsx?$/.test(f) && f !== "index.ts")) {
    const module = (await import(join(ADAPTERS_DIR, file))) as Record<string, unknown>;
    const source = readFileSync(join(ADAPTERS_DIR, file), "utf8");
    for (const [name, value] of Object.entries(module))
      if (looksLikeAdapter(value)) found.push({ where: `${basename(file)} ${name}`, value });
    for (const m of source.matchAll(/export\s+const\s+(\w+)\s*:\s*SiteAdapter\b/g)) {
      const name = m[1] ?? "";
      if (!found.some((f) => f.value === module[name]))
        found.push({ where: `${basename(file)} ${name}`, value: module[name] });
    }
  }
  return found;
}

describe("every adapter", () => {
  it("is listed at least once, with distinct ids", () => {
    expect(adapters.length).toBeGreaterThan(0);
    const ids = adapters.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(adapters.map((a) => [a.id, a] as const))("%s implements the documented interface", (id, a) => {
    expect(interfaceProblems(a, id)).toEqual([]);
  });

  it.each(adapters.map((a) => a.id))("%s has pages and unit tests that read them", (id) => {
    expect(companionProblems(id, disk)).toEqual([]);
  });

  // A declared page must be one this run has: drawn by the shop, derived from
  // a drawn one, or (a scan page's world) stored.
  it.each(CART_PAGES.map((p) => p.name))("cart page %s is drawn for this run", (name) => {
    const page = savedPage(name);
    expect(page.html).toMatch(/^<!doctype html>\n<html/);
    // The first HTML has no page state yet: the snapshot says so rather than missing.
    expect(typeof page.state.ok).toBe("boolean");
  });
  it.each(SCAN_PAGES.map((p) => p.name))("scan page %s is drawn or stored", (name) => {
    const page = SCAN_PAGES.find((p) => p.name === name);
    if (page?.dom !== "none") expect(scanPageHtml(name)).toMatch(/^<!doctype html>\n<html/);
    expect(existsSync(join(SCAN_WORLDS_DIR, `${name}.world.json`))).toBe(true);
  });

  it("defined in src/adapters is in the list src/adapters/index.ts exports", async () => {
    const defined = await definedAdapters();
    expect(defined.length).toBeGreaterThanOrEqual(adapters.length);
    expect(unlisted(defined, adapters)).toEqual([]);
  });
});

describe("the convention catches", () => {
  const fake: SiteAdapter = {
    id: "fakemart",
    name: "FakeMart",
    matches: (url) => url.startsWith("https://fakemart.example/"),
    readCart: () => ({ ok: false, status: "loading", reason: message("adapter_stillLoading"), notes: [] }),
  };
  const nothingOnDisk: Layout = { pages: () => [], unitTests: () => [], readUnitTest: () => "" };

  it("an adapter defined but not listed", () => {
    expect(unlisted([{ where: "fakemart.ts fakemart", value: fake }], adapters)).toEqual([
      "fakemart.ts fakemart: not listed",
    ]);
  });

  it("an adapter without saved pages or tests", () => {
    expect(companionProblems("fakemart", nothingOnDisk)).toEqual([
      "fakemart: no pages in test/fixtures/pages/saved.ts PAGES_BY_ADAPTER",
      "fakemart: no test/unit/adapter-fakemart*.test.ts",
    ]);
    const testWithoutPages: Layout = {
      pages: () => ["cart"],
      unitTests: () => ["adapter-fakemart.test.ts"],
      readUnitTest: () => 'import { fakemart } from "../../src/adapters/fakemart";',
    };
    expect(companionProblems("fakemart", testWithoutPages)).toEqual([
      "fakemart: its unit tests never read the saved pages",
    ]);
  });

  it("an adapter short of the interface, or one that throws", () => {
    expect(interfaceProblems({ id: "FakeMart", name: "" }, "fake")).toEqual([
      "fake: id must be a lower-case slug",
      "fake: name missing",
      "fake: matches missing",
      "fake: readCart missing",
    ]);
    const throwing = {
      ...fake,
      readCart: () => {
        throw new Error("boom");
      },
    };
    expect(interfaceProblems(throwing, "fake")).toEqual([
      "fake: readCart threw on an empty page (Error: boom)",
    ]);
    expect(interfaceProblems({ ...fake, matches: () => true }, "fake")).toEqual([
      "fake: matches takes a page of no marketplace",
    ]);
  });
});
