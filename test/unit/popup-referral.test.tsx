// @vitest-environment jsdom
/**
 * The referral card: copy on open, the "Copy referral link" button, saved
 * links (refused ones with their reason), the share message and the QR code.
 * Rendered into jsdom against fake-indexeddb, with a fake clipboard.
 */
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { validateReferralLink } from "../../src/referral/links";
import { defaultProgramSettings } from "../../src/referral/settings";
import { loadPreferences, savePreferences } from "../../src/services/wallet-preferences";
import type { StackwiseDb } from "../../src/storage/db";
import { addReferralLink, listReferralLinks } from "../../src/storage/links";
import { getProgramSettings, updateProgramSettings } from "../../src/storage/programs";
import { addReferral, creditReferral, recordReferralEvent } from "../../src/storage/referrals";
import { PopupApp } from "../../src/ui/popup/PopupApp";
import { tabFromHash } from "../../src/ui/popup/PopupTabs";
import type { UiServices } from "../../src/ui/shared/services";
import { closeUiBed, openUiBed, screenOf, settle, testServices, text } from "./support/ui";

// WXT's stand-in for `wxt/browser` loads its whole build toolchain, whose esbuild refuses to
// start under jsdom; the fake browser it re-exports loads fine on its own.
vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const LINK = "https://s.click.aliexpress.com/e/_DkReF42";
const NOW = Date.parse("2026-03-14T12:00:00Z");

let name: string;
let db: StackwiseDb;
let root: HTMLElement;
let clipboard: string[];
let changes: string[];

function services(overrides: Partial<UiServices> = {}): UiServices {
  const writeClipboard = async (text: string) => {
    clipboard.push(text);
  };
  return testServices({ dbName: name, now: NOW, changes }, { writeClipboard, ...overrides });
}

const mount = (s: UiServices = services()) => render(<PopupApp services={s} />, root);
const { byTestId, button, field } = screenOf(() => root);
async function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
}

beforeEach(async () => {
  ({ name, db, root } = await openUiBed("popup-referral"));
  clipboard = [];
  changes = [];
});

afterEach(async () => {
  await closeUiBed({ name, db, root });
});

describe("copy on open", () => {
  it("copies the default link as soon as the popup opens, and says Copied with the link", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    mount();
    await vi.waitFor(() => expect(clipboard).toEqual([LINK]));
    await vi.waitFor(() => expect(text(byTestId("copied"))).toBe("Copied"));
    expect(text(byTestId("copied-link"))).toBe(LINK);
    expect(text(byTestId("default-link"))).toBe(LINK);
    // The popup opens on the referral card, with the copy button focused for Enter.
    expect(byTestId("tab-referral")?.getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(button("Copy referral link"));
  });

  it("copies nothing on open when the setting is off; the button copies and then says Copied", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    await savePreferences({ copyOnOpen: false });
    mount();
    await vi.waitFor(() => expect(button("Copy referral link").disabled).toBe(false));
    expect(clipboard).toEqual([]);
    expect(byTestId("copied")).toBeNull();
    button("Copy referral link").click();
    await vi.waitFor(() => expect(clipboard).toEqual([LINK]));
    await vi.waitFor(() => expect(text(byTestId("copied"))).toBe("Copied"));
    expect(byTestId("stop-auto-copy")).toBeNull();
  });

  it("offers to stop copying on open, and remembers it", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    mount();
    await vi.waitFor(() => expect(byTestId("stop-auto-copy")).not.toBeNull());
    byTestId("stop-auto-copy")?.click();
    await vi.waitFor(async () => expect((await loadPreferences()).copyOnOpen).toBe(false));
  });

  it("stays quiet when the browser refuses a copy on open, and says so when the button fails", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    mount(services({ writeClipboard: () => Promise.reject(new Error("not focused")) }));
    await vi.waitFor(() => expect(button("Copy referral link").disabled).toBe(false));
    await new Promise((r) => setTimeout(r, 20));
    expect(byTestId("copied")).toBeNull();
    expect(text(byTestId("copy-status"))).toBe("");
    button("Copy referral link").click();
    await vi.waitFor(() => expect(text(byTestId("copy-status"))).toContain("did not let Stackwise"));
  });

  it("opened for the wallet (an expiry notification's click), shows the wallet and copies nothing, even later", async () => {
    expect(tabFromHash("#wallet")).toBe("wallet");
    expect(tabFromHash("#tracker")).toBe("tracker");
    expect(tabFromHash("#javascript:alert(1)")).toBe("referral");
    expect(tabFromHash("")).toBe("referral");
    await addReferralLink(db, { input: LINK, now: NOW });
    render(<PopupApp services={services()} initialTab="wallet" />, root);
    await vi.waitFor(() => expect(byTestId("panel-wallet")).not.toBeNull());
    expect(byTestId("tab-wallet")?.getAttribute("aria-selected")).toBe("true");
    byTestId("tab-referral")?.click();
    await vi.waitFor(() => expect(text(byTestId("default-link"))).toBe(LINK));
    await settle();
    expect(clipboard).toEqual([]);
    expect(byTestId("copied")).toBeNull();
  });

  it("does not copy a link saved after the popup opened", async () => {
    mount();
    await vi.waitFor(() => expect(byTestId("no-link")).not.toBeNull());
    expect(button("Copy referral link").disabled).toBe(true);
    await type(field("Referral link or code"), LINK);
    button("Save link").click();
    await vi.waitFor(() => expect(text(byTestId("default-link"))).toBe(LINK));
    expect(clipboard).toEqual([]);
    expect(changes).toContain("links");
  });
});

