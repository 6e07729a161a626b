/**
 * The checkout panel's speed: from the moment an `adjustorder` answer reaches
 * the checkout page to the moment the panel's DOM shows the page's new total
 * (`page-total`). Not a timed test: it measures and prints.
 *
 *     npx tsx bench/checkout.bench.ts [--runs 24] [--no-build]
 *
 * The production build runs in Chromium on the demo shop's checkout, opened
 * directly (no cart visit). Each change is the page's own "Use coins" box,
 * which makes the page ask `adjustorder` for a new total; the page stamps the
 * answer's arrival (`body[data-adjust-at]`) and the panel stamps its render
 * (`main[data-rendered-at]`, with the response's count in
 * `data-page-update`), both as `performance.timeOrigin + performance.now()`,
 * comparable across the page and the panel's frame. Each total the panel
 * shows is checked against the page's own.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import type { Frame, Page } from "@playwright/test";
import { importWallet, launchShopBrowser, panelFrame, walletAtNow } from "../scripts/shop-browser";
import { loadScenario } from "../test/fixtures/shop/scenarios";
import { until } from "./until";

const TARGET_MS = 50;
const say = (line = "") => process.stdout.write(`${line}\n`);

const panelStamp = (frame: Frame) =>
  frame.evaluate(() => {
    const main = document.querySelector("main");
    return {
      renderedAt: Number(main?.dataset.renderedAt ?? 0),
      update: Number(main?.dataset.pageUpdate ?? 0),
      total: Number(document.querySelector('[data-testid="page-total"]')?.getAttribute("data-cents") ?? -1),
    };
  });

/** The page's own total, read from its per-character total; and when its last adjustorder answer arrived. */
const pageState = (page: Page) =>
  page.evaluate(() => ({
    idle: document.body.dataset.demoStage === "2" && document.querySelector(".comet-loading") === null,
    adjustAt: Number(document.body.dataset.adjustAt ?? 0),
    total: Number(
      (document.querySelector(".pl-order-toal-container__item-content")?.textContent ?? "").replace(
        /\D/g,
        "",
      ),
    ),
  }));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};

async function measure(page: Page, frame: Frame, runs: number): Promise<number[]> {
  const times: number[] = [];
  const warmup = 3;
  for (let n = 0; n < runs + warmup; n++) {
    await until(
      () => pageState(page),
      (s) => s.idle,
      "the page to settle",
    );
    const before = await panelStamp(frame);
    const lastAnswer = (await pageState(page)).adjustAt;
    await page.locator(".demo-use-coins").click();
    const answered = await until(
      () => pageState(page),
      (s) => s.idle && s.adjustAt > lastAnswer,
      "the page's adjustorder answer",
    );
    const shown = await until(
      () => panelStamp(frame),
      (s) => s.update > before.update && s.renderedAt > 0,
      "the panel's new page total",
    );
    // The total shown is the page's own (both in minor units: the page's digits are its cents).
    if (shown.total !== answered.total)
      throw new Error(`panel shows ${shown.total}, the page ${answered.total}`);
    if (n >= warmup) times.push(shown.renderedAt - answered.adjustAt);
  }
  return times;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "24" }, "no-build": { type: "boolean", default: false } },
  });
  const runs = Math.max(20, Number(values.runs));
  if (!values["no-build"]) {
    const run = spawnSync("npx", ["wxt", "build"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) {
      process.stderr.write(`${run.stdout}${run.stderr}`);
      throw new Error("npx wxt build failed");
    }
  }
  const rows: { label: string; times: number[] }[] = [];
  const session = await launchShopBrowser({ headless: true });
  try {
    for (const name of ["basic", "large200"]) {
      const scenario = loadScenario(name);
      await importWallet(session.context, session.extensionId, walletAtNow(scenario));
      const page = session.context.pages()[0] ?? (await session.context.newPage());
      await page.goto(`https://www.aliexpress.com/p/trade/confirm.html?scenario=${name}`);
      const frame = await panelFrame(page, session.extensionId);
      await until(
        () => panelStamp(frame),
        (s) => s.total > 0,
        "the panel's first page total",
        30_000,
      );
      const lines = scenario.lines.filter((l) => l.valid && l.selected).length;
      rows.push({ label: `${name} (${lines} lines)`, times: await measure(page, frame, runs) });
    }
  } finally {
    await session.close();
  }
  say();
  say(
    `Checkout panel: from an adjustorder answer reaching the page to the panel showing the page's new total,`,
  );
  say(`${runs} changes per row after 3 warm-ups, Chromium headless. Target: median under ${TARGET_MS} ms.`);
  say();
  say(`  ${"checkout".padEnd(24)}${["median", "p90", "min", "max"].map((h) => h.padStart(10)).join("")}`);
  const fmt = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
  for (const r of rows)
    say(
      `  ${r.label.padEnd(24)}${fmt(median(r.times))}${fmt(quantile(r.times, 0.9))}${fmt(Math.min(...r.times))}${fmt(Math.max(...r.times))}`,
    );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
