// @vitest-environment jsdom
/**
 * The panel rendered into jsdom with a fake connection to the background:
 * what it shows for a stack (the total and savings the contract names, price
 * paid per line, slots, unlock hints, the promo code's copy button), statuses
 * instead of totals, Apply and "I placed this order", preferences, the
 * polite announcement, and that its strings all come from the catalogue.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { optimize } from "../../optimizer";
import type { Cart, Wallet } from "../../optimizer/schema";
import english from "../../public/_locales/en/messages.json";
import { loadCheckoutPreferences } from "../../src/checkout/preferences";
import { send } from "../../src/messaging/bus";
import type { PanelUpdate, StackUpdate } from "../../src/messaging/checkout";
import { PanelApp } from "../../src/ui/panel/PanelApp";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { speakEnglish, text } from "./support/ui";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));
vi.mock("../../src/messaging/bus", () => ({ send: vi.fn() }));

const CHANNEL = "0123456789abcdef0123456789abcdef";
let root: HTMLElement;
let deliver: ((update: PanelUpdate) => void) | undefined;
let closed: boolean;

const fakeConnect = (_channel: string, onUpdate: (u: PanelUpdate) => void) => {
  deliver = onUpdate;
  return {
    close: () => {
      closed = true;
    },
  };
};
const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));
/** Hands an update to the panel as the background's port would, and lets it render. */
const push = (update: PanelUpdate) =>
  act(() => {
    if (!deliver) throw new Error("the panel has not connected");
    deliver(update);
  });
const byTestId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allByTestId = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
const button = (label: string) => {
  const b = [...root.querySelectorAll("button")].find((x) => text(x) === label);
  if (!b) throw new Error(`no button "${label}"`);
  return b;
};

function stackUpdate(
  cart: Cart,
  wallet: Wallet,
  options: { maxOrders?: number; page?: "cart" | "checkout"; canApply?: boolean; stackId?: number } = {},
): StackUpdate {
  const result = optimize({
    now: "2026-11-22T10:00:00Z",
    cart,
    wallet,
    options: { maxOrders: options.maxOrders ?? 2 },
  });
  return {
    type: "stack",
    stackId: options.stackId ?? 1,
    page: options.page ?? "cart",
    canApply: options.canApply ?? false,
    cart,
    result,
    coupons: wallet.coupons,
    preferences: { useCoinsAndPoints: true, maxOrders: 2 },
    refining: false,
    notes: ["Promotions of Store B are unknown: none counted."],
  };
}