describe("saving links", () => {
  it.each([
    ["javascript:alert(document.cookie)", "script-url"],
    ["data:text/html;base64,PHNjcmlwdD4=", "data-url"],
    ["http://s.click.aliexpress.com/e/_DkReF42", "not-https"],
    ["https://aliexpress.com.evil.example/e/_x", "lookalike-host"],
    ["https://a1iexpress.com/e/_x", "lookalike-host"],
  ])("refuses %s with its reason, beside the field, and saves nothing", async (input, reason) => {
    mount();
    await vi.waitFor(() => expect(byTestId("no-link")).not.toBeNull());
    await type(field("Referral link or code"), input);
    button("Save link").click();
    await vi.waitFor(() => expect(byTestId("add-link-form")?.dataset.refusal).toBe(reason));
    const check = validateReferralLink(input, defaultProgramSettings());
    expect(check.ok).toBe(false);
    if (!check.ok) expect(text(byTestId("link-input-error"))).toBe(check.message);
    expect(field("Referral link or code").getAttribute("aria-invalid")).toBe("true");
    expect(await listReferralLinks(db)).toEqual([]);
    // The refused text stays, so the user can see and fix it.
    expect(field("Referral link or code").value).toBe(input);
  });

  it("keeps several links; making another the default changes what the button copies", async () => {
    await addReferralLink(db, { input: LINK, label: "Main", now: NOW });
    await savePreferences({ copyOnOpen: false });
    mount();
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid="link-item"]').length).toBe(1));
    await type(field("Referral link or code"), "MYCODE-2026");
    await type(field("Name (optional)"), "Code");
    button("Save link").click();
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid="link-item"]').length).toBe(2));
    expect(text(byTestId("default-link"))).toBe(LINK);
    button("Make default: Code").click();
    await vi.waitFor(() => expect(text(byTestId("default-link"))).toBe("MYCODE-2026"));
    button("Copy referral link").click();
    await vi.waitFor(() => expect(clipboard).toEqual(["MYCODE-2026"]));

    button("Delete Code").click();
    await settle();
    button("Really delete").click();
    await vi.waitFor(() => expect(text(byTestId("default-link"))).toBe(LINK));
  });

  it("does not copy a saved link the settings no longer allow, and says why", async () => {
    await updateProgramSettings(db, "aliexpress", { shortLinkHosts: ["go.example.net"] });
    await addReferralLink(db, { input: "https://go.example.net/r/abc", now: NOW });
    await updateProgramSettings(db, "aliexpress", { shortLinkHosts: [] });
    mount();
    await vi.waitFor(() => expect(byTestId("link-not-allowed")).not.toBeNull());
    expect(button("Copy referral link").disabled).toBe(true);
    expect(clipboard).toEqual([]);
  });
});

