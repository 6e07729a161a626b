/**
 * The content script's view of the adapters: which pages it captures and how.
 * Only capture code is reachable from here (no Zod, no optimizer), so the
 * content script stays small; the readers in `index.ts` interpret captures
 * in the background.
 */
import { captureCartPage, captureCheckoutPage, isCartPage, isCheckoutPage } from "./aliexpress-capture";

export interface PageCapturer {
  /** "cart" pages are read with a page-state copy too; "checkout" pages from the document only. */
  page: "cart" | "checkout";
  /** Plain JSON facts about the document, for the reader. Never throws. */
  capture(doc: Document): unknown;
}

const capturers: readonly (PageCapturer & { matches(url: string): boolean })[] = [
  { page: "cart", matches: isCartPage, capture: captureCartPage },
  { page: "checkout", matches: isCheckoutPage, capture: captureCheckoutPage },
];

export const capturerFor = (url: string): PageCapturer | undefined => capturers.find((c) => c.matches(url));
