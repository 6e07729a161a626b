// @vitest-environment jsdom
/**
 * "Paste coupons" and "Undo last import" in the wallet tab: pasted text
 * becomes a list to check, correct and add in one go; coupons already in the
 * wallet are shown as such; the last import can be taken back.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { savePreferences } from "../../src/services/wallet-preferences";
import type { StackwiseDb } from "../../src/storage/db";
import { addCoupon, listCoupons, saveCoupon } from "../../src/storage/wallet";
import type { UiServices } from "../../src/ui/shared/services";
import { closeUiBed, openUiBed, screenOf, settle, testServices, text } from "./support/ui";
import { walletCoupon as coupon, openWalletTab } from "./support/wallet-tab";

// WXT's stand-in for `wxt/browser` loads its build toolchain, whose esbuild refuses jsdom.
vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const NOW = Date.parse("2026-03-14T12:00:00Z");

let name: string;
let db: StackwiseDb;
let root: HTMLElement;
let changes: string[];

function services(overrides: Partial<UiServices> = {}): UiServices {
  return testServices({ dbName: name, now: NOW, changes }, overrides);
}

const { byTestId, allByTestId, button, click } = screenOf(() => root);
const openWallet = (s: UiServices = services()) => openWalletTab(root, s);

beforeEach(async () => {
  ({ name, db, root } = await openUiBed("popup-paste"));
  changes = [];
  await savePreferences({ copyOnOpen: false });
});

afterEach(async () => {
  await closeUiBed({ name, db, root });
});

const PASTED = [
  "My Coupons",
  "Store coupon · Best Gadgets Store",
  "US $2.00 off on orders over US $15.00",
  "Expires Mar 20, 2026",
  "Use",
  "AliExpress coupon",
  "US $5.00 off on orders over US $20.00",
  "Expires Mar 31, 2026",
  "Use",
  "Select coupon",
  "US $4.00 off on orders over US $29.00",
  "Use",
  "US $3.00 off on orders over 20,00 €",
].join("\n");

async function paste(value: string) {
  await click("Paste coupons");
  const area = byTestId<HTMLTextAreaElement>("paste-text");
  if (area === null) throw new Error("no paste box");
  area.value = value;
  area.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
  await click("Read coupons");
  await vi.waitFor(() => expect(byTestId("paste-review")).not.toBeNull());
}

describe("Paste coupons", () => {
  it("reads pasted text into a list to check, with what it could not read and why", async () => {
    await openWallet();
    await paste(PASTED);
    expect(text(byTestId("paste-summary"))).toBe(
      "3 coupons found. Check them, correct what is wrong, then add them.",
    );
    const rows = allByTestId("paste-draft");
    expect(rows.map((r) => text(r.querySelector("label")))).toEqual([
      "$2.00 off · on orders over $15.00",
      "$5.00 off · on orders over $20.00",
      "$4.00 off · on orders over $29.00",
    ]);
    // The Select coupon names no expiry: it opens for editing and says so.
    expect(text(rows[2])).toContain("No expiry date in the text: add one");
    expect(byTestId("paste-expiry", rows[2])).not.toBeNull();
    expect(text(byTestId("paste-refused"))).toContain(
      "The amount and the minimum are in different currencies.",
    );
    expect(button("Add 3 coupons")).not.toBeNull();
  });

  it("adds the checked coupons in one go once each is complete, recording where they came from", async () => {
    await openWallet();
    await paste(PASTED);
    await click("Add 3 coupons");
    // The coupon without an expiry stops the batch with the form's own message; nothing is written.
    expect(text(byTestId("paste-review"))).toContain("Some coupons need a correction");
    expect(await db.coupons.count()).toBe(0);
    const rows = allByTestId("paste-draft");
    const expiry = byTestId<HTMLInputElement>("paste-expiry", rows[2]);
    if (expiry === null) throw new Error("no expiry field");
    expiry.value = "2026-03-25T23:59";
    expiry.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    await click("Add 3 coupons");
    await vi.waitFor(() => expect(byTestId("import-notice")).not.toBeNull());
    expect(text(byTestId("import-notice"))).toBe("Added 3 coupons; 0 were already in your wallet.");
    const stored = await listCoupons(db);
    expect(stored.map((c) => [c.kind, c.off, c.minSpend, c.source])).toEqual([
      ["store", 200, 1500, "paste"],
      ["select", 400, 2900, "paste"],
      ["platform", 500, 2000, "paste"],
    ]);
    expect(stored[0]?.storeName).toBe("Best Gadgets Store");
    expect(stored[1]?.expiresAt).toBe("2026-03-25T23:59:00.000Z");
    expect(changes).toContain("import");
    // The list shows them by expiry.
    await vi.waitFor(() =>
      expect(allByTestId("coupon-face", byTestId("coupons-active") ?? root).map((e) => text(e))).toEqual([
        "$2.00 off",
        "$4.00 off",
        "$5.00 off",
      ]),
    );
  });

  it("shows coupons already in the wallet as already there and does not add them again", async () => {
    await addCoupon(db, coupon("mine", "2026-03-31T23:59:59.000Z", { off: 500, minSpend: 2000 }));
    await openWallet();
    await paste(
      "US $5.00 off on orders over US $20.00\nExpires Mar 31, 2026\nUS $1.00 off\nExpires Mar 30, 2026",
    );
    const rows = allByTestId("paste-draft");
    expect(byTestId("already-there", rows[0])).not.toBeNull();
    expect(byTestId<HTMLInputElement>("paste-include", rows[0])?.checked).toBe(false);
    expect(byTestId("already-there", rows[1])).toBeNull();
    await click("Add 1 coupon");
    await vi.waitFor(() => expect(byTestId("import-notice")).not.toBeNull());
    expect((await listCoupons(db)).map((c) => c.id).filter((id) => id === "mine")).toEqual(["mine"]);
    expect(await db.coupons.count()).toBe(2);
  });

  it("a coupon pasted and added before is already there the next time (its exact expiry is kept)", async () => {
    await openWallet();
    const block = "US $5.00 off on orders over US $20.00\nExpires Mar 31, 2026";
    await paste(block);
    await click("Add 1 coupon");
    await vi.waitFor(() => expect(byTestId("import-notice")).not.toBeNull());
    expect((await listCoupons(db))[0]?.expiresAt).toBe("2026-03-31T23:59:59.000Z");
    await paste(block);
    expect(byTestId("already-there")).not.toBeNull();
    expect(
      [...root.querySelectorAll("button")].some((b) => /^Add \d+ coupons$/.test(b.textContent ?? "")),
    ).toBe(false);
  });

  it("lets the shopper correct a draft before adding it", async () => {
    await openWallet();
    await paste("US $5.00 off on orders over US $20.00\nExpires Mar 31, 2026");
    await click("Edit");
    const amount = byTestId<HTMLInputElement>("paste-amount");
    if (amount === null) throw new Error("no amount field");
    amount.value = "6.50";
    amount.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    expect(text(allByTestId("paste-draft")[0]?.querySelector("label"))).toBe(
      "$6.50 off · on orders over $20.00",
    );
    await click("Add 1 coupon");
    await vi.waitFor(() => expect(byTestId("import-notice")).not.toBeNull());
    expect((await listCoupons(db)).map((c) => c.off)).toEqual([650]);
  });

  it("says so when the text holds no coupon, and goes back to the text", async () => {
    await openWallet();
    await paste("Hello there");
    expect(text(byTestId("paste-summary"))).toBe("No coupon was found in this text.");
    await click("Back to the text");
    expect(byTestId("paste-text")).not.toBeNull();
  });
});

describe("Undo last import", () => {
  it("is offered after an import and takes it back, keeping what the shopper edited since", async () => {
    await openWallet();
    expect(byTestId("undo-import")).toBeNull();
    await paste(
      "US $5.00 off on orders over US $20.00\nExpires Mar 31, 2026\nUS $1.00 off\nExpires Mar 30, 2026",
    );
    await click("Add 2 coupons");
    await vi.waitFor(() => expect(byTestId("undo-import")).not.toBeNull());
    const edited = (await listCoupons(db)).find((c) => c.off === 100);
    await saveCoupon(db, { ...edited, note: "keep me", editedAt: new Date(NOW).toISOString() });
    changes.length = 0;
    await click("Undo last import");
    await vi.waitFor(() => expect(byTestId("undo-import")).toBeNull());
    expect(text(byTestId("import-notice"))).toBe(
      "Removed 1 coupon of the last import. 1 you changed or used since were kept.",
    );
    expect((await listCoupons(db)).map((c) => c.off)).toEqual([100]);
    expect(changes).toEqual(["import"]);
  });
});
