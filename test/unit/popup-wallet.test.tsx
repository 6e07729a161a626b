// @vitest-environment jsdom
/**
 * The wallet tab: the coupon form and its validation, the list sorted by
 * expiry with expired and used coupons apart, the 72-hour mark, filters,
 * coins and store points, and money in the user's locale.
 */
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { walletChangedEvent } from "../../src/services/wallet-changed";
import { savePreferences } from "../../src/services/wallet-preferences";
import { importStore } from "../../src/storage/backup";
import { openStackwiseDb, type StackwiseDb } from "../../src/storage/db";
import {
  addCoupon,
  getCoins,
  getCoupon,
  listCoupons,
  listPoints,
  saveCoins,
  setCouponStatus,
} from "../../src/storage/wallet";
import { PopupApp } from "../../src/ui/popup/PopupApp";
import { prefetchWalletFirstScreen, takeWalletFirstScreen } from "../../src/ui/popup/wallet/firstScreen";
import type { UiServices } from "../../src/ui/shared/services";
import { closeUiBed, openUiBed, screenOf, settle, testServices, text } from "./support/ui";
import { walletCoupon as coupon, openWalletTab } from "./support/wallet-tab";

// WXT's stand-in for `wxt/browser` loads its build toolchain, whose esbuild refuses jsdom.
vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const H = 3_600_000;
const NOW = Date.parse("2026-03-14T12:00:00Z");

let name: string;
let db: StackwiseDb;
let root: HTMLElement;
let changes: string[];

function services(overrides: Partial<UiServices> = {}): UiServices {
  return testServices({ dbName: name, now: NOW, changes }, overrides);
}

const { byTestId, allByTestId, click, field, fill } = screenOf(() => root);
async function radio(label: string) {
  const input = [...root.querySelectorAll("label.radio")]
    .find((l) => l.textContent?.trim() === label)
    ?.querySelector("input");
  if (!input) throw new Error(`no radio "${label}"`);
  input.click();
  await settle();
}
const faces = (section: string) =>
  allByTestId("coupon-face", byTestId(section) ?? document.createElement("div")).map((e) => text(e));

// The coupons come a page at a time after the card (CouponList): wait for the first pages.
const openWallet = (s: UiServices = services()) => openWalletTab(root, s, { listed: true });

beforeEach(async () => {
  ({ name, db, root } = await openUiBed("popup-wallet"));
  changes = [];
  await savePreferences({ copyOnOpen: false });
});

afterEach(async () => {
  await closeUiBed({ name, db, root });
});

