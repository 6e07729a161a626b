/**
 * What the wallet tab's UI tests share: a coupon record as the wallet stores
 * it, and opening the popup's wallet tab the way a person does.
 */
import { render } from "preact";
import { expect, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import {
  OPENING_KEYS,
  openingState,
  SCREEN_COPY_KEY,
  type ScreenCopy,
} from "../../../src/services/screen-picture";
import { stampsSettled } from "../../../src/storage/writeStamp";
import { PopupApp } from "../../../src/ui/popup/PopupApp";
import type { UiServices } from "../../../src/ui/shared/services";
import { FIRST_LAZY_RENDER, screenOf, testServices } from "./ui";

/** A platform coupon, US$5 off a US$20 minimum, active; `extra` changes any of that. */
export const walletCoupon = (id: string, expiresAt: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: "platform",
  off: 500,
  minSpend: 2000,
  expiresAt,
  currency: "USD",
  status: "active",
  ...extra,
});

/**
 * Renders the popup in `root` and clicks its wallet tab; resolves when the coupons card is
 * there and, with `listed`, when its first pages of coupons are in (they come after the card).
 */
export async function openWalletTab(
  root: HTMLElement,
  services: UiServices,
  { listed = false }: { listed?: boolean } = {},
): Promise<void> {
  const { byTestId } = screenOf(() => root);
  render(<PopupApp services={services} />, root);
  await vi.waitFor(() => expect(byTestId("tab-wallet")).not.toBeNull());
  byTestId("tab-wallet")?.click();
  await vi.waitFor(() => expect(byTestId("coupons-card")).not.toBeNull(), FIRST_LAZY_RENDER);
  if (listed)
    await vi.waitFor(() => expect(byTestId("coupons-card")?.querySelector('[aria-busy="true"]')).toBeNull());
}

/**
 * The popup's services as its first script leaves them (what storage held at opening, read
 * now), keeping each picture the popup takes in `kept` and in storage, as the popup does.
 */
export async function openedWithPictures(setup: {
  dbName: string;
  now: number;
}): Promise<{ services: UiServices; kept: ScreenCopy[] }> {
  const opening = openingState(await fakeBrowser.storage.local.get([...OPENING_KEYS]));
  const kept: ScreenCopy[] = [];
  const services = testServices(setup, {
    opening: async () => opening,
    // As the popup's: once this page's own stamps are in, what storage holds now.
    readOpening: async () => {
      await stampsSettled();
      return openingState(await fakeBrowser.storage.local.get([...OPENING_KEYS]));
    },
    keepScreenCopy: async (c) => {
      kept.push(c);
      await fakeBrowser.storage.local.set({ [SCREEN_COPY_KEY]: c });
    },
  });
  return { services, kept };
}
