/**
 * The panel's speed on a 200-line cart, and the content scripts' size.
 * Not a timed test: it measures and prints.
 *
 *     npx tsx bench/panel.bench.ts [--runs 24] [--no-build]
 *
 * The production build runs in Chromium on the demo shop's `large200` cart
 * (scripts/shop-browser.ts). A cart change is the shop's own "+" or "−"
 * button with no server delay; the change counts from the moment the page's
 * rows show it (a MutationObserver in the page's world stamps it) to the
 * moment the panel's DOM holds the new stack (the panel stamps it in a
 * layout effect). Both stamps are `performance.timeOrigin + performance.now()`,
 * comparable across the page and the panel's frame. Every new total is
 * checked against the optimizer run here in Node.
 *
 * The same cart is also served in two pages of 100 lines, as the live cart
 * arrives: the panel first shows the stack of page 1 with its "cart
 * incomplete" notice, the shopper scrolls to the end, the page renders page
 * 2; measured from the moment the page's rows show page 2 to the moment the
 * panel's DOM holds the whole cart's stack with the notice gone.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { Frame, Page } from "@playwright/test";
import { optimize } from "../optimizer";
import type { Cart, Wallet } from "../optimizer/schema";
import {
  EXTENSION_DIR,
  importWallet,
  launchShopBrowser,
  panelFrame,
  walletAtNow,
} from "../scripts/shop-browser";
import { expectedCart, loadScenario } from "../test/fixtures/shop/scenarios";
import { until } from "./until";

const TARGET_MS = 50;
const TARGET_BYTES = 20_000;

const say = (line = "") => process.stdout.write(`${line}\n`);

interface Stamp {
  renderedAt: number;
  stackId: number;
  refining: boolean;
  total: number;
}

const stampOf = (frame: Frame): Promise<Stamp> =>
  frame.evaluate(() => {
    const main = document.querySelector("main");
    const total = document.querySelector('[data-testid="stack-total"]');
    return {
      renderedAt: Number(main?.dataset.renderedAt ?? 0),
      stackId: Number(main?.dataset.stackId ?? 0),
      refining: main?.dataset.refining === "true",
      total: Number(total?.getAttribute("data-cents") ?? -1),
    };
  });

/** Stamps, in the page's world, when the page's rows next show a finished cart change. */
const armChangeStamp = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __changedAt?: number; __armed?: boolean; __observer?: MutationObserver };
    w.__changedAt = 0;
    w.__armed = true;
    if (!w.__observer) {
      w.__observer = new MutationObserver(() => {
        if (w.__armed && !document.querySelector(".cart-op-loading")) {
          w.__changedAt = performance.timeOrigin + performance.now();
          w.__armed = false;
        }
      });
      w.__observer.observe(document.querySelector(".cart-list") as Element, {
        childList: true,
        subtree: true,
      });
    }
  });

const changedAt = (page: Page) =>
  page.evaluate(() => (window as unknown as { __changedAt?: number }).__changedAt ?? 0);

/** Presses the shop's own + or − on a line (the page re-renders its rows after a zero-delay "server"). */
const press = (page: Page, line: number, up: boolean) =>
  page.evaluate(
    ({ line, up }) => {
      const row = document.querySelectorAll(".cart-product")[line];
      const button = row?.querySelector<HTMLButtonElement>(
        up ? ".comet-v2-input-number-btn-increase" : ".comet-v2-input-number-btn-decrease",
      );
      if (!button) throw new Error(`no ${up ? "+" : "-"} button on line ${line}`);
      button.click();
    },
    { line, up },
  );

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};

interface Series {
  label: string;
  times: number[];
}

