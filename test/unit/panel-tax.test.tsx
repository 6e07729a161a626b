// @vitest-environment jsdom
/**
 * The panel's import-tax section (issue 13): the tax the total includes, per order and
 * per package, and what a split saves against the best single order after tax; a
 * destination without a rule says why the tax is missing; no destination, no section.
 */
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { optimize } from "../../optimizer";
import type { Cart } from "../../optimizer/schema";
import type { PanelUpdate, StackUpdate } from "../../src/messaging/checkout";
import { PanelApp } from "../../src/ui/panel/PanelApp";
import { speakEnglish, text } from "./support/ui";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));
vi.mock("../../src/services/bus", () => ({ send: vi.fn() }));

const CHANNEL = "0123456789abcdef0123456789abcdef";
let root: HTMLElement;
let deliver: ((update: PanelUpdate) => void) | undefined;

const fakeConnect = (_channel: string, onUpdate: (u: PanelUpdate) => void) => {
  deliver = onUpdate;
  return { close: () => undefined };
};
const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));
const push = (update: PanelUpdate) =>
  act(() => {
    if (!deliver) throw new Error("the panel has not connected");
    deliver(update);
  });
const byTestId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allByTestId = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

const cart: Cart = {
  currency: "USD",
  items: [
    {
      id: "a",
      title: "Lamp",
      storeId: "s1",
      unitPrice: 5000,
      quantity: 1,
      selected: true,
      selectEligible: false,
    },
    {
      id: "b",
      title: "Cable",
      storeId: "s1",
      unitPrice: 5000,
      quantity: 1,
      selected: true,
      selectEligible: false,
    },
  ],
  stores: [{ id: "s1", name: "Lamp World", promotions: [] }],
};

function update(destination: Record<string, unknown> | undefined): StackUpdate {
  const input = {
    now: "2026-11-22T10:00:00Z",
    cart,
    options: { maxOrders: 2 },
    ...(destination ? { destination } : {}),
  };
  const result = optimize(input);
  const single = optimize({ ...input, options: { maxOrders: 1 } });
  return {
    type: "stack",
    stackId: 1,
    page: "cart",
    canApply: false,
    cart,
    result,
    coupons: [],
    preferences: { useCoinsAndPoints: true, maxOrders: 2 },
    refining: false,
    ...(result.taxModelled && result.orders.length > 1
      ? { oneOrder: { total: single.total, tax: single.tax ?? 0 } }
      : {}),
    notes: [],
  };
}

const mount = () =>
  act(() => {
    render(<PanelApp channel={CHANNEL} locale="en-US" connect={fakeConnect} />, root);
  });

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
  deliver = undefined;
  root = document.createElement("div");
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

