/**
 * AliExpress checkout page (`/p/trade/confirm.html`): its lines, priced with
 * the store terms of the cart read just before, and "Apply", which puts a
 * stack into the checkout's own coupon controls.
 *
 * The real checkout's markup is not described in shared/spec/aliexpress-cart.md;
 * what is read and operated here is the demo checkout's (test/fixtures/shop).
 * On any other layout the capture finds no lines and the read says the page
 * is not supported: Stackwise never fills in a page it cannot read back.
 */
import { z } from "zod";
import { type Cart, CartSchema, MAX_CENTS } from "../../optimizer/schema";
import {
  type CheckoutPageCapture,
  captureCheckoutPage,
  isCheckoutPage,
  MAX_ROWS,
  MAX_TEXT,
} from "./aliexpress-capture";
import { adapterText } from "./texts";
import type {
  ApplyResult,
  CartRead,
  CartSnapshot,
  CheckoutSupport,
  LineRef,
  PageInput,
  StackChoices,
} from "./types";

const CheckoutCaptureSchema = z.object({
  page: z.literal("aliexpress-checkout"),
  loading: z.boolean(),
  lines: z
    .array(
      z.object({
        cartId: z.string().max(40),
        text: z.string().max(MAX_TEXT),
        cents: z.string().max(20).nullable(),
      }),
    )
    .max(MAX_ROWS),
  truncated: z.boolean(),
  controls: z.boolean(),
});

const unreadable = (reason: string, notes: string[] = []): CartRead => ({
  ok: false,
  status: "unreadable",
  reason,
  notes,
});

function captureOf(page: PageInput): CheckoutPageCapture | undefined | "malformed" {
  if (page.dom !== undefined) {
    const parsed = CheckoutCaptureSchema.safeParse(page.dom);
    return parsed.success ? parsed.data : "malformed";
  }
  return page.document ? captureCheckoutPage(page.document) : undefined;
}

export function readAliExpressCheckout(page: PageInput, lastCart: CartSnapshot | undefined): CartRead {
  try {
    const capture = captureOf(page);
    if (capture === "malformed") return unreadable(adapterText("checkoutNotCaptured"));
    if (capture === undefined) return unreadable(adapterText("noCheckout"));
    if (capture.loading)
      return { ok: false, status: "loading", reason: "the checkout is still loading", notes: [] };
    if (capture.truncated) return unreadable(adapterText("checkoutTooManyLines", MAX_ROWS));
    if (capture.lines.length === 0)
      return capture.controls
        ? { ok: false, status: "empty", reason: adapterText("checkoutEmpty"), notes: [] }
        : unreadable(adapterText("checkoutLayout"));
    if (lastCart === undefined) return unreadable(adapterText("checkoutNeedsCart"));

    const items: Cart["items"] = [];
    const lines: LineRef[] = [];
    for (const [n, line] of capture.lines.entries()) {
      const lineNo = n + 1;
      const ref = lastCart.lines.find((l) => l.cartId !== undefined && l.cartId === line.cartId);
      const item = ref && lastCart.cart.items.find((i) => i.id === ref.id);
      if (!ref || !item) return unreadable(adapterText("checkoutLineNotInCart", lineNo));
      const quantity = Number(/×\s*(\d{1,6})$/.exec(line.text)?.[1] ?? Number.NaN);
      if (!Number.isInteger(quantity) || quantity < 1)
        return unreadable(adapterText("checkoutLineNoQuantity", lineNo));
      if (line.cents !== null && Number(line.cents) !== item.unitPrice * quantity)
        return unreadable(adapterText("checkoutPriceChanged", lineNo));
      items.push({ ...item, quantity, selected: true });
      lines.push(ref);
    }
    const stores = lastCart.cart.stores.filter((s) => items.some((i) => i.storeId === s.id));
    const parsed = CartSchema.safeParse({ currency: lastCart.cart.currency, items, stores });
    if (!parsed.success) return unreadable(adapterText("checkoutInvalid"));
    if (parsed.data.items.reduce((t, i) => t + i.unitPrice * i.quantity, 0) > MAX_CENTS)
      return unreadable(adapterText("checkoutImplausible"));
    return {
      ok: true,
      cart: parsed.data,
      source: "checkout",
      lines,
      notes: [adapterText("checkoutTerms")],
      signature: JSON.stringify(parsed.data),
    };
  } catch (error) {
    return unreadable(adapterText("unexpected", String(error)));
  }
}

