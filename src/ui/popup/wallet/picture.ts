/**
 * Takes the picture of the wallet's first screen that the next popup opened on
 * the wallet draws before its modules load (src/ui/popup/earlyScreen.ts).
 * Taken from the live screen as drawn, unfiltered, each time its lists have
 * been read (when first shown, and again after a change); what makes it good
 * or stale is said there. After a write made elsewhere, the background draws
 * the same picture from the database (src/background/wallet-picture.ts).
 */
import { PICTURE_ITEMS } from "../../../services/wallet-screen";
import type { StoredCoupon } from "../../../storage/schemas";
import { nextChangeWithTime } from "../../../wallet/coupons";
import type { UiServices } from "../../shared/services";
import { type OpeningState, pictureOf, type ScreenCopy } from "../earlyScreen";

/**
 * Below the first screen: the balances, and the expired and used coupons under the usable
 * ones; and what the last paste or undo said, which a popup opened afresh does not say.
 */
const LEFT_OUT =
  '[data-testid="balances-card"], [data-testid="coupons-expired"], [data-testid="coupons-used"], [data-testid="import-notice"]';

/**
 * What no popup opens on: a form (adding, editing, pasting), a question (a delete to
 * confirm), a load under way, an error. A screen showing one is not pictured; the next
 * read of the wallet, once it is gone, is.
 */
const UNSETTLED = 'form, [aria-busy="true"], [role="alert"], [data-testid^="confirm-"]';

/**
 * The picture of `screen` (the popup's frame) without what is below its first
 * screen, or undefined when the popup cannot keep one: no stamp was read
 * before the screen's reads (`opening`), or the screen is unsettled.
 */
export function walletPicture(
  services: Pick<UiServices, "locale" | "now">,
  opening: OpeningState | undefined,
  screen: Element,
  coupons: readonly StoredCoupon[],
  readAt: number,
): ScreenCopy | undefined {
  if (opening === undefined) return undefined;
  const drawn = pictureOf(screen, LEFT_OUT, PICTURE_ITEMS, UNSETTLED);
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

/**
 * Takes and keeps the picture; never throws (the picture is a nicety). `opening` is what
 * storage held before the reads of the screen shown began.
 */
export async function keepWalletPicture(
  services: UiServices,
  opening: OpeningState | undefined,
  screen: Element | null,
  coupons: readonly StoredCoupon[],
  readAt: number,
): Promise<void> {
  if (screen === null || services.keepScreenCopy === undefined) return;
  try {
    const picture = walletPicture(services, opening, screen, coupons, readAt);
    if (picture !== undefined) await services.keepScreenCopy(picture);
  } catch {
    // Storage full or gone: the next opening shows the live screen only.
  }
}
