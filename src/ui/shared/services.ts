/**
 * What the popup and options page need from the outside world, in one object
 * so tests can hand in a fake clock, a test database and a fake clipboard.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { browser } from "wxt/browser";
import { systemTimeZone } from "../../core/calendar";
import type { WalletChangeReason } from "../../messaging/wallet";
import { send } from "../../services/bus";
import { copyText } from "../../services/clipboard";
import { uiLocale } from "../../services/i18n";
import { openStackwiseDb, type StackwiseDb } from "../../storage/db";
import { stampsSettled } from "../../storage/writeStamp";
import { type EarlyCopy, publishedEarlyCopy } from "../popup/copyFirst";
import {
  OPENING_KEYS,
  type OpeningState,
  openingState,
  publishedOpening,
  SCREEN_COPY_KEY,
  type ScreenCopy,
} from "../popup/earlyScreen";

export type { WalletChangeReason } from "../../messaging/wallet";

export interface UiServices {
  openDb(): Promise<StackwiseDb>;
  /** The clock, in epoch milliseconds. */
  now(): number;
  /** BCP 47 locale for money and dates. */
  locale: string;
  /** The browser's zone, used when a program follows the browser. */
  timeZone: string;
  writeClipboard(text: string): Promise<void>;
  /**
   * What the popup's first script copied before the modules loaded (src/ui/popup/copyFirst.ts);
   * absent where no such script runs (the options page, tests that do not say).
   */
  earlyCopy?(): Promise<EarlyCopy>;
  /**
   * What the popup's first script read from storage before any database read
   * (src/ui/popup/earlyScreen.ts); undefined where none ran.
   */
  opening?(): Promise<OpeningState | undefined>;
  /**
   * The same, read now, once this page's own writes have moved the stamp: read before the
   * database reads that a new picture is then taken of (a screen read again after a change).
   */
  readOpening?(): Promise<OpeningState>;
  /** Keeps the picture of the wallet's first screen for the next popup opened on it. */
  keepScreenCopy?(copy: ScreenCopy): Promise<void>;
  /** Tells the background to recount the badge; never throws (the badge is a nicety). */
  walletChanged(reason: WalletChangeReason): void;
  openOptions(): void;
  /** Asks for an optional permission; must run inside the click that wants it. */
  requestPermission(permission: "notifications"): Promise<boolean>;
  removePermission(permission: "notifications"): Promise<void>;
}

export function browserServices(): UiServices {
  return {
    openDb: () => openStackwiseDb(),
    now: () => Date.now(),
    locale: uiLocale(),
    timeZone: systemTimeZone(),
    writeClipboard: (text) => copyText(text),
    earlyCopy: publishedEarlyCopy,
    opening: () => publishedOpening() ?? Promise.resolve(undefined),
    readOpening: async () => {
      await stampsSettled();
      return openingState(await browser.storage.local.get([...OPENING_KEYS]));
    },
    keepScreenCopy: async (copy) => {
      await browser.storage.local.set({ [SCREEN_COPY_KEY]: copy });
    },
    walletChanged: (reason) => {
      send("wallet/changed", { reason }).catch(() => undefined);
    },
    openOptions: () => {
      browser.runtime.openOptionsPage().catch(() => undefined);
    },
    requestPermission: (permission) => browser.permissions.request({ permissions: [permission] }),
    removePermission: async (permission) => {
      await browser.permissions.remove({ permissions: [permission] });
    },
  };
}

export const ServicesContext = createContext<UiServices | null>(null);

export function useServices(): UiServices {
  const services = useContext(ServicesContext);
  if (services === null) throw new Error("UiServices missing: wrap the app in ServicesContext");
  return services;
}