describe("the panel's import tax", () => {
  it("Brazil: the tax per order and package, the after-tax total and the split's tax saving", async () => {
    await mount();
    const u = update({ country: "BR", region: "SP" });
    push(u);
    await settle();
    expect(byTestId("stack-total")?.dataset.cents).toBe("14458");
    expect(byTestId("tax-total")?.dataset.cents).toBe("4458");
    expect(text(byTestId("tax-total"))).toBe(
      "The total includes $44.58 of import tax, estimated per package",
    );
    // One order of US$100 pays US$68.67 of tax; two of US$50 pay US$44.58.
    expect(byTestId("tax-split-saving")?.dataset.cents).toBe("2409");
    expect(text(byTestId("tax-split-saving"))).toBe("Splitting into 2 orders saves $24.09 of import tax");
    expect(allByTestId("tax-order").map((o) => o.dataset.cents)).toEqual(["2229", "2229"]);
    expect(allByTestId("tax-line").map((l) => text(l))).toEqual([
      "Import tax, Lamp World $10.00",
      "ICMS, Lamp World $12.29",
      "Import tax, Lamp World $10.00",
      "ICMS, Lamp World $12.29",
    ]);
  });

  it("EU: a package above EUR 150 has no tax at checkout, and the panel says so", async () => {
    await mount();
    // 2.5 EUR per USD: each US$100 package is EUR 250 of goods, above the EUR 150 threshold.
    push(update({ country: "DE", rate: 2.5 }));
    await settle();
    expect(byTestId("tax-total")?.dataset.cents).toBe("0");
    expect(text(byTestId("tax-outside"))).toBe(
      "1 of 1 packages have no tax line at checkout: any tax on them is charged at delivery and is not included",
    );
  });

  it("a destination with no rule says the tax is not included, and why", async () => {
    await mount();
    push(update({ country: "JP" }));
    await settle();
    expect(text(byTestId("tax-not-modelled"))).toBe(
      "Import tax is not included: Stackwise has no tax rule for this destination at this date.",
    );
    expect(byTestId("tax-total")).toBeNull();
  });

  it("says where the destination and the rate came from, and what a checkout's lines said of the rate", async () => {
    await mount();
    push({
      ...update({ country: "BR", rate: 0.1843 }),
      destination: { country: "BR", from: "page", setting: "PT", province: "922878890000000000" },
      taxRate: {
        rate: 0.1843,
        ruleCurrency: "USD",
        cartCurrency: "BRL",
        source: "checkout",
        date: "2026-12-06T10:00:00.000Z",
      },
      calibration: {
        outcome: "rate",
        ruleCurrency: "USD",
        cartCurrency: "BRL",
        rate: 0.1843,
        low: 0.18429,
        high: 0.18431,
        disagree: ["Casa & Jardim"],
      },
    });
    await settle();
    expect(allByTestId("tax-destination").map((p) => text(p))).toEqual([
      "Ship-to country from the page: Brazil; your setting says Portugal.",
      "The page's state code \"922878890000000000\" is in a format no source describes, and your settings name no state for Brazil: the rule's default rate is used.",
    ]);
    expect(text(byTestId("tax-rate-source"))).toBe(
      "Exchange rate 0.1843 USD per BRL, from the tax lines of your checkout on Dec 6, 2026.",
    );
    expect(allByTestId("tax-calibration").map((p) => text(p))).toEqual([
      "This checkout's tax lines give an exchange rate of 0.1843 USD per BRL (every rate from 0.18429 to 0.18431 gives the same lines).",
      "The tax lines of Casa & Jardim do not agree with that rate.",
      "It is used for your next carts to this destination.",
    ]);
  });

  it("an unknown ship-to code on the page, and a checkout whose lines cannot give the rate, each said why", async () => {
    await mount();
    push({
      ...update({ country: "BR" }),
      destination: { country: "BR", from: "setting", pageProblem: { kind: "unknown", text: "ZZ" } },
      calibration: { outcome: "proportional", ruleCurrency: "USD", cartCurrency: "BRL", disagree: [] },
    });
    await settle();
    expect(text(byTestId("tax-destination"))).toBe(
      'The page\'s ship-to code "ZZ" is no country Stackwise knows: your setting, Brazil, is used.',
    );
    expect(text(byTestId("tax-calibration"))).toBe(
      "This checkout's tax lines do not tell the exchange rate: they come out the same at every rate, being proportional to the value. Only an amount fixed in USD (a deduction, a duty per product) or a threshold tells it.",
    );
  });

  it("no destination: no tax section at all", async () => {
    await mount();
    push(update(undefined));
    await settle();
    expect(byTestId("stack-total")).not.toBeNull();
    expect(byTestId("tax-card")).toBeNull();
  });

  it("on the checkout: the page's ICMS against the prediction, in words", async () => {
    await mount();
    const stack = update({ country: "BR", region: "SP" });
    const one = optimize({
      now: "2026-11-22T10:00:00Z",
      cart,
      options: { maxOrders: 1 },
      destination: { country: "BR", region: "SP" },
    });
    // One US$100 package: US$40.00 of import tax and US$28.67 of ICMS predicted.
    expect(one.tax).toBe(6867);
    const lines = [
      { title: "Subtotal", kind: "subtotal" as const, cents: 10000 },
      { title: "Import tax", kind: "tax" as const, cents: 4000 },
      { title: "ICMS", kind: "tax" as const, cents: 2907 },
    ];
    push({
      ...stack,
      page: "checkout",
      canApply: true,
      result: one,
      oneOrder: undefined,
      preferences: { useCoinsAndPoints: true, maxOrders: 1 },
      checkout: { source: "api", currency: "USD", total: 16907, tax: 6907, lines, promo: null, update: 1 },
    } as StackUpdate);
    await settle();
    const check = byTestId("page-tax-check");
    expect(check?.dataset.state).toBe("differs");
    expect(check?.dataset.cents).toBe("40");
    expect(allByTestId("page-tax-difference").map((p) => text(p))).toEqual([
      "The page charges $69.07 of tax in all; Stackwise predicted $68.67.",
      "The page charges $29.07 of ICMS; Stackwise predicted $28.67.",
    ]);
    // Before tax the page and the stack agree.
    expect(byTestId("page-compare")?.dataset.state).toBe("same");
  });
});
