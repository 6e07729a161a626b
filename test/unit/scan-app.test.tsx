// @vitest-environment jsdom
/**
 * The scan panel rendered into jsdom with a fake connection to the
 * background: the list soonest expiry first, "Add N coupons to Stackwise"
 * counting the ticked coupons (already-held ones cannot be ticked), the
 * collect-first list apart, what "Add" and "Set my coins" send, and a refusal
 * shown in words.
 */
import { readFileSync } from "node:fs";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { readCouponPage } from "../../src/background/scan/read";
import { message } from "../../src/core/message";
import { type ScanFinding, type ScanUpdate, ScanUpdateSchema } from "../../src/messaging/scan";
import { catalogueMessage } from "../../src/services/i18n";
import { ScanApp } from "../../src/ui/scan/ScanApp";
import { readCouponTextReport, readOneCoupon } from "../../src/wallet/coupon-text";
import { speakEnglish, text } from "./support/ui";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const CHANNEL = "0123456789abcdef0123456789abcdef";
let root: HTMLElement;
let deliver: ((u: ScanUpdate) => void) | undefined;
const request = vi.fn();

const fakeConnect = (_channel: string, onUpdate: (u: ScanUpdate) => void) => {
  deliver = onUpdate;
  return { close: () => undefined };
};
const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));
const push = (u: ScanUpdate) =>
  act(() => {
    deliver?.(u);
  });
const buttons = () => [...root.querySelectorAll("button")].map((b) => text(b));
const button = (label: string) => {
  const b = [...root.querySelectorAll("button")].find((x) => text(x) === label);
  if (!b) throw new Error(`no button "${label}" in ${JSON.stringify(buttons())}`);
  return b;
};
const all = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

const finding = (off: number, expiresAt: string, known = false): ScanFinding => ({
  coupon: { kind: "platform", off, minSpend: 2000, currency: "USD", expiresAt },
  unread: [],
  from: "text",
  known,
});

const list = (over: Partial<Extract<ScanUpdate, { type: "coupons" }>> = {}): ScanUpdate => ({
  type: "coupons",
  kind: "coupons",
  scanId: 3,
  found: [
    finding(500, "2027-03-01T00:00:00Z"),
    finding(300, "2027-01-01T00:00:00Z"),
    finding(700, "2027-02-01T00:00:00Z", true),
  ],
  toCollect: [],
  unreadable: [],
  timeZone: "UTC",
  ...over,
});

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
  request.mockReset();
  root = document.createElement("div");
  document.body.append(root);
  act(() => {
    render(
      <ScanApp channel={CHANNEL} locale="en-US" connect={fakeConnect} request={request as never} />,
      root,
    );
  });
});

afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

