/**
 * `npm run bench`: the optimizer's speed on the workloads of issue #2, as medians and
 * p95 over repeated in-process runs, plus the exhaustive oracle's time where it is
 * feasible and the process's peak memory.
 *
 * The optimizer is bundled with esbuild first, as the extension ships it; running it
 * through tsx would time tsx's per-closure helpers too.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { Result } from "../optimizer/schema";
import { oracleOptimum } from "../test/oracle/oracle";
import { generate, SHAPES } from "./carts";

type Optimize = (input: unknown) => Result;

const root = new URL("..", import.meta.url).pathname;
const examples = join(root, "..", "shared", "examples", "optimizer");

async function loadOptimizer(): Promise<Optimize> {
  const out = await build({
    entryPoints: [join(root, "optimizer", "index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
  });
  const dir = mkdtempSync(join(tmpdir(), "stackwise-bench-"));
  const file = join(dir, "optimizer.mjs");
  writeFileSync(file, out.outputFiles[0]?.text ?? "");
  const mod = (await import(pathToFileURL(file).href)) as { optimize: Optimize };
  rmSync(dir, { recursive: true });
  return mod.optimize;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** Runs each input `warm` times untimed, then `runs` times timed; returns all timings. */
function time(
  optimize: Optimize,
  inputs: unknown[],
  runs: number,
  warm = 3,
): { times: number[]; results: Result[] } {
  const times: number[] = [];
  const results: Result[] = [];
  for (const input of inputs) {
    for (let i = 0; i < warm; i++) optimize(input);
    let last: Result | undefined;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      last = optimize(input);
      times.push(performance.now() - t);
    }
    results.push(last as Result);
  }
  return { times: times.sort((a, b) => a - b), results };
}

function row(name: string, cells: string[]): string {
  return `| ${name} | ${cells.join(" | ")} |`;
}