const mount = () =>
  act(() => {
    render(<PanelApp channel={CHANNEL} locale="en-US" connect={fakeConnect} />, root);
  });

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
  vi.mocked(send).mockReset();
  closed = false;
  deliver = undefined;
  root = document.createElement("div");
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe("a stack", () => {
  const scenario = loadScenario("basic");
  const update = stackUpdate(expectedCart(scenario), scenario.wallet);

  it("shows the total and savings with the figures in cents, then each order", async () => {
    await mount();
    push(update);
    await settle();
    const { result } = update;
    expect(byTestId("stack-total")?.dataset.cents).toBe(String(result.total));
    expect(text(byTestId("stack-total"))).toBe("$79.63");
    expect(byTestId("stack-savings")?.dataset.cents).toBe(String(result.savings));
    expect(text(byTestId("stack-savings"))).toBe("$15.60 less than paying full price");
    expect(text(byTestId("stack-vs-greedy"))).toBe("$1.20 less than the biggest coupon per slot");
    expect(byTestId("cart-status")).toBeNull();
    // The phone stand is not ticked: left out, and said so.
    expect(text(byTestId("stack-unticked"))).toBe("Unticked items left out: 1");
    const orders = allByTestId("stack-order");
    expect(orders.map((o) => text(o.querySelector("h2")))).toEqual(["Order 1 of 2", "Order 2 of 2"]);
    // Price paid per line adds up to each order's total less its shipping.
    result.orders.forEach((order, n) => {
      const lines = [...(orders[n]?.querySelectorAll<HTMLElement>("[data-testid=stack-item]") ?? [])];
      expect(lines.map((l) => l.dataset.itemId)).toEqual(order.itemIds);
      expect(lines.reduce((t, l) => t + Number(l.dataset.paidCents), 0)).toBe(order.total - order.shipping);
    });
    const slots = allByTestId("stack-slot").map(
      (s) => `${text(s.querySelector(".slot-label"))} | ${s.dataset.couponId ?? ""}`,
    );
    expect(slots).toContain("Store coupon · Cable World | CW200");
    expect(slots).toContain("Promo code | CODE-STACK5");
    expect(text(root.querySelector(".notes"))).toContain("Promotions of Store B are unknown");
  });

  it("copies a promo code", async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    await mount();
    push(update);
    await settle();
    expect(text(byTestId("promo-code-text"))).toBe("STACK5");
    const copy = byTestId("copy-code") as HTMLButtonElement;
    expect(copy.getAttribute("aria-label")).toBe("Copy promo code STACK5");
    copy.click();
    await vi.waitFor(() => expect(text(copy)).toBe("Copied"));
    expect(writeText).toHaveBeenCalledWith("STACK5");
  });

  it("says what to add, and where, to unlock coupons just out of reach", async () => {
    const worked = loadScenario("worked");
    const wallet: Wallet = {
      ...worked.wallet,
      coupons: [
        ...worked.wallet.coupons,
        {
          id: "A5",
          kind: "store",
          storeId: "1100000001",
          off: 500,
          minSpend: 3000,
          expiresAt: "2026-12-01T00:00:00Z",
          status: "active",
        },
        {
          id: "SEL3",
          kind: "select",
          off: 300,
          minSpend: 1000,
          expiresAt: "2026-12-01T00:00:00Z",
          status: "active",
        },
        {
          id: "BIG",
          kind: "platform",
          off: 1500,
          minSpend: 9000,
          expiresAt: "2026-12-01T00:00:00Z",
          status: "active",
        },
      ],
    };
    await mount();
    push(stackUpdate(expectedCart(worked), wallet));
    await settle();
    expect(allByTestId("unlock-hint").map(text)).toEqual([
      "Add $9.00 from Store A to unlock A5 ($5.00 off)",
      "Add $10.00 of Choice items to unlock SEL3 ($3.00 off)",
      "Add $42.00 to unlock BIG ($15.00 off)",
    ]);
  });

  it("announces the new total politely once it settles", async () => {
    await mount();
    push(update);
    await vi.waitFor(() => expect(text(byTestId("panel-announcement"))).toBe("New total to pay: $79.63"));
    expect(byTestId("panel-announcement")?.getAttribute("aria-live")).toBe("polite");
  });
});

describe("no stack to show", () => {
  const scenario = loadScenario("worked");
  const update = stackUpdate(expectedCart(scenario), scenario.wallet);

  it("says it is connecting, then reading, with no total", async () => {
    await mount();
    expect(byTestId("cart-status")?.dataset.status).toBe("connecting");
    push({ type: "status", page: "cart", status: "loading", reason: "", notes: [] });
    await settle();
    expect(text(byTestId("cart-status"))).toBe("Reading your cart…");
    expect(byTestId("stack-total")).toBeNull();
  });

  it("keeps the stack dimmed while the page changes its cart, and drops it when the cart cannot be read", async () => {
    await mount();
    push(update);
    await settle();
    push({ type: "status", page: "cart", status: "loading", reason: "", notes: [] });
    await settle();
    expect(byTestId("stack-total")).not.toBeNull();
    expect(root.querySelector(".stack-stale")).not.toBeNull();
    expect(text(root.querySelector(".pill"))).toBe("Updating…");
    push({ type: "status", page: "cart", status: "unreadable", reason: "row 2: no quantity", notes: [] });
    await settle();
    expect(byTestId("stack-total")).toBeNull();
    expect(byTestId("stack-savings")).toBeNull();
    const status = byTestId("cart-status");
    expect(status?.dataset.status).toBe("unreadable");
    expect(status?.getAttribute("role")).toBe("alert");
    expect(text(status)).toContain("Why: row 2: no quantity");
  });

  it.each([
    ["empty", "Your cart is empty."],
    ["none-selected", "Tick the items you want to buy to see their best stack."],
    ["error", "Stackwise could not work out a stack."],
  ] as const)("%s", async (status, words) => {
    await mount();
    push(update);
    await settle();
    push({ type: "status", page: "cart", status, reason: "because", notes: [] });
    await settle();
    expect(byTestId("stack-total")).toBeNull();
    expect(text(byTestId("cart-status"))).toContain(words);
  });

  it("closes its connection when it goes away", async () => {
    await mount();
    await act(() => render(null, root));
    expect(closed).toBe(true);
  });
});