describe("the scan panel", () => {
  it("says it is reading until the page's list arrives", () => {
    expect(text(root)).toContain("Reading this page…");
  });

  it("lists coupons soonest expiry first and counts the ticked ones in the button", async () => {
    await push(list());
    expect(all("scan-coupon").map((li) => text(li).slice(0, 10))).toEqual([
      "$3.00 off ",
      "$7.00 off ",
      "$5.00 off ",
    ]);
    // The one already in the wallet is shown, marked, and cannot be ticked.
    const known = all("scan-coupon")[1];
    expect(text(known)).toContain("already in your wallet");
    expect(known?.querySelector("input")?.disabled).toBe(true);
    expect(buttons()).toContain("Add 2 coupons to Stackwise");
    await act(() => {
      all("scan-coupon")[0]?.querySelector("input")?.click();
    });
    expect(buttons()).toContain("Add 1 coupon to Stackwise");
  });

  it("sends exactly the ticked coupons of the list shown, and says what happened", async () => {
    await push(list());
    request.mockResolvedValueOnce({ added: 2, alreadyThere: 0 }).mockResolvedValue({ expiringSoon: 0 });
    await act(() => {
      button("Add 2 coupons to Stackwise").click();
    });
    await settle();
    expect(request).toHaveBeenCalledWith("scan/add", { channel: CHANNEL, scanId: 3, picks: [0, 1] });
    expect(text(all("scan-notice")[0])).toContain("Added 2 to your wallet; 0 were already there.");
  });

  it("shows a refusal in words and adds nothing more", async () => {
    await push(list());
    request.mockRejectedValueOnce(
      new Error("The page changed since this list was shown: check the list again."),
    );
    await act(() => {
      button("Add 2 coupons to Stackwise").click();
    });
    await settle();
    expect(text(all("scan-notice")[0])).toBe(
      "The page changed since this list was shown: check the list again.",
    );
    expect(request).toHaveBeenCalledTimes(1);
  });

  it("lists coupons to collect apart, without a tick box, and offers no button when nothing is ready", async () => {
    await push(list({ kind: "product", found: [], toCollect: [finding(800, "2027-02-28T00:00:00Z")] }));
    expect(text(root)).toContain("Coupons for this product");
    expect(text(all("scan-collect")[0])).toContain("Collect on the page first");
    expect(all("scan-collect-coupon")).toHaveLength(1);
    expect(all("scan-collect")[0]?.querySelector("input")).toBeNull();
    expect(all("scan-add")).toHaveLength(0);
  });

  it("offers a coin balance with the page's worth and confirms it", async () => {
    await push({
      type: "coins",
      scanId: 9,
      balance: 985,
      worth: { cents: 3843, currency: "PLN" },
      centsPerCoin: 4,
      rate: "page",
      current: 400,
    });
    expect(text(all("scan-coins-balance")[0])).toBe("The page shows 985 coins.");
    expect(text(all("scan-coins")[0])).toContain("Your wallet has 400 coins now.");
    request.mockResolvedValueOnce({ balance: 985, centsPerCoin: 4 }).mockResolvedValue({ expiringSoon: 0 });
    await act(() => {
      button("Set my coins to 985").click();
    });
    await settle();
    expect(request).toHaveBeenCalledWith("scan/coins", { channel: CHANNEL, scanId: 9 });
    expect(text(all("scan-notice")[0])).toBe("Your wallet now has 985 coins.");
  });

  it("says when the page has nothing to offer", async () => {
    await push({ type: "waiting", kind: "coins", reason: "no-coins" });
    expect(text(root)).toContain("The page has not shown your coin balance yet.");
    await push({ type: "waiting", kind: "coupons", reason: "nothing" });
    expect(text(root)).toContain("No coupons Stackwise can read on this page.");
  });

  it("says in the reader's language why a coupon was not added, with the page's own words", async () => {
    const french = JSON.parse(readFileSync("public/_locales/fr/messages.json", "utf8")) as Record<
      string,
      { message: string }
    >;
    vi.spyOn(fakeBrowser.i18n, "getMessage").mockImplementation(((key: string, subs?: string | string[]) =>
      catalogueMessage(french, key, subs)) as never);
    const options = { now: new Date("2026-12-06T10:00:00Z"), timeZone: "UTC" };
    // A three-decimal amount: the reader refuses it rather than guess.
    const refused = "US $3.005 off on orders over US $20.00";
    const scan = readCouponPage(refused, {
      readers: {
        timeZone: "UTC",
        report: (t) => readCouponTextReport(t, options),
        one: (t) => readOneCoupon(t, options),
      },
      known: () => false,
    });
    // As the background sends it and the panel's port checks it.
    await push(ScanUpdateSchema.parse(list({ found: [], unreadable: scan.unreadable })));
    const lines = all("scan-unreadable").flatMap((d) => [...d.querySelectorAll("li")].map((li) => text(li)));
    expect(lines).toEqual([`${refused} : ${french.refusedAmountUnreadable?.message}`]);
    expect(lines[0]).toContain("Un montant ne peut pas être lu");
  });
});

describe("the scan panel's message", () => {
  const unreadable = (why: unknown) =>
    ScanUpdateSchema.safeParse({ ...list({ found: [] }), unreadable: [{ text: "US $3.005 off", why }] });

  it("carries why a text was not read as a catalogue sentence, and refuses a key no catalogue has", () => {
    expect(unreadable(message("refusedAmountUnreadable")).success).toBe(true);
    const slip = unreadable({ key: "refusedAmountUnreadabel", subs: [] });
    expect(slip.success).toBe(false);
    expect(slip.error?.issues.map((i) => i.message)).toContain(
      'unknown message key "refusedAmountUnreadabel"',
    );
    // English text in place of a sentence is what this list no longer takes.
    expect(unreadable("the amount cannot be read").success).toBe(false);
  });

  it("keeps to its bounds: at most 50 lines, each text one coupon's words", () => {
    const line = { text: "x", why: message("scan_whyNoExpiry") };
    const of = (lines: unknown[]) =>
      ScanUpdateSchema.safeParse({ ...list({ found: [] }), unreadable: lines });
    expect(of(Array(50).fill(line)).success).toBe(true);
    expect(of(Array(51).fill(line)).success).toBe(false);
    expect(of([{ ...line, text: "x".repeat(501) }]).success).toBe(false);
  });
});