describe("adding a coupon", () => {
  it("saves what the form says and lists it, soonest expiry first", async () => {
    await addCoupon(db, coupon("later", "2026-04-30T23:59:59Z"));
    await addCoupon(db, coupon("sooner", "2026-03-20T23:59:59Z", { off: 100 }));
    await openWallet();
    await click("Add coupon");
    await fill("Amount off", "7.50");
    await fill("Minimum spend", "30");
    await fill("Expiry date", "2026-04-01");
    await click("Save coupon");
    await vi.waitFor(() => expect(faces("coupons-active")).toEqual(["$1.00 off", "$7.50 off", "$5.00 off"]));
    expect(byTestId("coupon-form")).toBeNull();
    const saved = (await listCoupons(db)).find((c) => c.off === 750);
    expect(saved).toMatchObject({
      kind: "platform",
      minSpend: 3000,
      currency: "USD",
      status: "active",
      source: "manual",
      // A bare date lasts the whole day, in the program's zone (UTC here).
      expiresAt: "2026-04-01T23:59:59.000Z",
      addedAt: new Date(NOW).toISOString(),
    });
    expect(changes).toContain("coupons");
  });

  it("reads the expiry date in the program's time zone, with an optional time", async () => {
    const { updateProgramSettings } = await import("../../src/storage/programs");
    await updateProgramSettings(db, "aliexpress", { timeZone: "America/Sao_Paulo" });
    await openWallet();
    await click("Add coupon");
    await fill("Amount off", "2");
    await fill("Expiry date", "2026-04-01");
    await fill("Expiry time", "10:00");
    await click("Save coupon");
    await vi.waitFor(async () =>
      expect((await listCoupons(db))[0]?.expiresAt).toBe("2026-04-01T13:00:00.000Z"),
    );
  });

  it("saves a percentage coupon with its cap, a store coupon with its store, a promo with its code", async () => {
    await openWallet();
    await click("Add coupon");
    await fill("Kind", "store");
    await radio("Percentage");
    await fill("Percent off", "12.5");
    await fill("Up to (cap)", "4");
    await fill("Store", "tech-store");
    await fill("Expiry date", "2026-05-01");
    await click("Save coupon");
    await vi.waitFor(() => expect(faces("coupons-active")).toEqual(["12.5% off, up to $4.00"]));

    await click("Add coupon");
    await fill("Kind", "promo");
    await fill("Amount off", "3");
    await fill("Code", "SPRING3");
    await fill("Expiry date", "2026-04-01");
    await click("Save coupon");
    await vi.waitFor(() => expect(faces("coupons-active")).toEqual(["$3.00 off", "12.5% off, up to $4.00"]));
    const stored = await listCoupons(db);
    expect(stored[0]).toMatchObject({ kind: "promo", code: "SPRING3", off: 300 });
    expect(stored[1]).toMatchObject({ kind: "store", storeId: "tech-store", percent: 12.5, maxOff: 400 });
    expect(stored[1]?.off).toBeUndefined();
  });

  it("refuses bad input field by field and saves nothing", async () => {
    await openWallet();
    await click("Add coupon");
    await fill("Kind", "promo");
    await fill("Amount off", "abc");
    await fill("Currency", "XYZ");
    await click("Save coupon");
    await vi.waitFor(() => expect(byTestId("coupon-amount-error")).not.toBeNull());
    expect(text(byTestId("coupon-amount-error"))).toBe("Enter a number, such as 12.50.");
    expect(text(byTestId("coupon-currency-error"))).toContain("XYZ");
    expect(text(byTestId("coupon-expiry-error"))).toBe("Enter the expiry date.");
    expect(text(byTestId("coupon-code-error"))).toBe("A promo coupon needs its code.");
    expect(field("Amount off").getAttribute("aria-invalid")).toBe("true");

    await fill("Kind", "store");
    await radio("Percentage");
    await fill("Percent off", "120");
    await fill("Start date", "2026-05-02");
    await fill("Expiry date", "2026-05-01");
    await click("Save coupon");
    await vi.waitFor(() =>
      expect(text(byTestId("coupon-percent-error"))).toBe("The percentage cannot be above 100."),
    );
    expect(text(byTestId("coupon-store-error"))).toBe("A store coupon needs its store.");
    expect(text(byTestId("coupon-start-error"))).toBe("The start must be before the expiry.");
    expect(await listCoupons(db)).toEqual([]);
    await click("Cancel");
    expect(byTestId("coupon-form")).toBeNull();
  });
});

