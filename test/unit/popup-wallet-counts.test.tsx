// @vitest-environment jsdom
/**
 * The wallet's first screen does not wait for its lists' counts: in a big wallet
 * the browser takes far longer to count a section than to read its first page
 * (60 to 100 ms against 1 ms for 18,000 usable coupons in Chromium). The counts
 * follow; until then the section says it is busy, offers no "Show more", and
 * is not pictured for the next opening.
 */
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { savePreferences } from "../../src/services/wallet-preferences";
import type { StackwiseDb } from "../../src/storage/db";
import { addCoupon } from "../../src/storage/wallet";
import { OPENING_KEYS, openingState, type ScreenCopy } from "../../src/ui/popup/earlyScreen";
import { closeUiBed, openUiBed, screenOf, testServices, text } from "./support/ui";
import { walletCoupon as coupon, openWalletTab } from "./support/wallet-tab";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

// Each count waits for the test's word; pages are read as they are.
const gate = vi.hoisted(() => ({ open: Promise.resolve(), counts: 0 }));
vi.mock("../../src/storage/wallet", async (original) => {
  const real = await original<typeof import("../../src/storage/wallet")>();
  return {
    ...real,
    couponSectionTotal: async (...args: Parameters<typeof real.couponSectionTotal>) => {
      gate.counts++;
      await gate.open;
      return real.couponSectionTotal(...args);
    },
  };
});

const H = 3_600_000;
const NOW = Date.parse("2026-03-14T12:00:00Z");

let name: string;
let db: StackwiseDb;
let root: HTMLElement;
const { byTestId, allByTestId, button } = screenOf(() => root);

beforeEach(async () => {
  ({ name, db, root } = await openUiBed("wallet-counts"));
  await savePreferences({ copyOnOpen: false });
  for (let i = 0; i < 40; i++)
    await addCoupon(
      db,
      coupon(`c${String(i).padStart(2, "0")}`, new Date(NOW + (i + 2) * 24 * H).toISOString()),
    );
  gate.counts = 0;
});

afterEach(async () => {
  gate.open = Promise.resolve();
  await closeUiBed({ name, db, root });
});

it("draws the first page before its counts, then the counts, and pictures only the whole screen", async () => {
  let release = () => {};
  gate.open = new Promise<void>((r) => {
    release = r;
  });
  const kept: ScreenCopy[] = [];
  const opening = openingState(await fakeBrowser.storage.local.get([...OPENING_KEYS]));
  const services = testServices(
    { dbName: name, now: NOW },
    {
      opening: async () => opening,
      readOpening: async () => opening,
      keepScreenCopy: async (c) => {
        kept.push(c);
      },
    },
  );
  await openWalletTab(root, services);
  await vi.waitFor(() => expect(allByTestId("coupon-item")).toHaveLength(30));
  await vi.waitFor(() => expect(gate.counts).toBe(3));
  const usable = byTestId("coupons-active");
  expect(text(usable?.querySelector("h3"))).toBe("Usable");
  expect(usable?.getAttribute("aria-busy")).toBe("true");
  expect(allByTestId("more-coupons")).toHaveLength(0);
  await new Promise((r) => setTimeout(r, 50));
  expect(kept).toHaveLength(0);

  release();
  await vi.waitFor(() => expect(text(byTestId("coupons-active")?.querySelector("h3"))).toBe("Usable 40"));
  expect(byTestId("coupons-active")?.getAttribute("aria-busy")).toBeNull();
  expect(allByTestId("more-coupons")).toHaveLength(1);
  await vi.waitFor(() => expect(kept).toHaveLength(1));
  // The count, a text of its own in the picture.
  expect(JSON.stringify(kept[0]?.screen)).toContain(`"40"`);
});

it("after a change, keeps the numbers shown until the new ones are in: none goes missing", async () => {
  await openWalletTab(root, testServices({ dbName: name, now: NOW }), { listed: true });
  expect(text(byTestId("coupons-active")?.querySelector("h3"))).toBe("Usable 40");
  const headings: string[] = [];
  const watch = new MutationObserver(() => {
    const h = byTestId("coupons-active")?.querySelector("h3");
    if (h) headings.push(text(h));
  });
  watch.observe(root, { childList: true, subtree: true, characterData: true });
  button("Mark used: $5.00 off").click();
  await vi.waitFor(() => expect(text(byTestId("coupons-active")?.querySelector("h3"))).toBe("Usable 39"));
  watch.disconnect();
  expect(headings.filter((h) => h !== "Usable 40" && h !== "Usable 39")).toEqual([]);
});
