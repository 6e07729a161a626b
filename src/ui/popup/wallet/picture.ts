/**
 * Takes the picture of the wallet's first screen that the next popup opened on
 * the wallet draws before its modules load (src/ui/popup/earlyScreen.ts).
 * Taken once per popup, from the live screen as drawn, when the list opened
 * unfiltered; what makes it good or stale is said there.
 */
import type { StoredCoupon } from "../../../storage/schemas";
import { nextChangeWithTime } from "../../../wallet/coupons";
import type { UiServices } from "../../shared/services";
import { pictureOf, type ScreenCopy } from "../earlyScreen";

/** Coupons kept per list: more than a popup's screenful (two or three), far fewer than a page. */
const ITEMS_KEPT = 4;
/** Below the first screen: the balances, and the expired and used coupons under the usable ones. */
const LEFT_OUT =
  '[data-testid="balances-card"], [data-testid="coupons-expired"], [data-testid="coupons-used"]';

/**
 * The picture of `screen` (the popup's frame) without what is below its first
 * screen, or undefined when the popup cannot keep one (no first script ran,
 * so no stamp was read before the database was).
 */
export async function walletPicture(
  services: UiServices,
  screen: Element,
  coupons: readonly StoredCoupon[],
  readAt: number,
): Promise<ScreenCopy | undefined> {
  const opening = await services.opening?.();
  if (opening === undefined) return undefined;
  const drawn = pictureOf(screen, LEFT_OUT, ITEMS_KEPT);
  if (drawn === undefined) return undefined;
  return {
    version: 1,
    stamp: opening.stamp,
    preferences: opening.preferences,
    // From the read on: the lists were made then, the labels a moment later, so a change in
    // between leaves a picture that is stale as soon as it is taken. (Infinity does not survive
    // storage's JSON: a far date does.)
    validUntil: Math.min(nextChangeWithTime(coupons, readAt), 8.64e15),
    locale: services.locale,
    offset: new Date(services.now()).getTimezoneOffset(),
    screen: drawn,
  };
}

/** Takes and keeps the picture; never throws (the picture is a nicety). */
export async function keepWalletPicture(
  services: UiServices,
  screen: Element | null,
  coupons: readonly StoredCoupon[],
  readAt: number,
): Promise<void> {
  if (screen === null || services.keepScreenCopy === undefined) return;
  try {
    const picture = await walletPicture(services, screen, coupons, readAt);
    if (picture !== undefined) await services.keepScreenCopy(picture);
  } catch {
    // Storage full or gone: the next opening shows the live screen only.
  }
}