async function measure(
  page: Page,
  frame: Frame,
  cart: Cart,
  wallet: Wallet,
  runs: number,
  maxOrders: number,
): Promise<{ first: Series; final: Series }> {
  const first: number[] = [];
  const final: number[] = [];
  // A ticked line with room to go up and down, in page order (rows follow cart.items).
  const line = cart.items.findIndex((i) => i.selected && i.quantity >= 1);
  const id = cart.items[line]?.id;
  let quantity = cart.items[line]?.quantity ?? 1;
  const warmup = 3;
  for (let n = 0; n < runs + warmup; n++) {
    const up = n % 2 === 0;
    quantity += up ? 1 : -1;
    const before = await stampOf(frame);
    await armChangeStamp(page);
    await press(page, line, up);
    const t0 = await until(
      () => changedAt(page),
      (t) => t > 0,
      "the page to show the change",
    );
    const shown = await until(
      () => stampOf(frame),
      (s) => s.stackId > before.stackId && s.renderedAt > t0,
      "the panel's new stack",
    );
    const done =
      maxOrders === 1
        ? shown
        : await until(
            () => stampOf(frame),
            (s) => s.renderedAt > t0 && !s.refining,
            "the split",
          );
    if (maxOrders === 1) {
      const now = { ...cart, items: cart.items.map((i) => (i.id === id ? { ...i, quantity } : i)) };
      const expected = optimize({
        now: new Date().toISOString(),
        cart: now,
        wallet,
        options: { maxOrders: 1 },
      }).total;
      if (done.total !== expected)
        throw new Error(`panel shows ${done.total}, the optimizer says ${expected}`);
    }
    if (n < warmup) continue;
    first.push(shown.renderedAt - t0);
    final.push(done.renderedAt - t0);
  }
  return {
    first: { label: maxOrders === 1 ? "one order (exact)" : "first stack (exact one-order)", times: first },
    final: { label: "split found (best within budget)", times: final },
  };
}

/** Stamps, in the page's world, when the page's rows next show a page it has just loaded. */
const armPageStamp = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __pageAt?: number };
    w.__pageAt = 0;
    const before = document.querySelectorAll(".cart-product").length;
    const observer = new MutationObserver(() => {
      if (document.querySelectorAll(".cart-product").length > before) {
        w.__pageAt = performance.timeOrigin + performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.querySelector(".cart-list") as Element, { childList: true, subtree: true });
  });

const completeStamp = (frame: Frame) =>
  frame.evaluate(() => ({
    renderedAt: Number(document.querySelector("main")?.dataset.renderedAt ?? 0),
    incomplete: document.querySelector('[data-testid="cart-incomplete"]') !== null,
    total: Number(document.querySelector('[data-testid="stack-total"]')?.getAttribute("data-cents") ?? -1),
  }));

/** The second page arriving on scroll, `runs` times (a fresh page load each), one-order preference. */
async function measurePaged(
  session: Awaited<ReturnType<typeof launchShopBrowser>>,
  page: Page,
  cart: Cart,
  wallet: Wallet,
  runs: number,
): Promise<Series> {
  const times: number[] = [];
  const whole = optimize({ now: new Date().toISOString(), cart, wallet, options: { maxOrders: 1 } }).total;
  for (let n = 0; n < runs + 2; n++) {
    await page.goto(session.cartUrl("large200", { delay: 50, opDelay: 0, pageSize: 100 }));
    const frame = await panelFrame(page, session.extensionId);
    await until(
      () => completeStamp(frame),
      (s) => s.incomplete && s.total >= 0,
      "the first page's stack",
      30_000,
    );
    await page.waitForFunction(() => document.body.dataset.demoStage === "2");
    await armPageStamp(page);
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    const t0 = await until(
      () => page.evaluate(() => (window as unknown as { __pageAt?: number }).__pageAt ?? 0),
      (t) => t > 0,
      "the page to show page 2",
    );
    const done = await until(
      () => completeStamp(frame),
      (s) => !s.incomplete && s.renderedAt > t0,
      "the whole cart's stack",
    );
    if (done.total !== whole)
      throw new Error(`panel shows ${done.total} for the whole cart, the optimizer says ${whole}`);
    if (n >= 2) times.push(done.renderedAt - t0);
  }
  return { label: "page 2 arrives on scroll (exact)", times };
}

