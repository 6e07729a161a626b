/**
 * The content scripts' view of the adapters: which pages they capture and
 * how. Only capture code is reachable from here (no Zod, no optimizer), so the
 * content scripts stay small; the readers in `index.ts` interpret captures in
 * the background. Cart and checkout pages have a content script each, so
 * each carries only its own page's capture.
 */
import { captureCartPage, isCartPage, isCheckoutPage } from "./aliexpress-capture";
import { captureCheckoutPage } from "./aliexpress-checkout-capture";

export interface PageCapturer {
  /** "cart" pages are read with a page-state copy too; "checkout" pages with the page's API responses. */
  page: "cart" | "checkout";
  /** Plain JSON facts about the document, for the reader. Never throws. */
  capture(doc: Document): unknown;
}

type Entry = PageCapturer & { matches(url: string): boolean };

const cartPages: readonly Entry[] = [{ page: "cart", matches: isCartPage, capture: captureCartPage }];
const checkoutPages: readonly Entry[] = [
  { page: "checkout", matches: isCheckoutPage, capture: captureCheckoutPage },
];

export const cartCapturerFor = (url: string): PageCapturer | undefined =>
  cartPages.find((c) => c.matches(url));

export const checkoutCapturerFor = (url: string): PageCapturer | undefined =>
  checkoutPages.find((c) => c.matches(url));
