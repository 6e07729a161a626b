// @vitest-environment jsdom
/**
 * Storage failures in the popup: whatever fails, the popup shows the error's
 * message in a banner and never goes blank. The failures are real where
 * fake-indexeddb can make them (an upgrade blocked by an old page) and
 * injected where it cannot (a full disk, private mode).
 */
import { readFileSync } from "node:fs";
import { Dexie } from "dexie";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { message, plural } from "../../src/core/message";
import { catalogueMessage } from "../../src/services/i18n";
import { openStackwiseDb, type StackwiseDb } from "../../src/storage/db";
import { KIND_TEXTS, StorageError, type StorageErrorKind } from "../../src/storage/errors";
import { addReferralLink } from "../../src/storage/links";
import { PopupApp } from "../../src/ui/popup/PopupApp";
import type { UiServices } from "../../src/ui/shared/services";
import { inEnglish } from "./support/english";
import { screenOf, settle, speakEnglish, testServices, text } from "./support/ui";

/** The kind's sentence as an English reader sees it. */
const kindText = (kind: StorageErrorKind) => inEnglish(message(KIND_TEXTS[kind]));

// WXT's stand-in for `wxt/browser` loads its build toolchain, whose esbuild refuses jsdom.
vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const NOW = Date.parse("2026-03-14T12:00:00Z");
let name: string;
let root: HTMLElement;

function services(openDb: () => Promise<StackwiseDb>): UiServices {
  return testServices({ dbName: "unused", now: NOW }, { openDb });
}

const { byTestId, button } = screenOf(() => root);

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
  name = `popup-errors-${Math.random().toString(36).slice(2)}`;
  root = document.createElement("div");
  document.body.append(root);
});

afterEach(async () => {
  render(null, root);
  root.remove();
  await Dexie.delete(name);
  vi.restoreAllMocks();
});

