/**
 * `npm run bench:coupons`: the coupon-text reader on 500 coupons of text (a
 * coupon page's worth many times over, in the four languages, with the page
 * furniture a Ctrl+A copy brings), as the median and p95 of repeated runs.
 * Target (issue 10): median under 20 ms.
 *
 * The reader is bundled with esbuild first, as the extension ships it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { readCouponText as ReadCouponText } from "../src/wallet/coupon-text";
import { TABLE } from "../test/unit/coupon-text-table";

const root = new URL("..", import.meta.url).pathname;

async function loadReader(): Promise<typeof ReadCouponText> {
  const out = await build({
    entryPoints: [join(root, "src", "wallet", "coupon-text.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
  });
  const dir = mkdtempSync(join(tmpdir(), "stackwise-bench-"));
  const file = join(dir, "coupon-text.mjs");
  writeFileSync(file, out.outputFiles[0]?.text ?? "");
  const mod = (await import(pathToFileURL(file).href)) as { readCouponText: typeof ReadCouponText };
  rmSync(dir, { recursive: true });
  return mod.readCouponText;
}

const readCouponText = await loadReader();
// Each table text is one coupon card (a few hold two); separated as a page separates cards.
const cards = TABLE.filter((c) => c.tz === undefined && c.currency === undefined && c.coupons.length === 1);
const blocks: string[] = [];
for (let i = 0; i < 500; i++) {
  blocks.push((cards[i % cards.length] as { text: string }).text);
  if (i % 5 === 4) blocks.push("Recommended for you\nWireless earbuds with charging case\nFree shipping");
}
const text = blocks.join("\n\n");
const options = { now: new Date("2026-12-01T12:00:00Z"), timeZone: "UTC" };

const found = readCouponText(text, options).length;
if (found !== 500) throw new Error(`the benchmark text should hold 500 coupons, the reader found ${found}`);

for (let i = 0; i < 5; i++) readCouponText(text, options);
// Wall time is the figure; CPU time is printed beside it because a busy machine inflates wall time.
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < 40; i++) {
  const c = process.cpuUsage();
  const t = performance.now();
  readCouponText(text, options);
  times.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] as number;
console.log(
  `coupon text: 500 coupons (${text.length} characters), 40 runs: median ${median(times).toFixed(2)} ms, p95 ${p95(times).toFixed(2)} ms; CPU median ${median(cpu).toFixed(2)} ms (target: median < 20 ms)`,
);
