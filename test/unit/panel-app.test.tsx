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
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { optimize } from "../../optimizer";
import type { Cart, Wallet } from "../../optimizer/schema";
import english from "../../public/_locales/en/messages.json";
import type { CheckoutFigures } from "../../src/adapters/types";
import { message, Refusal } from "../../src/core/message";
import type { PanelUpdate, StackUpdate } from "../../src/messaging/checkout";
import { send } from "../../src/services/bus";
import { loadCheckoutPreferences } from "../../src/services/checkout-preferences";
import { money as formatMoney } from "../../src/services/format";
import { type CatalogueEntry, catalogueMessage } from "../../src/services/i18n";
import { PanelApp } from "../../src/ui/panel/PanelApp";
import { expectedCart, loadScenario } from "../fixtures/shop/scenarios";
import { speakEnglish, text } from "./support/ui";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));
vi.mock("../../src/services/bus", () => ({ send: vi.fn() }));

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
  options: {
    maxOrders?: number;
    page?: "cart" | "checkout";
    canApply?: boolean;
    stackId?: number;
    checkout?: (result: StackUpdate["result"]) => CheckoutFigures;
  } = {},
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
    notes: [message("adapter_promotionsUnknown", "Store B")],
    ...(options.checkout ? { checkout: options.checkout(result) } : {}),
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

