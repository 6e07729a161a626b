/**
 * The demo (`npm start`): builds the extension, starts the demo shop, opens
 * Chromium with the extension on a seeded wallet and a cart where splitting
 * into two orders pays, waits for the in-page panel, prints its stack and
 * saves a screenshot. Headless where there is no display; STACKWISE_HEADLESS=0
 * or 1 decides. Headless, it exits; headed, it waits for Ctrl-C.
 *
 *     npx tsx scripts/demo.ts [--scenario basic] [--no-build]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { optimize } from "../optimizer";
import { formatMoney } from "../optimizer/money";
import { expectedCart, loadScenario } from "../test/fixtures/shop/scenarios";
import {
  EXTENSION_DIR,
  importWallet,
  launchShopBrowser,
  panelFrame,
  screenshotPanel,
  walletAtNow,
} from "./shop-browser";

const OUTPUT_DIR = resolve("demo-output");

const say = (line = "") => process.stdout.write(`${line}\n`);

function headlessWanted(): boolean {
  const forced = process.env.STACKWISE_HEADLESS;
  if (forced === "0" || forced === "1") return forced === "1";
  return !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === "linux";
}

function build(): void {
  say("Building the extension (npx wxt build)…");
  // Quiet when it works (Rollup warns about comments in Zod); everything when it does not.
  const run = spawnSync("npx", ["wxt", "build"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    process.stderr.write(`${run.stdout ?? ""}${run.stderr ?? ""}`);
    throw new Error("The build failed (npx wxt build); see the messages above.");
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: "string", default: "basic" },
      "no-build": { type: "boolean", default: false },
    },
  });
  const name = values.scenario;
  const scenario = loadScenario(name);
  if (!values["no-build"]) build();

  const headless = headlessWanted();
  const session = await launchShopBrowser({
    headless,
    viewport: headless ? { width: 1280, height: 900 } : null,
    log: (m) => say(m),
  });
  const stop = async () => {
    await session.close();
  };
  try {
    say(`Chromium    ${session.chromiumPath} (${headless ? "headless" : "on your display"})`);
    say(`Extension   ${relative(process.cwd(), EXTENSION_DIR)} (id ${session.extensionId})`);
    say(`Demo shop   ${session.shop.url}, reached as https://www.aliexpress.com (host-resolver rules)`);

    // The wallet goes in the way a person would put it in: the options page's "Import wallet".
    const wallet = walletAtNow(scenario);
    await importWallet(session.context, session.extensionId, wallet);
    say(
      `Wallet      ${wallet.coupons.length} coupons, ${wallet.coins ? `${wallet.coins.balance} coins, ` : ""}` +
        `${wallet.points.length} store points program(s), imported through the options page`,
    );

    const page = session.context.pages()[0] ?? (await session.context.newPage());
    await page.goto(session.cartUrl(name));
    const cart = expectedCart(scenario);
    say(`Cart page   ${page.url()} (${cart.items.length} lines in ${cart.stores.length} stores)`);
    const panel = await panelFrame(page, session.extensionId);
    const total = panel.getByTestId("stack-total");
    await total.waitFor({ timeout: 20_000 });

    const cents = async (testId: string) =>
      Number(await panel.getByTestId(testId).getAttribute("data-cents"));
    const money = (c: number) => formatMoney(c, scenario.currency, "en-US");
    const paid = await cents("stack-total");
    const saved = await cents("stack-savings");
    const beyond = await cents("stack-vs-greedy");
    const orders = await panel.getByTestId("stack-order").count();
    // The same cart and wallet through the optimizer here in Node, with the panel's default of two orders.
    const check = optimize({ now: new Date().toISOString(), cart, wallet, options: { maxOrders: 2 } });

    say();
    say("The panel shows:");
    say(`  You pay       ${money(paid)}  (stack-total, data-cents=${paid})`);
    say(`  You save      ${money(saved)} against full price (stack-savings, data-cents=${saved})`);
    say(`                ${money(beyond)} more than the biggest coupon in each slot would save`);
    say(`  Orders        ${orders}${orders > 1 ? " (a split pays here)" : ""}`);
    say(
      `  Optimizer     ${check.total === paid ? "agrees" : `DISAGREES: ${money(check.total)}`} (run in Node on the same cart and wallet)`,
    );
    for (const [n, order] of check.orders.entries()) {
      const coupons = [
        ...order.storeCoupons.map((c) => c.couponId),
        ...(order.selectCoupon ? [order.selectCoupon.couponId] : []),
        ...(order.platformCoupon ? [order.platformCoupon.couponId] : []),
      ];
      say(
        `    order ${n + 1}: ${order.itemIds.length} item(s), ${coupons.join(" + ") || "no coupons"}, ${money(order.total)}`,
      );
    }

    mkdirSync(OUTPUT_DIR, { recursive: true });
    const shot = join(OUTPUT_DIR, "panel.png");
    const panelShot = join(OUTPUT_DIR, "panel-only.png");
    // Headless, the page is made tall enough for the whole stack; headed, the window is the user's.
    if (headless) await screenshotPanel(page, panel, panelShot);
    await page.waitForTimeout(300);
    await page.screenshot({ path: shot });
    say();
    say(
      `Screenshot  ${relative(process.cwd(), shot)}${headless ? ` (the panel alone: ${relative(process.cwd(), panelShot)})` : ""}`,
    );
    if (check.total !== paid) process.exitCode = 1;

    if (headless) return;
    say("The browser stays open: try ticking items or changing quantities. Ctrl-C to quit.");
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      session.context.once("close", () => resolve());
    });
  } finally {
    await stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