describe("share message and QR code", () => {
  it("copies the template with the link filled in", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    mount();
    await vi.waitFor(() => expect(clipboard).toHaveLength(1));
    button("Copy share message").click();
    await vi.waitFor(() => expect(clipboard).toHaveLength(2));
    expect(clipboard[1]).toBe(
      `I shop on AliExpress and you can get up to 19-24 USD in welcome coupons when you join with my invite: ${LINK}`,
    );
    await vi.waitFor(() => expect(text(byTestId("copy-status"))).toBe("✓Share message ready to paste"));
  });

  it("edits the template: refuses one without {link}, saves a good one", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    mount();
    await vi.waitFor(() => expect(byTestId("edit-share-message")).not.toBeNull());
    button("Edit share message").click();
    const area = await vi.waitFor(() => {
      const el = byTestId<HTMLTextAreaElement>("share-template");
      if (el === null) throw new Error("no editor");
      return el;
    });
    await type(area, "Join me!");
    await vi.waitFor(() => expect(text(byTestId("share-template-error"))).toContain("{link}"));
    expect(button("Save message").disabled).toBe(true);
    await type(area, "Join {program} with {link}");
    await vi.waitFor(() => expect(text(byTestId("share-preview"))).toBe(`Join AliExpress with ${LINK}`));
    button("Save message").click();
    await vi.waitFor(async () =>
      expect((await getProgramSettings(db)).shareTemplate).toBe("Join {program} with {link}"),
    );
    button("Copy share message").click();
    await vi.waitFor(() => expect(clipboard.at(-1)).toBe(`Join AliExpress with ${LINK}`));
  });

  it("shows the link as a QR code on request", async () => {
    await addReferralLink(db, { input: LINK, now: NOW });
    mount();
    await vi.waitFor(() => expect(byTestId("toggle-qr")).not.toBeNull());
    expect(byTestId("qr-code")).toBeNull();
    button("Show QR code").click();
    await vi.waitFor(() => expect(byTestId("qr-code")).not.toBeNull());
    const svg = byTestId("qr-code")?.querySelector("svg");
    expect(svg?.getAttribute("aria-label")).toBe("QR code of your referral link");
    expect(svg?.querySelector("path")?.getAttribute("d")?.length).toBeGreaterThan(100);
    expect(byTestId("toggle-qr")?.getAttribute("aria-expanded")).toBe("true");
  });
});

it("warns on the referral card when a friend's first order now would land over the cap", async () => {
  await addReferralLink(db, { input: LINK, now: NOW });
  for (let i = 0; i < 10; i++) {
    const r = await addReferral(db, { invitedAt: NOW - 5 * 3_600_000, friend: `F${i}` });
    await recordReferralEvent(db, r.id, { type: "order", at: NOW - 4 * 3_600_000 });
    await creditReferral(db, r.id, NOW - 3_600_000, { timeZone: "UTC" });
  }
  mount();
  await vi.waitFor(() => expect(byTestId("cap-warning")).not.toBeNull());
  expect(byTestId("cap-warning")?.dataset.level).toBe("over-cap");
  expect(text(byTestId("cap-warning"))).toBe(
    "The cap for March 2026 is used up (10 of 10 rewards credited or on their way). " +
      "A friend's first order now would likely earn nothing; the cap resets on Apr 1, 2026.",
  );
});

it("switches between programs and copies the chosen program's link", async () => {
  const { saveProgramSettings } = await import("../../src/storage/programs");
  await saveProgramSettings(db, { ...defaultProgramSettings(), id: "other", name: "Other shop" });
  await addReferralLink(db, { input: LINK, now: NOW });
  await addReferralLink(db, { input: "OTHERCODE", programId: "other", now: NOW });
  await savePreferences({ copyOnOpen: false });
  mount();
  const picker = await vi.waitFor(() => {
    const el = byTestId<HTMLSelectElement>("program-picker");
    if (el === null) throw new Error("no picker");
    return el;
  });
  await vi.waitFor(() => expect(text(byTestId("default-link"))).toBe(LINK));
  picker.value = "other";
  picker.dispatchEvent(new Event("change", { bubbles: true }));
  await vi.waitFor(() => expect(text(byTestId("default-link"))).toBe("OTHERCODE"));
  expect((await loadPreferences()).activeProgramId).toBe("other");
  expect(text(root.querySelector("h2"))).toBe("Your Other shop referral link");
});
