/**
 * What the UI unit tests share: the English catalogue in place of the
 * browser's i18n, text as a person reads it, and a tick for Preact to render.
 */
import { vi } from "vitest";
import { browser } from "wxt/browser";
import english from "../../../public/_locales/en/messages.json";
import { catalogueMessage } from "../../../src/ui/i18n";

/** Answers `browser.i18n.getMessage` from the English catalogue, placeholders filled, as Chrome does. */
export function speakEnglish(): void {
  vi.spyOn(browser.i18n, "getMessage").mockImplementation(((key: string, subs?: string | string[]) =>
    catalogueMessage(english, key, subs)) as never);
}

/** An element's text with runs of white space made one space, as it reads on screen. */
export const text = (el: Element | null | undefined): string =>
  el?.textContent?.replace(/\s+/g, " ").trim() ?? "";

/** Lets Preact render what the last event changed. */
export const settle = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 0));