describe("the list", () => {
  it("shows a big wallet a page at a time, soonest first, and the next page on Show more", async () => {
    const coupons = Array.from({ length: 75 }, (_, i) => ({
      id: `big-${String(i).padStart(3, "0")}`,
      kind: "platform",
      off: 100 + i,
      // In reverse order of id, so that the database's expiry order is what is checked.
      expiresAt: new Date(NOW + (100 - i) * H).toISOString(),
    }));
    await importStore(db, JSON.stringify({ coupons, points: [] }), { mode: "replace" });
    await openWallet();
    const active = () => byTestId("coupons-active");
    expect(text(active()?.querySelector("h3"))).toBe("Usable 75");
    const ids = () =>
      [...(active()?.querySelectorAll<HTMLElement>("[data-coupon-id]") ?? [])].map((e) => e.dataset.couponId);
    expect(ids()).toEqual(
      coupons
        .slice(45)
        .reverse()
        .map((c) => c.id),
    );
    await click("Show 30 more (45 not shown)");
    await vi.waitFor(() => expect(ids()).toHaveLength(60));
    await click("Show 15 more (15 not shown)");
    await vi.waitFor(() => expect(ids()).toEqual(coupons.map((c) => c.id).reverse()));
    expect(byTestId("more-coupons")).toBeNull();
  });

  it("opened on the wallet, shows the first screen read while the popup loaded, with the card", async () => {
    const coupons = [
      ...Array.from({ length: 40 }, (_, i) => ({
        id: `first-${String(i).padStart(2, "0")}`,
        kind: "platform",
        off: 100 + i,
        expiresAt: new Date(NOW + (i + 1) * H).toISOString(),
      })),
      { id: "gone-1", kind: "platform", off: 80, expiresAt: new Date(NOW - 2 * H).toISOString() },
      { id: "gone-2", kind: "platform", off: 90, expiresAt: new Date(NOW - H).toISOString() },
    ];
    await importStore(db, JSON.stringify({ coupons, points: [] }), { mode: "replace" });
    const opening = openStackwiseDb({ name });
    await prefetchWalletFirstScreen(opening, () => NOW);
    // Another connection's read is not this one's: nothing to take.
    expect(takeWalletFirstScreen(db)).toBeUndefined();
    let openings = 0;
    const s = services({
      openDb: () => {
        openings++;
        return openings === 1 ? opening : openStackwiseDb({ name });
      },
    });
    // What the card holds when it first appears: the prefetched coupons, not "Loading…" (their
    // section's count may still be on its way).
    let atFirstSight: { coupons: number; loading: boolean } | undefined;
    const watch = new MutationObserver(() => {
      const card = byTestId("coupons-card");
      if (card === null || atFirstSight !== undefined) return;
      atFirstSight = {
        coupons: allByTestId("coupon-item", card).length,
        loading: card.querySelector(".loading") !== null,
      };
    });
    watch.observe(root, { childList: true, subtree: true });
    render(<PopupApp services={s} initialTab="wallet" />, root);
    await vi.waitFor(() => expect(atFirstSight).toBeDefined(), { timeout: 5000 });
    watch.disconnect();
    expect(atFirstSight).toEqual({ coupons: 30, loading: false });
    await vi.waitFor(() => expect(text(byTestId("coupons-active")?.querySelector("h3"))).toBe("Usable 40"));
    expect(byTestId("coupons-active")?.getAttribute("aria-busy")).toBeNull();
    // The expired and used lists follow the first frame.
    await vi.waitFor(() => expect(faces("coupons-expired")).toEqual(["$0.90 off", "$0.80 off"]));
    // Taken once: a later opening of the tab reads for itself.
    expect(takeWalletFirstScreen(await opening)).toBeUndefined();
    await click("Show 10 more (10 not shown)");
    await vi.waitFor(() =>
      expect(allByTestId("coupon-item", byTestId("coupons-active") ?? root)).toHaveLength(40),
    );
  });

  it("after a form, lists the wallet as it is, never the popup's first read again", async () => {
    await addCoupon(db, coupon("later", "2026-04-30T23:59:59Z"));
    const opening = openStackwiseDb({ name });
    await prefetchWalletFirstScreen(opening, () => NOW);
    let openings = 0;
    const s = services({
      openDb: () => {
        openings++;
        return openings === 1 ? opening : openStackwiseDb({ name });
      },
    });
    render(<PopupApp services={s} initialTab="wallet" />, root);
    await vi.waitFor(() => expect(faces("coupons-active")).toEqual(["$5.00 off"]), { timeout: 5000 });
    await click("Add coupon");
    await fill("Amount off", "7.50");
    await fill("Expiry date", "2026-04-01");
    // Every list drawn once the form has gone: with the new coupon, or none yet.
    const drawn: string[][] = [];
    const watch = new MutationObserver(() => {
      if (byTestId("coupon-form") === null && byTestId("coupons-active") !== null)
        drawn.push(faces("coupons-active"));
    });
    watch.observe(root, { childList: true, subtree: true, characterData: true });
    await click("Save coupon");
    await vi.waitFor(() => expect(faces("coupons-active")).toEqual(["$7.50 off", "$5.00 off"]));
    await settle();
    watch.disconnect();
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.filter((list) => !list.includes("$7.50 off"))).toEqual([]);
  });

  it("marks coupons expiring within 72 hours and shows expired and used ones apart", async () => {
    await addCoupon(db, coupon("soon", new Date(NOW + 71 * H).toISOString(), { off: 100 }));
    await addCoupon(db, coupon("not-yet", new Date(NOW + 73 * H).toISOString(), { off: 200 }));
    await addCoupon(db, coupon("expired", new Date(NOW - H).toISOString(), { off: 300 }));
    await addCoupon(db, coupon("used", new Date(NOW + 10 * H).toISOString(), { off: 400, status: "used" }));
    await openWallet();
    expect(faces("coupons-active")).toEqual(["$1.00 off", "$2.00 off"]);
    expect(faces("coupons-expired")).toEqual(["$3.00 off"]);
    expect(faces("coupons-used")).toEqual(["$4.00 off"]);
    const marked = allByTestId("coupon-item").filter((e) => byTestId("expiring-soon", e) !== null);
    expect(marked.map((e) => e.dataset.couponId)).toEqual(["soon"]);
    expect(text(byTestId("coupon-expiry", marked[0]))).toBe("Expires Mar 17, 2026, 11:00 AM (in 2 days)");
  });

  it("filters by kind and by store", async () => {
    await addCoupon(db, coupon("p", "2026-04-01T00:00:00Z"));
    await addCoupon(
      db,
      coupon("s1", "2026-04-02T00:00:00Z", { kind: "store", storeId: "a-store", off: 100 }),
    );
    await addCoupon(
      db,
      coupon("s2", "2026-04-03T00:00:00Z", { kind: "store", storeId: "b-store", off: 200 }),
    );
    await addCoupon(db, coupon("c", "2026-04-04T00:00:00Z", { kind: "promo", code: "X1", off: 300 }));
    await openWallet();
    // The database filters (couponPage), so each new filter's list arrives a moment later.
    await fill("Kind", "store");
    await vi.waitFor(() => expect(faces("coupons-active")).toEqual(["$1.00 off", "$2.00 off"]));
    await fill("Store", "b-store");
    await vi.waitFor(() => expect(faces("coupons-active")).toEqual(["$2.00 off"]));
    await fill("Kind", "all");
    await fill("Store", "\u0000none");
    await vi.waitFor(() => expect(faces("coupons-active")).toEqual(["$5.00 off", "$3.00 off"]));
    await fill("Kind", "select");
    await vi.waitFor(() =>
      expect(text(root.querySelector(".empty"))).toBe("No coupons match these filters."),
    );
  });

  it("edits a coupon in place, keeping its id and when it was added", async () => {
    await addCoupon(db, coupon("c1", "2026-04-01T23:59:59Z"), NOW - 24 * H);
    await openWallet();
    await click("Edit $5.00 off");
    expect(field("Amount off").value).toBe("5.00");
    expect(field("Expiry date").value).toBe("2026-04-01");
    expect(field("Expiry time").value).toBe("");
    await fill("Amount off", "6");
    await click("Save coupon");
    await vi.waitFor(() => expect(faces("coupons-active")).toEqual(["$6.00 off"]));
    const c = await getCoupon(db, "c1");
    expect(c).toMatchObject({ off: 600, expiresAt: "2026-04-01T23:59:59.000Z" });
    expect(c?.addedAt).toBe(new Date(NOW - 24 * H).toISOString());
  });

  it("marks a coupon used and back, and deletes it only after a confirmation", async () => {
    await addCoupon(db, coupon("c1", "2026-04-01T23:59:59Z"));
    await openWallet();
    await click("Mark used: $5.00 off");
    await vi.waitFor(() => expect(faces("coupons-used")).toEqual(["$5.00 off"]));
    expect((await getCoupon(db, "c1"))?.usedAt).toBe(new Date(NOW).toISOString());
    await click("Mark unused: $5.00 off");
    await vi.waitFor(() => expect(faces("coupons-active")).toEqual(["$5.00 off"]));
    await click("Delete $5.00 off");
    expect(await getCoupon(db, "c1")).toBeDefined();
    await click("Really delete");
    await vi.waitFor(() => expect(byTestId("no-coupons")).not.toBeNull());
    expect(await getCoupon(db, "c1")).toBeUndefined();
  });

  it("shows money in the user's locale, from integer cents", async () => {
    await addCoupon(
      db,
      coupon("eur", "2026-04-01T23:59:59Z", { off: 123456, minSpend: 500000, currency: "EUR" }),
    );
    await openWallet(services({ locale: "de-DE" }));
    expect(faces("coupons-active")).toEqual(["1.234,56 € off"]);
    expect(text(root.querySelector(".coupon-min"))).toBe("on orders over 5.000,00 €");
  });
});

