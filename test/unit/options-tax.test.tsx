// @vitest-environment jsdom
/**
 * The options' import-tax destination (issue 13): a country, Brazil's state, whether
 * discounts lower the taxed value and the exchange rate, saved in the checkout
 * preferences the background reads; a rate that is not a number is refused in words.
 */
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { loadCheckoutPreferences, parseCheckoutPreferences } from "../../src/services/checkout-preferences";
import { parseRate, TaxDestinationCard } from "../../src/ui/options/TaxDestinationCard";
import { settle, speakEnglish, text } from "./support/ui";

vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

let root: HTMLElement;
const byTestId = <E extends HTMLElement = HTMLElement>(id: string) =>
  root.querySelector<E>(`[data-testid="${id}"]`);

async function change(id: string, value: string) {
  const el = byTestId<HTMLInputElement | HTMLSelectElement>(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
  await settle();
}

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
  root = document.createElement("div");
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

describe("the import-tax destination in the options", () => {
  it("saves the country, Brazil's state, the discounts setting and the rate; None removes them", async () => {
    render(<TaxDestinationCard locale="en-US" />, root);
    await vi.waitFor(() => expect(byTestId("tax-country")).not.toBeNull());
    expect(byTestId("tax-region")).toBeNull();
    await change("tax-country", "BR");
    await vi.waitFor(() => expect(byTestId("tax-region")).not.toBeNull());
    expect((await loadCheckoutPreferences()).taxDestination).toEqual({ country: "BR" });
    await change("tax-region", "BA");
    expect((await loadCheckoutPreferences()).taxDestination).toEqual({ country: "BR", region: "BA" });
    const reduce = byTestId<HTMLInputElement>("tax-reduce-base");
    expect(reduce?.checked).toBe(true);
    reduce?.click();
    await settle();
    expect((await loadCheckoutPreferences()).taxDiscountsReduceBase).toBe(false);
    await change("tax-rate", "0,18");
    expect((await loadCheckoutPreferences()).taxRate).toBe(0.18);
    await change("tax-rate", "abc");
    expect(text(root)).toContain("Enter a positive number, such as 0.18");
    expect((await loadCheckoutPreferences()).taxRate).toBe(0.18);
    await change("tax-country", "");
    await vi.waitFor(async () => expect((await loadCheckoutPreferences()).taxDestination).toBeUndefined());
    await vi.waitFor(() => expect(byTestId("tax-region")).toBeNull());
    expect(byTestId("tax-rate")).toBeNull();
  });

  it("reads a damaged entry field by field, and rates as the optimizer accepts them", () => {
    const prefs = parseCheckoutPreferences({ maxOrders: 3, taxDestination: { country: "br" }, taxRate: 0.2 });
    expect(prefs).toMatchObject({ maxOrders: 3, taxRate: 0.2 });
    expect(prefs.taxDestination).toBeUndefined();
    expect(parseRate("5.1")).toBe(5.1);
    expect(parseRate(" 0,18 ")).toBe(0.18);
    for (const bad of ["", "-1", "0", "1e3", "0.123456789", "abc"]) expect(parseRate(bad), bad).toBeNull();
  });

  it("shows the rate calibrated on a checkout for the chosen country, and keeps a damaged one out", async () => {
    const calibration = {
      country: "BR",
      ruleCurrency: "USD",
      cartCurrency: "BRL",
      rate: 0.1843,
      low: 0.18429,
      high: 0.18431,
      date: "2026-12-06T10:00:00.000Z",
      checkout: "BRL-0badc0de",
    };
    await fakeBrowser.storage.local.set({
      checkoutPreferences: { taxDestination: { country: "BR" }, taxCalibrations: [calibration] },
    });
    render(<TaxDestinationCard locale="en-US" />, root);
    await vi.waitFor(() => expect(byTestId("tax-rate-calibrated")).not.toBeNull());
    expect(text(byTestId("tax-rate-calibrated"))).toBe(
      "Calibrated on your checkout of Dec 6, 2026: 0.1843 USD per BRL for Brazil (used while the field above is empty).",
    );
    // A calibration that does not read is dropped; the rest of the entry stays.
    const damaged = parseCheckoutPreferences({
      taxDestination: { country: "BR" },
      taxCalibrations: [{ ...calibration, rate: -1 }],
    });
    expect(damaged.taxDestination).toEqual({ country: "BR" });
    expect(damaged.taxCalibrations).toBeUndefined();
  });
});