describe("what the page itself says", () => {
  const scenario = loadScenario("paged");
  const loaded = expectedCart(scenario, scenario.pageSize);

  it("a cart the page has not fully loaded: the notice, and the total named as the loaded items'", async () => {
    await mount();
    push({ ...stackUpdate(loaded, scenario.wallet), incomplete: "more-lines" });
    await settle();
    const notice = byTestId("cart-incomplete");
    expect(text(notice)).toMatch(/more items than the page has loaded\. Scroll to the end of your cart/);
    expect(text(notice)).toMatch(/not your whole cart/);
    expect(text(root.querySelector(".total-label"))).toBe("You pay, for the loaded items only");
    expect(byTestId("stack-total")?.dataset.cents).toMatch(/^\d+$/);

    // The rest arrives: the notice goes and the total is the cart's.
    push({ ...stackUpdate(expectedCart(scenario), scenario.wallet), stackId: 2 });
    await settle();
    expect(byTestId("cart-incomplete")).toBeNull();
    expect(text(root.querySelector(".total-label"))).toBe("You pay");
  });

  it("rows read from the screen only: a notice that says the figure may not be the whole cart", async () => {
    await mount();
    push({ ...stackUpdate(loaded, scenario.wallet), incomplete: "rows-only" });
    await settle();
    expect(text(byTestId("cart-incomplete"))).toMatch(/cannot tell whether there are more/);
  });

  it("a summary that contradicts the lines is said in words, with both figures", async () => {
    await mount();
    push({
      ...stackUpdate(expectedCart(scenario), scenario.wallet),
      mismatch: { kind: "subtotal", page: "US $131.41", pageCents: 13141, ours: 12641 },
    });
    await settle();
    expect(text(byTestId("page-mismatch"))).toBe(
      "The page says the ticked items come to US $131.41, but Stackwise counts $126.41 for the same items. Check your cart before trusting either figure.",
    );
    push({
      ...stackUpdate(expectedCart(scenario), scenario.wallet),
      stackId: 2,
      mismatch: { kind: "currency", page: "SEK", ours: "USD" },
    });
    await settle();
    expect(text(byTestId("page-mismatch"))).toMatch(
      /charges in SEK, but the prices Stackwise read are in USD/,
    );
    push({ ...stackUpdate(expectedCart(scenario), scenario.wallet), stackId: 3 });
    await settle();
    expect(byTestId("page-mismatch")).toBeNull();
  });

  it("an empty status of a page with more to load says so, and still lists what is not checked out", async () => {
    await mount();
    push({
      type: "status",
      page: "cart",
      status: "empty",
      reason: message("adapter_onlyUnavailable"),
      notes: [],
      incomplete: "more-lines",
      unavailable: [{ title: "Magnetic cable organiser", reason: "Sold out" }],
    });
    await settle();
    expect(text(byTestId("cart-status"))).toBe("Nothing to buy among the items loaded so far.");
    expect(text(byTestId("cart-incomplete"))).toMatch(/Scroll to the end of your cart/);
    expect(allByTestId("unavailable-line").map(text)).toEqual(["Magnetic cable organiser: Sold out"]);
    expect(byTestId("stack-total")).toBeNull();
  });

  it("lists unavailable lines as not checked out, with the page's reasons", async () => {
    await mount();
    push({
      ...stackUpdate(expectedCart(scenario), scenario.wallet),
      unavailable: [
        { title: "Magnetic cable organiser", reason: "This item can't be shipped to your address" },
        { title: "Flux pen", reason: "" },
      ],
    });
    await settle();
    expect(text(root.querySelector("#unavailable-heading"))).toBe("Not checked out");
    expect(allByTestId("unavailable-line").map(text)).toEqual([
      "Magnetic cable organiser: This item can't be shipped to your address",
      "Flux pen: unavailable",
    ]);
  });
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
    push({ type: "status", page: "cart", status: "loading", notes: [] });
    await settle();
    expect(text(byTestId("cart-status"))).toBe("Reading your cart…");
    expect(byTestId("stack-total")).toBeNull();
  });

  it("keeps the stack dimmed while the page changes its cart, and drops it when the cart cannot be read", async () => {
    await mount();
    push(update);
    await settle();
    push({ type: "status", page: "cart", status: "loading", notes: [] });
    await settle();
    expect(byTestId("stack-total")).not.toBeNull();
    expect(root.querySelector(".stack-stale")).not.toBeNull();
    expect(text(root.querySelector(".pill"))).toBe("Updating…");
    push({
      type: "status",
      page: "cart",
      status: "unreadable",
      reason: message("adapter_technical", "row 2: no quantity"),
      notes: [],
    });
    await settle();
    expect(byTestId("stack-total")).toBeNull();
    expect(byTestId("stack-savings")).toBeNull();
    const status = byTestId("cart-status");
    expect(status?.dataset.status).toBe("unreadable");
    expect(status?.getAttribute("role")).toBe("alert");
    expect(text(status)).toContain("Why: technical detail: row 2: no quantity");
  });

  it.each([
    ["empty", "Your cart is empty."],
    ["none-selected", "Tick the items you want to buy to see their best stack."],
    ["error", "Stackwise could not work out a stack."],
  ] as const)("%s", async (status, words) => {
    await mount();
    push(update);
    await settle();
    push({ type: "status", page: "cart", status, reason: message("adapter_cartEmpty"), notes: [] });
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

const money = (cents: number) => formatMoney(cents, "USD", "en-US");

describe("actions", () => {
  const scenario = loadScenario("worked");
  const cart = expectedCart(scenario);

  /** The page as it stands before the shopper picks anything but the store coupon: no AliExpress coupon yet, VAT on top. */
  const pageWithoutPlatform = (result: StackUpdate["result"]): CheckoutFigures => {
    const order = result.orders[0];
    if (!order?.platformCoupon) throw new Error("expected a platform coupon in the stack");
    const subtotal = cart.items.reduce((t, i) => t + i.unitPrice * i.quantity, 0);
    const storeCoupons = order.storeCoupons.reduce((t, c) => t + c.amount, 0);
    const beforeTax = result.total + order.platformCoupon.amount;
    return {
      source: "api",
      currency: "USD",
      total: beforeTax + 100,
      tax: 100,
      lines: [
        { title: "Subtotal", kind: "subtotal", cents: subtotal },
        { title: "Store coupons", kind: "store-coupon", cents: -storeCoupons },
        { title: "Shipping fee", kind: "shipping", cents: order.shipping },
        { title: "Coins", kind: "coins", cents: -order.coins.amount },
        { title: "VAT", kind: "tax", cents: 100 },
      ],
      promo: null,
      update: 3,
    };
  };

  it("holds the stack to the page's own figures, and says which line differs", async () => {
    await mount();
    const update = stackUpdate(cart, scenario.wallet, {
      page: "checkout",
      canApply: true,
      maxOrders: 1,
      checkout: pageWithoutPlatform,
    });
    push(update);
    await settle();
    const order = update.result.orders[0];
    const figures = update.checkout;
    if (!order?.platformCoupon || !figures) throw new Error("no order");
    expect(byTestId("stack-total")?.dataset.cents).toBe(String(update.result.total));
    expect(byTestId("page-total")?.dataset.cents).toBe(String(figures.total));
    expect(byTestId("page-tax")?.dataset.cents).toBe("100");
    expect(allByTestId("page-tax-line").map(text)).toEqual([`VAT${money(100)}`]);
    const compare = byTestId("page-compare");
    expect(compare?.dataset.state).toBe("differs");
    expect(compare?.dataset.cents).toBe(String(order.platformCoupon.amount));
    expect(text(compare)).toBe(
      `Before tax the page charges ${money(figures.total - 100)}: ${money(order.platformCoupon.amount)} more than the stack.`,
    );
    expect(allByTestId("page-difference").map(text)).toEqual([
      `AliExpress coupon (${money(order.platformCoupon.amount)} off) is not applied on the page.`,
    ]);
    const choices = allByTestId("coupon-choice").map((c) => [c.dataset.couponId, c.dataset.state]);
    expect(choices).toEqual([
      ["A1", "matched"],
      ["P", "unmatched"],
    ]);

    // The next adjustorder: the shopper picked P in the page's list; the page now agrees.
    push({
      ...update,
      stackId: 2,
      checkout: {
        ...figures,
        total: figures.total - order.platformCoupon.amount,
        lines: [
          ...figures.lines,
          { title: "AliExpress coupon", kind: "platform-coupon", cents: -order.platformCoupon.amount },
        ],
        update: 4,
      },
    });
    await settle();
    expect(byTestId("page-compare")?.dataset.state).toBe("same");
    expect(allByTestId("page-difference")).toEqual([]);
    expect(allByTestId("coupon-choice").map((c) => c.dataset.state)).toEqual(["matched", "matched"]);
  });

  /** The panel on a checkout, showing a one-order stack it can fill in (stack 9). */
  const showCheckoutStack = async () => {
    await mount();
    push(
      stackUpdate(cart, scenario.wallet, {
        page: "checkout",
        canApply: true,
        stackId: 9,
        maxOrders: 1,
        checkout: pageWithoutPlatform,
      }),
    );
    await settle();
  };

  it("Apply reports the page's own answer: applied, refused with its message, nothing to apply", async () => {
    await showCheckoutStack();
    vi.mocked(send).mockResolvedValueOnce({
      state: "applied",
      message: message("panel_applyApplied", "STACK5"),
      code: "STACK5",
    });
    button("Apply").click();
    await vi.waitFor(() => expect(byTestId("apply-status")?.dataset.state).toBe("applied"));
    expect(text(byTestId("apply-status"))).toBe("The page took the promo code STACK5.");
    expect(send).toHaveBeenCalledWith("checkout/apply", { channel: CHANNEL, stackId: 9 });

    vi.mocked(send).mockResolvedValueOnce({
      state: "refused",
      message: message("panel_applyRefused", "OLD", "This code has expired."),
      code: "OLD",
    });
    button("Apply").click();
    await vi.waitFor(() => expect(byTestId("apply-status")?.dataset.state).toBe("refused"));
    expect(text(byTestId("apply-status"))).toBe(
      "The page refused the promo code OLD: This code has expired.",
    );

    vi.mocked(send).mockResolvedValueOnce({
      state: "nothing-to-apply",
      message: message("panel_applyNothing"),
    });
    button("Apply").click();
    await vi.waitFor(() => expect(byTestId("apply-status")?.dataset.state).toBe("nothing-to-apply"));

    vi.mocked(send).mockRejectedValueOnce(new Error("This page is no longer open."));
    button("Apply").click();
    await vi.waitFor(() => expect(byTestId("apply-status")?.dataset.state).toBe("failed"));
    expect(text(byTestId("apply-status"))).toBe(
      "Could not apply the promo code: This page is no longer open.",
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

  it("speaks French to a French reader: the background's refusals, the page's silence, the page's own words", async () => {
    const french = JSON.parse(readFileSync("public/_locales/fr/messages.json", "utf8")) as Record<
      string,
      CatalogueEntry
    >;
    vi.spyOn(browser.i18n, "getMessage").mockImplementation(((key: string, subs?: string | string[]) =>
      catalogueMessage(french, key, subs)) as never);
    await showCheckoutStack();
    const apply = () => button("Appliquer").click();

    // The bus hands the panel the background's refusal as the Message it was thrown with.
    vi.mocked(send).mockRejectedValueOnce(new Refusal(message("checkout_pageGone")));
    apply();
    await vi.waitFor(() => expect(byTestId("apply-status")?.dataset.state).toBe("failed"));
    expect(text(byTestId("apply-status"))).toBe(
      "Impossible d'appliquer le code promo : Cette page n'est plus ouverte.",
    );

    // What the background answers when the page's script gave nothing back.
    vi.mocked(send).mockResolvedValueOnce({
      state: "failed",
      message: message("panel_applyFailed", message("adapter_pageNoAnswer")),
    });
    apply();
    await vi.waitFor(() => expect(text(byTestId("apply-status"))).toContain("la page n'a pas répondu"));
    expect(text(byTestId("apply-status"))).toBe(
      "Impossible d'appliquer le code promo : la page n'a pas répondu",
    );

    // The page's own words stay the page's: only the sentence around them is translated.
    vi.mocked(send).mockResolvedValueOnce({
      state: "refused",
      message: message("panel_applyRefused", "OLD", "This code has expired."),
      code: "OLD",
    });
    apply();
    await vi.waitFor(() => expect(byTestId("apply-status")?.dataset.state).toBe("refused"));
    expect(text(byTestId("apply-status"))).toBe(
      "La page a refusé le code promo OLD : This code has expired.",
    );

    // A stale stack, refused by the background, and a cart it cannot read, in French too.
    vi.mocked(send).mockRejectedValueOnce(new Refusal(message("checkout_stackStale")));
    button("J'ai passé cette commande").click();
    await vi.waitFor(() =>
      expect(text(byTestId("panel-notice"))).toContain("Le panier ou le portefeuille a changé"),
    );
    push({
      type: "status",
      page: "checkout",
      status: "unreadable",
      reason: message("adapter_checkoutDataFailed", "adjustorder", "FAIL_SYS_TOKEN_EXOIRED"),
      notes: [],
    });
    await settle();
    expect(text(byTestId("cart-status"))).toContain("FAIL_SYS_TOKEN_EXOIRED");
    expect(text(byTestId("cart-status"))).not.toMatch(/the page's|request failed/);
  });

  /** Mounts the panel on the scenario's stack and clicks "1 order"; settles once that is saved. */
  async function chooseOneOrder(): Promise<HTMLInputElement | null> {
    await mount();
    push(stackUpdate(cart, scenario.wallet));
    await settle();
    const one = root.querySelector<HTMLInputElement>('[data-testid="pref-max-orders-1"]');
    one?.click();
    await vi.waitFor(async () => expect((await loadCheckoutPreferences()).maxOrders).toBe(1));
    return one;
  }

  it("saves preferences at once", async () => {
    const one = await chooseOneOrder();
    root.querySelector<HTMLInputElement>('[data-testid="pref-coins-points"]')?.click();
    await vi.waitFor(async () =>
      expect(await loadCheckoutPreferences()).toEqual({ useCoinsAndPoints: false, maxOrders: 1 }),
    );
    expect(one?.checked).toBe(true);
  });

  it("keeps a choice made while the stored preferences were still being read", async () => {
    // The first read of storage answers late (a busy browser, a 200-line cart); the
    // shopper's click and its save come first, and the late answer must not undo them.
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    let release: () => void = () => undefined;
    const late = new Promise<void>((r) => {
      release = r;
    });
    const spy = vi.spyOn(fakeBrowser.storage.local, "get").mockImplementationOnce(async (keys) => {
      const stale = await get(keys as string);
      await late;
      return stale;
    });
    const one = await chooseOneOrder();
    await settle();
    release();
    await settle();
    await settle();
    expect(one?.checked).toBe(true);
    expect(root.querySelector<HTMLInputElement>('[data-testid="pref-max-orders-2"]')?.checked).toBe(false);
    spy.mockRestore();
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
  const code = [
    "src/ui/panel",
    "src/ui/shared",
    "src/background",
    "src/content",
    "entrypoints/panel",
    "src/adapters",
  ]
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