/**
 * Fills the demo checkout's controls in: store coupon selects
 * (`store-coupon-<storeId>`), `select-coupon`, `platform-coupon` or
 * `promo-code` + `promo-apply` (`promo-remove` to clear a code), `use-coins`
 * and `use-points`. See CheckoutSupport.applyStack for why it is self-contained.
 */
export function applyAliExpressCheckout(choices: StackChoices): ApplyResult {
  try {
    const doc = document;
    // Only fixed test ids are looked up this way; store selects are found by their prefix.
    const byTestId = <T extends Element>(id: string): T | null =>
      doc.querySelector<T>(`[data-testid="${id}"]`);
    const missing: string[] = [];
    const steps: (() => boolean)[] = [];
    const fire = (el: Element, type: string) => el.dispatchEvent(new Event(type, { bubbles: true }));

    const pick = (select: HTMLSelectElement | null, value: string, what: string) => {
      if (!select) {
        if (value !== "") missing.push(what);
        return;
      }
      const option = [...select.options].find((o) => o.value === value);
      if (!option || option.disabled) {
        missing.push(what);
        return;
      }
      steps.push(() => {
        if (select.value === value) return false;
        select.value = value;
        fire(select, "input");
        fire(select, "change");
        return true;
      });
    };
    const tick = (box: HTMLInputElement | null, on: boolean) => {
      if (!box || box.disabled) return;
      steps.push(() => {
        if (box.checked === on) return false;
        box.click();
        return true;
      });
    };

    const storeSelects = [...doc.querySelectorAll<HTMLSelectElement>('select[data-testid^="store-coupon-"]')];
    for (const c of choices.storeCoupons)
      if (!storeSelects.some((s) => s.dataset.storeId === c.storeId))
        missing.push(`store coupon ${c.couponId}`);
    for (const select of storeSelects) {
      const want = choices.storeCoupons.find((c) => c.storeId === select.dataset.storeId);
      pick(select, want?.couponId ?? "", `store coupon ${want?.couponId ?? ""}`);
    }
    pick(
      byTestId<HTMLSelectElement>("select-coupon"),
      choices.selectCouponId ?? "",
      `Select coupon ${choices.selectCouponId ?? ""}`,
    );

    const platform = choices.platform;
    const codeBox = byTestId<HTMLInputElement>("promo-code");
    const codeApply = byTestId<HTMLElement>("promo-apply");
    const codeRemove = byTestId<HTMLElement>("promo-remove");
    if (platform?.kind === "code") {
      if (!codeBox || !codeApply) missing.push(`promo code ${platform.code}`);
      else
        steps.push(() => {
          // A React-style input only sees a value set through the native setter plus an input event.
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
          if (setter) setter.call(codeBox, platform.code);
          else codeBox.value = platform.code;
          fire(codeBox, "input");
          fire(codeBox, "change");
          codeApply.click();
          return true;
        });
    } else {
      if (codeRemove)
        steps.push(() => {
          codeRemove.click();
          return true;
        });
      pick(
        byTestId<HTMLSelectElement>("platform-coupon"),
        platform?.couponId ?? "",
        `AliExpress coupon ${platform?.couponId ?? ""}`,
      );
    }
    tick(byTestId<HTMLInputElement>("use-coins"), choices.useCoins);
    tick(byTestId<HTMLInputElement>("use-points"), choices.usePoints);

    // Written out rather than taken from texts.ts: this function runs in the page on its own.
    // The panel still recognises the sentence, which matches the "checkoutMissingChoices" template.
    if (missing.length > 0)
      return { ok: false, reason: "this checkout does not offer every choice of the stack", missing };
    let actions = 0;
    for (const step of steps) if (step()) actions += 1;
    return { ok: true, actions };
  } catch (error) {
    return { ok: false, reason: `unexpected: ${String(error)}`, missing: [] };
  }
}

export const aliexpressCheckout: CheckoutSupport = {
  matches: isCheckoutPage,
  readCheckout: readAliExpressCheckout,
  applyStack: applyAliExpressCheckout,
};