describe("coins and store points", () => {
  it("saves the coins balance with its rules and shows what it is worth", async () => {
    await openWallet();
    await click("Add coins");
    await fill("Coins", "1250");
    await fill("Cents per coin", "1");
    await fill("Most of an order, in %", "10");
    await click("Save");
    await vi.waitFor(() => expect(text(byTestId("coins-balance-shown"))).toBe("1,250 coins, worth $12.50"));
    expect(await getCoins(db)).toEqual({ balance: 1250, centsPerCoin: 1, maxPercent: 10 });
    expect(text(root.querySelector(".balance-rules"))).toBe(
      "One coin is worth $0.01. Coins pay at most 10% of an order.",
    );
  });

  it("refuses a coin worth nothing", async () => {
    await saveCoins(db, { balance: 5, centsPerCoin: 1 });
    await openWallet();
    await click("Edit");
    await fill("Cents per coin", "0");
    await click("Save");
    await vi.waitFor(() =>
      expect(text(byTestId("coins-cents-error"))).toBe("A coin is worth at least 1 cent."),
    );
    expect(await getCoins(db)).toEqual({ balance: 5, centsPerCoin: 1 });
  });

  it("adds, edits and deletes a store's points", async () => {
    await openWallet();
    await click("Add store points");
    await fill("Store", "tech-store");
    await fill("Points", "900");
    await fill("Cents per point", "2");
    await fill("Most points per order", "500");
    await click("Save");
    await vi.waitFor(() => expect(allByTestId("points-item")).toHaveLength(1));
    expect(text(allByTestId("points-item")[0] ?? null)).toContain("900 points, worth $18.00");
    await click("Edit points at tech-store");
    await fill("Points", "100");
    await click("Save");
    await vi.waitFor(async () => expect((await listPoints(db))[0]?.balance).toBe(100));
    await click("Delete tech-store");
    await vi.waitFor(() => expect(allByTestId("points-item")).toHaveLength(0));
    // Every write announced itself, the delete too (it used to be forgotten).
    expect(changes).toEqual(["coupons", "coupons", "coupons"]);
  });
});

describe("walletChanged", () => {
  it("the open wallet shows an order placed in a panel at once: the background's announcement reloads it", async () => {
    await addCoupon(db, coupon("c1", "2026-04-01T23:59:59Z"));
    await openWallet();
    await vi.waitFor(() => expect(faces("coupons-active")).toEqual(["$5.00 off"]));
    // What "I placed this order" does in the background: the coupon used, then the event.
    await setCouponStatus(db, "c1", "used", NOW);
    await settle();
    expect(faces("coupons-active")).toEqual(["$5.00 off"]);
    await walletChangedEvent().announce({ reason: "orders" });
    await vi.waitFor(() => expect(faces("coupons-used")).toEqual(["$5.00 off"]));
    // The page only listens: it does not announce what it heard again.
    expect(changes).toEqual([]);
  });
});