describe("actions", () => {
  const scenario = loadScenario("worked");
  const cart = expectedCart(scenario);

  it("offers Apply on a checkout that supports it, and reports what happened", async () => {
    vi.mocked(send).mockResolvedValueOnce({ ok: true, actions: 3 });
    await mount();
    push(stackUpdate(cart, scenario.wallet, { page: "checkout", canApply: true, stackId: 9, maxOrders: 1 }));
    await settle();
    button("Apply").click();
    await vi.waitFor(() =>
      expect(text(byTestId("panel-notice"))).toBe("Filled in. The page's total should now match."),
    );
    expect(send).toHaveBeenCalledWith("checkout/apply", { channel: CHANNEL, stackId: 9 });

    vi.mocked(send).mockResolvedValueOnce({ ok: false, reason: "not offered", missing: ["store coupon A1"] });
    button("Apply").click();
    await vi.waitFor(() =>
      expect(text(byTestId("panel-notice"))).toBe(
        "Could not fill this checkout in: not offered; store coupon A1",
      ),
    );
  });

  it("has no Apply on a cart page", async () => {
    await mount();
    push(stackUpdate(cart, scenario.wallet));
    await settle();
    expect([...root.querySelectorAll("button")].some((b) => text(b) === "Apply")).toBe(false);
  });

  it("records an order as placed, and shows a refusal as it comes", async () => {
    vi.mocked(send).mockResolvedValueOnce({
      usedCouponIds: ["A1", "P"],
      coinsBalance: 21,
      pointsBalances: [],
    });
    await mount();
    push(stackUpdate(cart, scenario.wallet, { stackId: 4 }));
    await settle();
    button("I placed this order").click();
    await vi.waitFor(() => expect(text(byTestId("panel-notice"))).toContain("Recorded"));
    expect(send).toHaveBeenCalledWith("checkout/placed", { channel: CHANNEL, stackId: 4, order: 0 });

    vi.mocked(send).mockRejectedValueOnce(new Error('coupon "P" is already used'));
    button("I placed this order").click();
    await vi.waitFor(() =>
      expect(text(byTestId("panel-notice"))).toBe('Not recorded: coupon "P" is already used'),
    );
  });

  it("saves preferences at once", async () => {
    await mount();
    push(stackUpdate(cart, scenario.wallet));
    await settle();
    const one = root.querySelector<HTMLInputElement>('[data-testid="pref-max-orders-1"]');
    one?.click();
    await vi.waitFor(async () => expect((await loadCheckoutPreferences()).maxOrders).toBe(1));
    root.querySelector<HTMLInputElement>('[data-testid="pref-coins-points"]')?.click();
    await vi.waitFor(async () =>
      expect(await loadCheckoutPreferences()).toEqual({ useCoinsAndPoints: false, maxOrders: 1 }),
    );
    expect(one?.checked).toBe(true);
  });
});

describe("the panel's strings", () => {
  const catalogue = english as Record<string, { message: string }>;
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return sources(path);
      return /\.tsx?$/.test(entry) ? [path] : [];
    });
  const code = ["src/ui/panel", "src/checkout", "entrypoints/panel"]
    .flatMap(sources)
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");

  it("uses only keys the catalogue has, and every panel key is used", () => {
    const used = new Set([...code.matchAll(/"(panel_[A-Za-z0-9]+)"/g)].map((m) => m[1]));
    // A plural sentence is named by its base key and declared as its _one and _other forms.
    for (const key of used) expect(catalogue[key as string] ?? catalogue[`${key}_other`], key).toBeDefined();
    const declared = Object.keys(catalogue)
      .filter((k) => k.startsWith("panel_"))
      .map((k) => k.replace(/_(one|other)$/, ""));
    expect(declared.filter((k) => !used.has(k))).toEqual([]);
  });

  it("keeps the names the contract fixes", () => {
    expect(catalogue.panel_apply?.message).toBe("Apply");
    expect(catalogue.panel_placed?.message).toBe("I placed this order");
  });
});