function contentScripts(): { name: string; bytes: number; gzip: number }[] {
  const dir = join(EXTENSION_DIR, "content-scripts");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      return { name, bytes: statSync(path).size, gzip: gzipSync(readFileSync(path)).length };
    });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "24" }, "no-build": { type: "boolean", default: false } },
  });
  const runs = Math.max(20, Number(values.runs));
  if (!values["no-build"]) {
    // A test build, like `npm run test:e2e`'s, so the e2e tests can run on the same output afterwards.
    const run = spawnSync("npx", ["wxt", "build"], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, STACKWISE_TEST_BUILD: "1" },
    });
    if (run.status !== 0) {
      process.stderr.write(`${run.stdout}${run.stderr}`);
      throw new Error("npx wxt build failed");
    }
  }
  const scenario = loadScenario("large200");
  const cart = expectedCart(scenario);
  const wallet = walletAtNow(scenario);
  const session = await launchShopBrowser({ headless: true });
  const rows: Series[] = [];
  try {
    await importWallet(session.context, session.extensionId, wallet);
    const page = session.context.pages()[0] ?? (await session.context.newPage());
    await page.goto(session.cartUrl("large200", { delay: 50, opDelay: 0 }));
    const frame = await panelFrame(page, session.extensionId);
    await until(
      () => stampOf(frame),
      (s) => s.stackId > 0 && !s.refining,
      "the first stack",
      30_000,
    );

    await frame.getByLabel("1 order", { exact: true }).check();
    await until(
      () => stampOf(frame),
      (s) => s.refining === false,
      "one order",
    );
    const one = await measure(page, frame, cart, wallet, runs, 1);
    rows.push(one.first);

    await frame.getByLabel("2 orders", { exact: true }).check();
    await until(
      () => stampOf(frame),
      (s) => !s.refining,
      "two orders",
    );
    // The quantities are back where they started after an even number of changes.
    const two = await measure(page, frame, cart, wallet, runs, 2);
    rows.push(two.first, two.final);

    await frame.getByLabel("1 order", { exact: true }).check();
    await until(
      () => stampOf(frame),
      (s) => s.refining === false,
      "one order",
    );
    rows.push(await measurePaged(session, page, cart, wallet, runs));
  } finally {
    await session.close();
  }

  const selected = cart.items.filter((i) => i.selected).length;
  say();
  say(
    `Panel update after a cart change: large200 (${cart.items.length} lines, ${selected} ticked, ${cart.stores.length} stores),`,
  );
  say(
    `${runs} changes per row after 3 warm-up changes, Chromium headless. Target: median under ${TARGET_MS} ms.`,
  );
  say();
  say(
    `  ${"preference".padEnd(12)} ${"update".padEnd(34)}${["median", "p90", "min", "max"].map((h) => h.padStart(10)).join("")}`,
  );
  const fmt = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
  const prefs = ["1 order", "2 orders", "2 orders", "1 order"];
  for (const [i, r] of rows.entries())
    say(
      `  ${(prefs[i] ?? "").padEnd(12)} ${r.label.padEnd(34)}${fmt(median(r.times))}${fmt(quantile(r.times, 0.9))}${fmt(Math.min(...r.times))}${fmt(Math.max(...r.times))}`,
    );
  say();
  say(
    `Content scripts of the production build (minified), target under ${TARGET_BYTES.toLocaleString("en")} bytes each:`,
  );
  for (const f of contentScripts())
    say(
      `  ${f.name.padEnd(20)} ${f.bytes.toLocaleString("en").padStart(8)} bytes  (gzip ${f.gzip.toLocaleString("en")})  ${f.bytes < TARGET_BYTES ? "ok" : "OVER"}`,
    );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