async function main() {
  const optimize = await loadOptimizer();
  const lines: string[] = [
    "| workload | carts x runs | median | p95 | notes |",
    "| --- | --- | --- | --- | --- |",
  ];

  // 1. Large one-order carts.
  const large = Array.from({ length: 40 }, (_, s) => generate(SHAPES.large, s + 1));
  const shared = readdirSync(examples)
    .filter((f) => f.startsWith("large-") && f.endsWith(".input.json"))
    .map((f) => JSON.parse(readFileSync(join(examples, f), "utf8")));
  const l = time(optimize, [...large, ...shared], 20);
  lines.push(
    row("large: 60-80 items, 10-20 stores, 40-80 coupons, 1 order", [
      `${large.length + shared.length} x 20`,
      ms(quantile(l.times, 0.5)),
      ms(quantile(l.times, 0.95)),
      `all optimal: ${l.results.every((r) => r.optimal)}; target median < 2 ms, p95 < 5 ms`,
    ]),
  );

  // 2. Split carts of 8 items, up to 3 orders, proven optimal.
  const split8 = Array.from({ length: 40 }, (_, s) => generate(SHAPES.split8, s + 1));
  const s8 = time(optimize, split8, 10);
  const splitCount = s8.results.filter((r) => r.orders.length > 1).length;
  lines.push(
    row("split: 8 items, maxOrders 3", [
      `${split8.length} x 10`,
      ms(quantile(s8.times, 0.5)),
      ms(quantile(s8.times, 0.95)),
      `all proven optimal: ${s8.results.every((r) => r.optimal)}; ${splitCount} of ${split8.length} split; target median < 20 ms`,
    ]),
  );

  const peakOptimizer = process.resourceUsage().maxRSS / 1024;

  // 3. The exhaustive oracle, where feasible: the shared small examples.
  const small = readdirSync(examples)
    .filter((f) => /^(single|split|worked)/.test(f) && f.endsWith(".input.json"))
    .map((f) => JSON.parse(readFileSync(join(examples, f), "utf8")));
  const o = time(optimize, small, 20);
  const oracleTimes: number[] = [];
  for (const input of small) {
    const t = performance.now();
    oracleOptimum(input);
    oracleTimes.push(performance.now() - t);
  }
  oracleTimes.sort((a, b) => a - b);
  lines.push(
    row("shared small examples (<= 6 items): optimizer", [
      `${small.length} x 20`,
      ms(quantile(o.times, 0.5)),
      ms(quantile(o.times, 0.95)),
      "",
    ]),
    row("shared small examples: exhaustive oracle", [
      `${small.length} x 1`,
      ms(quantile(oracleTimes, 0.5)),
      ms(quantile(oracleTimes, 0.95)),
      "test/oracle/oracle.ts, every split and slot assignment",
    ]),
  );

  // 4. Split carts of 30 items, up to 3 orders, within the 100 ms budget.
  const split30 = Array.from({ length: 10 }, (_, s) => generate(SHAPES.split30, s + 1));
  const s30 = time(optimize, split30, 3, 0);
  const gaps = split30.map((input, i) => {
    const long = optimize({ ...(input as object), options: { maxOrders: 3, timeBudgetMs: 5000 } });
    const got = s30.results[i] as Result;
    return { gap: got.total - long.total, rel: (got.total - long.total) / long.total, long };
  });
  const worst = gaps.reduce((a, g) => (g.gap > a.gap ? g : a));
  const exactGaps = gaps.filter((g) => g.gap === 0).length;
  lines.push(
    row("split: 30 items, maxOrders 3, timeBudgetMs 100", [
      `${split30.length} x 3`,
      ms(quantile(s30.times, 0.5)),
      ms(quantile(s30.times, 0.95)),
      `same total as a 5 s search on ${exactGaps} of ${split30.length}; worst gap ${worst.gap} cents (${(worst.rel * 100).toFixed(3)}%)`,
    ]),
  );

  // 5. Import tax (issue 13): the same generators with a Brazilian destination (Sao Paulo).
  const br = { country: "BR", region: "SP" };
  const largeBr = large.map((input) => ({ ...input, destination: br }));
  const lb = time(optimize, largeBr, 20);
  lines.push(
    row("tax, Brazil: large one-order carts", [
      `${largeBr.length} x 20`,
      ms(quantile(lb.times, 0.5)),
      ms(quantile(lb.times, 0.95)),
      `all optimal: ${lb.results.every((r) => r.optimal)}; target median < 1 ms`,
    ]),
  );
  const split8Br = split8.map((input) => ({ ...input, destination: br }));
  const s8b = time(optimize, split8Br, 5);
  lines.push(
    row("tax, Brazil: split 8 items, maxOrders 3", [
      `${split8Br.length} x 5`,
      ms(quantile(s8b.times, 0.5)),
      ms(quantile(s8b.times, 0.95)),
      `all proven optimal: ${s8b.results.every((r) => r.optimal)}; ${s8b.results.filter((r) => r.orders.length > 1).length} of ${split8Br.length} split; target median < 50 ms`,
    ]),
  );
  const split20Br = Array.from({ length: 10 }, (_, s) => ({
    ...generate(SHAPES.split20, s + 1),
    destination: br,
  }));
  const s20 = time(optimize, split20Br, 3, 0);
  const taxGaps = split20Br.map((input, i) => {
    const long = optimize({ ...input, options: { maxOrders: 4, timeBudgetMs: 10_000 } });
    const got = s20.results[i] as Result;
    return { gap: got.total - long.total, rel: (got.total - long.total) / long.total };
  });
  const worstTax = taxGaps.reduce((a, g) => (g.gap > a.gap ? g : a));
  lines.push(
    row("tax, Brazil: split 20 items, maxOrders 4, timeBudgetMs 100", [
      `${split20Br.length} x 3`,
      ms(quantile(s20.times, 0.5)),
      ms(quantile(s20.times, 0.95)),
      `same total as a 10 s search on ${taxGaps.filter((g) => g.gap <= 0).length} of ${split20Br.length}; worst gap ${worstTax.gap} cents (${(worstTax.rel * 100).toFixed(3)}%)`,
    ]),
  );

  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(lines.join("\n"));
  console.log(
    `\npeak memory (max RSS of the process): ${peakOptimizer.toFixed(0)} MB after the large and 8-item workloads, ` +
      `${peak.toFixed(0)} MB at the end (oracle and 5 s reference searches included)`,
  );
  console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
}

await main();
