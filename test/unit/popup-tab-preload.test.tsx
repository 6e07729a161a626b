// @vitest-environment jsdom
/**
 * The wallet's and the tracker's code loads once the popup opened on the
 * referral card is idle, not before: a click on their tab then draws them
 * without fetching and parsing first. A file of its own, since whether a
 * tab's code has loaded is module state.
 */
import { render } from "preact";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { savePreferences } from "../../src/services/wallet-preferences";
import type { StackwiseDb } from "../../src/storage/db";
import { PopupApp } from "../../src/ui/popup/PopupApp";
import { closeUiBed, openUiBed, screenOf, testServices } from "./support/ui";

const code = vi.hoisted(() => ({ loaded: [] as string[] }));

// WXT's stand-in for `wxt/browser` loads its build toolchain, whose esbuild refuses jsdom.
vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));
vi.mock("../../src/ui/popup/wallet/WalletTab", async (original) => {
  code.loaded.push("wallet");
  return original();
});
vi.mock("../../src/ui/popup/tracker/TrackerTab", async (original) => {
  code.loaded.push("tracker");
  return original();
});

const NOW = Date.parse("2026-03-14T12:00:00Z");

let name: string;
let db: StackwiseDb;
let root: HTMLElement;
const { byTestId } = screenOf(() => root);

beforeEach(async () => {
  ({ name, db, root } = await openUiBed("tab-preload"));
  await savePreferences({ copyOnOpen: false });
});

afterEach(async () => {
  // The popup first, while the idle callbacks it may cancel on the way out are still there.
  await closeUiBed({ name, db, root });
  vi.unstubAllGlobals();
});

it("loads the wallet's and the tracker's code when the popup is idle, and not before", async () => {
  const idle: (() => void)[] = [];
  vi.stubGlobal("requestIdleCallback", (run: () => void) => idle.push(run));
  vi.stubGlobal("cancelIdleCallback", () => undefined);
  render(<PopupApp services={testServices({ dbName: name, now: NOW })} />, root);
  await vi.waitFor(() => expect(byTestId("copy-link")).not.toBeNull());
  await new Promise((r) => setTimeout(r, 50));
  expect(code.loaded).toEqual([]);
  expect(idle.length).toBeGreaterThan(0);
  for (const run of idle.splice(0)) run();
  await vi.waitFor(() => expect([...code.loaded].sort()).toEqual(["tracker", "wallet"]));
  // Its tab shows at once, with nothing left to load but its data.
  byTestId("tab-wallet")?.click();
  await vi.waitFor(() => expect(byTestId("coupons-card")).not.toBeNull());
});
