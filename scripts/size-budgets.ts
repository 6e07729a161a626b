/**
 * Size budgets per bundle of the production build. A bundle is what one part
 * of the extension loads: a content script, the background worker, or a page
 * (popup, options, panel, scan panel, offscreen) with every script, shared chunk and
 * style sheet it pulls in. Each total is held to budgets.json, so a
 * dependency or a careless import that bloats what the shopper's browser
 * parses on every cart page fails CI instead of shipping.
 *
 *   tsx scripts/size-budgets.ts            check .output/chrome-mv3 (build it first)
 *   tsx scripts/size-budgets.ts --write    set budgets.json from this build, +10%
 *   options: --dir <build dir>  --budgets <file>  --files (list each bundle's files)
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, normalize, posix } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { laterAssetsOf } from "../src/ui/popup/laterAssets";

export interface Bundle {
  name: string;
  /** Paths relative to the build directory, the entry first. */
  files: string[];
  bytes: number;
  gzipBytes: number;
}

export type BudgetStatus = "ok" | "over" | "no budget" | "not built";

export interface BudgetRow {
  name: string;
  bytes: number | undefined;
  gzipBytes: number | undefined;
  budget: number | undefined;
  /** How many files the bundle loads, and at most how many it may (where budgets.json says). */
  files?: number;
  fileBudget?: number;
  status: BudgetStatus;
}

export interface BudgetsFile {
  /** How budgets.json was made, for the next person who has to raise one. */
  note?: string;
  /** Bytes (uncompressed, as the browser parses them) per bundle. */
  bundles: Record<string, number>;
  /**
   * Files per bundle, for the pages where their number is the cost: each file an extension
   * page fetches took 3 to 5 ms of its main thread in a Chromium trace (the request, then the
   * response), whatever its size.
   */
  files?: Record<string, number>;
}

interface Manifest {
  background?: { service_worker?: string; scripts?: string[]; page?: string };
  action?: { default_popup?: string };
  browser_action?: { default_popup?: string };
  options_ui?: { page?: string };
  content_scripts?: { js?: string[]; css?: string[] }[];
}

const stripSlash = (p: string) => p.replace(/^\/+/, "");

/**
 * Scripts, preloaded chunks and style sheets an HTML page names, in order; with those the
 * popup's first script loads for it, named on its tag (src/ui/popup/laterAssets.ts).
 */
export function pageAssets(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const tag = m[0];
    const src = /\b(?:src|href)="([^"]+)"/i.exec(tag)?.[1];
    if (src === undefined || /^[a-z]+:/i.test(src)) continue;
    if (m[1]?.toLowerCase() === "link" && !/rel="(?:modulepreload|stylesheet)"/i.test(tag)) continue;
    found.push(stripSlash(src));
    const later = laterAssetsOf(tag);
    found.push(...[...later.modules, ...later.preloads, ...later.styles].map(stripSlash));
  }
  return found;
}

/**
 * Relative modules a built script imports ("./money-x.js"): statically or dynamically, or
 * with `{ dynamic: false }` only the static ones (`import x from`, `import "./x.js"`).
 */
