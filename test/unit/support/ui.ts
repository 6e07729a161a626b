/**
 * What the UI unit tests share: the English catalogue in place of the
 * browser's i18n, text as a person reads it, and a tick for Preact to render.
 */
import { Dexie } from "dexie";
import { render } from "preact";
import { vi } from "vitest";
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing/fake-browser";
import english from "../../../public/_locales/en/messages.json";
import { catalogueMessage } from "../../../src/services/i18n";
import { openStackwiseDb, type StackwiseDb } from "../../../src/storage/db";
import type { UiServices } from "../../../src/ui/shared/services";

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

/**
 * UiServices for a test: the named test database, a fixed clock, en-US in
 * UTC, a clipboard and permissions that do nothing (spies), and every
 * walletChanged reason pushed to `changes`.
 */
export function testServices(
  setup: { dbName: string; now: number; changes?: string[] },
  overrides: Partial<UiServices> = {},
): UiServices {
  return {
    openDb: () => openStackwiseDb({ name: setup.dbName }),
    now: () => setup.now,
    locale: "en-US",
    timeZone: "UTC",
    writeClipboard: async () => undefined,
    walletChanged: (reason) => {
      setup.changes?.push(reason);
    },
    openOptions: vi.fn(),
    requestPermission: vi.fn(async () => true),
    removePermission: vi.fn(async () => undefined),
    ...overrides,
  };
}

export interface UiBed {
  /** The test database's name. */
  name: string;
  db: StackwiseDb;
  /** Where the test renders. */
  root: HTMLElement;
}

/** Before a UI test: fresh browser fakes, English, a fresh database and a mount point. */
export async function openUiBed(prefix: string): Promise<UiBed> {
  fakeBrowser.reset();
  speakEnglish();
  const name = `${prefix}-${Math.random().toString(36).slice(2)}`;
  const db = await openStackwiseDb({ name });
  const root = document.createElement("div");
  document.body.append(root);
  return { name, db, root };
}

/** After a UI test: unmounts, deletes the database and restores every spy. */
export async function closeUiBed({ name, db, root }: UiBed): Promise<void> {
  render(null, root);
  root.remove();
  db.close();
  await Dexie.delete(name);
  vi.restoreAllMocks();
}

/**
 * Finding and using controls the way a person does: by test id, a button by
 * its words or accessible name, a field by its label. `root` is read at each
 * call, so one screen serves every test of a file.
 */
export function screenOf(root: () => ParentNode) {
  const byTestId = <E extends Element = HTMLElement>(id: string, within: ParentNode = root()) =>
    within.querySelector<E>(`[data-testid="${id}"]`);
  const allByTestId = (id: string, within: ParentNode = root()) => [
    ...within.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`),
  ];
  const button = (label: string): HTMLButtonElement => {
    const found = [...root().querySelectorAll("button")].find(
      (b) => b.getAttribute("aria-label") === label || b.textContent?.trim() === label,
    );
    if (found === undefined) throw new Error(`no button "${label}"`);
    return found;
  };
  const click = async (label: string) => {
    button(label).click();
    await settle();
  };
  /** The control a label names: by its `for`, or the one inside it. */
  const field = <E extends HTMLElement = HTMLInputElement>(label: string): E => {
    const l = [...root().querySelectorAll("label")].find((x) => x.textContent?.trim() === label);
    const el = l?.htmlFor ? document.getElementById(l.htmlFor) : l?.querySelector("input, select, textarea");
    if (!el) throw new Error(`no field "${label}"`);
    return el as E;
  };
  /** Types into a field (or picks a choice) and lets the page render. */
  const fill = async (label: string, value: string) => {
    const el = field<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(label);
    el.value = value;
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
    await settle();
  };
  return { byTestId, allByTestId, button, click, field, fill };
}

/**
 * For the one wait behind a lazy tab's first render: in the test runner that
 * first import compiles the tab's whole module graph, seconds on a busy
 * machine (in the browser the chunk is built ahead). Later waits keep the default.
 */
export const FIRST_LAZY_RENDER = { timeout: 10_000 };