describe("when the database cannot be opened", () => {
  it.each<StorageErrorKind>(["quota", "blocked", "unavailable", "version", "upgrade-failed"])(
    "shows the %s message in an alert, with a retry, instead of a blank popup",
    async (kind) => {
      const openDb = vi.fn(() => Promise.reject(new StorageError(kind)));
      render(<PopupApp services={services(openDb)} />, root);
      await vi.waitFor(() => expect(byTestId("storage-error")).not.toBeNull());
      const banner = byTestId("storage-error");
      expect(banner?.getAttribute("role")).toBe("alert");
      expect(banner?.dataset.kind).toBe(kind);
      expect(text(banner?.querySelector(".banner-message") ?? null)).toBe(kindText(kind));
      // The frame around it stays: the user can still reach the settings.
      expect(byTestId("open-options")).not.toBeNull();
      button("Try again").click();
      await vi.waitFor(() => expect(openDb).toHaveBeenCalledTimes(2));
    },
  );

  it("shows the kind's translated sentence, with the storage layer's own English detail under it", async () => {
    const err = new StorageError("unavailable", { userMessage: "Site data is blocked for extensions." });
    render(<PopupApp services={services(() => Promise.reject(err))} />, root);
    await vi.waitFor(() => expect(byTestId("storage-error")).not.toBeNull());
    const banner = byTestId("storage-error");
    expect(text(banner?.querySelector(".banner-message") ?? null)).toBe(kindText("unavailable"));
    expect(text(banner?.querySelector(".banner-problems") ?? null)).toBe(
      "Site data is blocked for extensions.",
    );
  });

  it("shows an error's own message in the browser's language", async () => {
    const portuguese = JSON.parse(readFileSync("public/_locales/pt_BR/messages.json", "utf8"));
    vi.spyOn(browser.i18n, "getMessage").mockImplementation(((key: string, subs?: string | string[]) =>
      catalogueMessage(portuguese, key, subs)) as never);
    const err = new StorageError("cap-reached", {
      userMessage: "The cap of 10 rewards for 2026-03 is already reached.",
      text: plural("referral_capReached", 10, 10, "março de 2026"),
    });
    render(<PopupApp services={services(() => Promise.reject(err))} />, root);
    await vi.waitFor(() => expect(byTestId("storage-error")).not.toBeNull());
    expect(text(byTestId("storage-error")?.querySelector(".banner-message") ?? null)).toBe(
      "O limite de 10 recompensas de março de 2026 já foi atingido. Marque esta indicação como acima do limite, ou credite mesmo assim se a recompensa realmente chegou.",
    );
    expect(byTestId("storage-error")?.querySelector(".banner-problems")).toBeNull();
  });

  it("turns an unexpected exception into a sentence too", async () => {
    render(<PopupApp services={services(() => Promise.reject(new TypeError("x is undefined")))} />, root);
    await vi.waitFor(() => expect(byTestId("storage-error")).not.toBeNull());
    expect(text(byTestId("storage-error"))).toContain(kindText("unknown"));
    expect(text(byTestId("storage-error"))).not.toContain("x is undefined");
  });

  it("says which page to close when an old page blocks the upgrade, and opens after a retry", async () => {
    // An old release's page, holding the database at schema version 1 (IndexedDB version 10).
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 10);
      request.onupgradeneeded = () => request.result.createObjectStore("programs", { keyPath: "id" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    render(<PopupApp services={services(() => openStackwiseDb({ name, blockedTimeoutMs: 50 }))} />, root);
    await vi.waitFor(() => expect(byTestId("storage-error")?.dataset.kind).toBe("blocked"));
    expect(text(byTestId("storage-error"))).toContain(kindText("blocked"));
    old.close();
    button("Try again").click();
    await vi.waitFor(() => expect(byTestId("tab-referral")).not.toBeNull());
  });
});

describe("when an action fails", () => {
  it("shows the quota message in the banner and keeps the popup as it was", async () => {
    const db = await openStackwiseDb({ name });
    vi.spyOn(db.links, "add").mockRejectedValue(
      Object.assign(new Error("disk full"), { name: "QuotaExceededError" }),
    );
    render(<PopupApp services={services(async () => db)} />, root);
    await vi.waitFor(() => expect(byTestId("link-input")).not.toBeNull());
    const input = byTestId("link-input") as HTMLInputElement;
    input.value = "https://s.click.aliexpress.com/e/_abc";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    button("Save link").click();
    await vi.waitFor(() => expect(byTestId("error-banner")).not.toBeNull());
    expect(byTestId("error-banner")?.dataset.kind).toBe("quota");
    expect(text(byTestId("error-banner"))).toContain(kindText("quota"));
    // Nothing else disappeared, and the typed link is still there to retry.
    expect((byTestId("link-input") as HTMLInputElement).value).toBe("https://s.click.aliexpress.com/e/_abc");
    expect(byTestId("referral-card")).not.toBeNull();
    button("Dismiss").click();
    await vi.waitFor(() => expect(byTestId("error-banner")).toBeNull());
  });

  it("shows a failed load inside its tab, with a retry, and keeps the tabs", async () => {
    const db = await openStackwiseDb({ name });
    await addReferralLink(db, { input: "https://s.click.aliexpress.com/e/_abc", now: NOW });
    const where = db.referrals.where.bind(db.referrals);
    const spy = vi.spyOn(db.referrals, "where").mockImplementation(() => {
      throw Object.assign(new Error("closed"), { name: "DatabaseClosedError" });
    });
    render(<PopupApp services={services(async () => db)} />, root);
    await vi.waitFor(() => expect(byTestId("error-banner")?.dataset.kind).toBe("closed"));
    expect(byTestId("tab-wallet")).not.toBeNull();
    spy.mockImplementation(where);
    button("Try again").click();
    await vi.waitFor(() => expect(byTestId("referral-card")).not.toBeNull());
  });
});