export function scriptImports(code: string, { dynamic = true }: { dynamic?: boolean } = {}): string[] {
  const pattern = dynamic
    ? /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g
    : /(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g;
  return [...code.matchAll(pattern)].map((m) => m[1] ?? "");
}

/**
 * A bundle's files: the entry, then everything it loads, each once. With `opening`,
 * only what the page loads to open: static imports everywhere, dynamic ones only from
 * the page's own entry scripts (the popup's first script loads the popup that way), so
 * code a page loads later (a tab when first shown) is left out.
 */
export function closure(
  entries: string[],
  read: (path: string) => string,
  { opening = false }: { opening?: boolean } = {},
): string[] {
  const seen: string[] = [];
  const visit = (path: string) => {
    if (seen.includes(path)) return;
    seen.push(path);
    if (!path.endsWith(".js")) return;
    const code = read(path);
    const dynamic = !opening || entries.includes(path);
    for (const spec of scriptImports(code, { dynamic }))
      visit(posix.normalize(posix.join(posix.dirname(path), spec)));
    // Style sheets Vite loads with a dynamic import are named in its dependency map, from the build's root.
    if (dynamic) for (const m of code.matchAll(/["'](assets\/[^"']+\.css)["']/g)) visit(m[1] ?? "");
  };
  for (const entry of entries) visit(entry);
  return seen;
}

/** Every bundle the manifest declares, named after what it is rather than its hashed file names. */
export function findBundles(dir: string): Bundle[] {
  const read = (path: string) => readFileSync(join(dir, path), "utf8");
  const manifest = JSON.parse(read("manifest.json")) as Manifest;
  const entries: { name: string; files: string[]; opening?: boolean }[] = [];

  const worker = manifest.background?.service_worker;
  const scripts = manifest.background?.scripts;
  if (worker !== undefined) entries.push({ name: "background", files: [worker] });
  else if (scripts !== undefined) entries.push({ name: "background", files: scripts });

  for (const cs of manifest.content_scripts ?? [])
    for (const js of cs.js ?? []) {
      const base = posix.basename(js).replace(/\.js$/, "");
      entries.push({ name: `content:${base}`, files: [js, ...(cs.css ?? [])] });
    }

  const pages = new Set<string>();
  const popup = manifest.action?.default_popup ?? manifest.browser_action?.default_popup;
  for (const page of [popup, manifest.options_ui?.page]) if (page !== undefined) pages.add(page);
  // Pages no manifest field names but the extension opens: the in-page panels (cart and scan), the
  // clipboard document and the popup as the expiry reminder opens it.
  for (const page of ["panel.html", "scan.html", "offscreen.html", "wallet.html"])
    if (existsSync(join(dir, page))) pages.add(page);
  const normal = (files: string[]) => files.map((f) => normalize(stripSlash(f)).split("\\").join("/"));
  for (const page of pages) {
    const name = page.replace(/\.html$/, "");
    const files = [page, ...pageAssets(read(page))];
    entries.push({ name, files });
    // What the page loads before it can be used, when it loads more later: "popup:open".
    if (closure(normal(files), read, { opening: true }).length < closure(normal(files), read).length)
      entries.push({ name: `${name}:open`, files, opening: true });
  }

  return entries.map(({ name, files, opening }) => {
    const all = closure(normal(files), read, { opening });
    let bytes = 0;
    let gzipBytes = 0;
    for (const file of all) {
      const content = readFileSync(join(dir, file));
      bytes += statSync(join(dir, file)).size;
      gzipBytes += gzipSync(content, { level: 9 }).length;
    }
    return { name, files: all, bytes, gzipBytes };
  });
}

/** Each bundle against its budget; a budget for a bundle the build lacks is reported too (stale or renamed). */
export function compare(
  bundles: readonly Bundle[],
  budgets: Record<string, number>,
  fileBudgets: Record<string, number> = {},
): BudgetRow[] {
  const rows: BudgetRow[] = bundles.map((b) => {
    const budget = budgets[b.name];
    const fileBudget = fileBudgets[b.name];
    const over =
      (budget !== undefined && b.bytes > budget) || (fileBudget !== undefined && b.files.length > fileBudget);
    const status: BudgetStatus = budget === undefined ? "no budget" : over ? "over" : "ok";
    return {
      name: b.name,
      bytes: b.bytes,
      gzipBytes: b.gzipBytes,
      budget,
      ...(fileBudget === undefined ? {} : { files: b.files.length, fileBudget }),
      status,
    };
  });
  for (const [name, budget] of Object.entries(budgets))
    if (!bundles.some((b) => b.name === name))
      rows.push({ name, bytes: undefined, gzipBytes: undefined, budget, status: "not built" });
  return rows;
}

/** Nonzero when any bundle is over, unbudgeted or missing: each needs a person's decision. */
export const exitCode = (rows: readonly BudgetRow[]): number =>
  rows.every((r) => r.status === "ok") ? 0 : 1;

/** Budgets from a measurement: each size plus `marginPercent`, rounded up to a whole kilobyte. */
export function budgetsFrom(bundles: readonly Bundle[], marginPercent = 10): Record<string, number> {
  // Integer arithmetic: 90 000 bytes * 1.1 in floating point is a hair above 99 000, which would round up a kB.
  return Object.fromEntries(
    bundles.map((b) => [b.name, Math.ceil((b.bytes * (100 + marginPercent)) / 100_000) * 1000]),
  );
}

const kb = (n: number | undefined) => (n === undefined ? "-" : `${(n / 1000).toFixed(2)} kB`);

export function formatTable(rows: readonly BudgetRow[]): string {
  const header = ["bundle", "size", "gzip", "budget", "used", "files", "status"];
  const body = rows.map((r) => [
    r.name,
    kb(r.bytes),
    kb(r.gzipBytes),
    kb(r.budget),
    r.bytes !== undefined && r.budget !== undefined ? `${Math.round((r.bytes / r.budget) * 100)}%` : "-",
    r.fileBudget === undefined ? "" : `${r.files} of ${r.fileBudget}`,
    r.status === "ok" ? "ok" : r.status.toUpperCase(),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

function main(argv: string[]): number {
  const option = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : fallback;
  };
  const dir = option("--dir", ".output/chrome-mv3");
  const budgetsPath = option("--budgets", "budgets.json");
  if (!existsSync(join(dir, "manifest.json"))) {
    console.error(`No build in ${dir}: run \`npx wxt build\` first.`);
    return 2;
  }
  const bundles = findBundles(dir);
  if (argv.includes("--write")) {
    // The file counts are set by hand (each is a floor someone reached): kept as they are.
    const kept = existsSync(budgetsPath)
      ? (JSON.parse(readFileSync(budgetsPath, "utf8")) as BudgetsFile).files
      : undefined;
    const file: BudgetsFile = {
      note: "Bytes per bundle of `wxt build` (chrome-mv3): the first measurement plus 10%, rounded up to a kB. Raise one only with a reason in the commit.",
      bundles: budgetsFrom(bundles),
      ...(kept === undefined ? {} : { files: kept }),
    };
    writeFileSync(budgetsPath, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`Wrote ${budgetsPath} from ${dir}.`);
  }
  const written = JSON.parse(readFileSync(budgetsPath, "utf8")) as BudgetsFile;
  const rows = compare(bundles, written.bundles, written.files);
  console.log(formatTable(rows));
  if (argv.includes("--files")) for (const b of bundles) console.log(`\n${b.name}: ${b.files.join(", ")}`);
  const code = exitCode(rows);
  if (code !== 0)
    console.error(
      "\nSize budget check failed: shrink the bundle, or raise its budget in budgets.json with the reason in the commit.",
    );
  return code;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exit(main(process.argv.slice(2)));
