// @vitest-environment jsdom
/**
 * The options page: program settings with their validation and the time
 * zone, a second program, the two preferences (notifications ask for their
 * permission), the page-scanning switches, and "Import wallet" / "Export wallet".
 */
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { SCAN_PREFERENCES_KEY, scanAllowed } from "../../src/adapters/scan-pages";
import { loadScanPreferences } from "../../src/services/scan-preferences";
import { loadPreferences } from "../../src/services/wallet-preferences";
import type { StackwiseDb } from "../../src/storage/db";
import { getProgramSettings, listPrograms } from "../../src/storage/programs";
import { addCoupon, getCoins, listCoupons } from "../../src/storage/wallet";
import { OptionsApp } from "../../src/ui/options/OptionsApp";
import type { UiServices } from "../../src/ui/shared/services";
import { closeUiBed, openUiBed, screenOf, settle, testServices, text } from "./support/ui";

// WXT's stand-in for `wxt/browser` loads its build toolchain, whose esbuild refuses jsdom.
vi.mock("wxt/browser", async () => ({ browser: (await import("wxt/testing/fake-browser")).fakeBrowser }));

const NOW = Date.parse("2026-03-14T12:00:00Z");

let name: string;
let db: StackwiseDb;
let root: HTMLElement;
let changes: string[];

function services(overrides: Partial<UiServices> = {}): UiServices {
  return testServices({ dbName: name, now: NOW, changes }, { timeZone: "Europe/Lisbon", ...overrides });
}

const { byTestId, button, field, fill } = screenOf(() => root);
function errorOf(label: string): string {
  const id = field(label)
    .getAttribute("aria-describedby")
    ?.split(" ")
    .find((x) => x.endsWith("-error"));
  return id ? text(document.getElementById(id)) : "";
}

async function openOptions(s: UiServices = services()) {
  render(<OptionsApp services={s} />, root);
  await vi.waitFor(() => expect(byTestId("program-form")).not.toBeNull());
}

/** Chooses a file in the "Import wallet" picker, as the browser would. */
async function chooseFile(content: string) {
  const input = field("Import wallet");
  // jsdom's File has no text(); the browser's has, and that is all the page uses.
  const file = { name: "wallet.json", type: "application/json", text: async () => content };
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  input.dispatchEvent(new Event("change", { bubbles: true }));
  await settle();
}

/** jsdom's Blob has no text(); its FileReader reads one. */
function blobText(blob: Blob | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    if (blob === undefined) return reject(new Error("nothing exported"));
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

beforeEach(async () => {
  ({ name, db, root } = await openUiBed("options"));
  changes = [];
});

afterEach(async () => {
  Reflect.deleteProperty(URL, "createObjectURL");
  Reflect.deleteProperty(URL, "revokeObjectURL");
  await closeUiBed({ name, db, root });
});

describe("program settings", () => {
  it("saves the cap, the reward, short-link hosts and the time zone", async () => {
    await openOptions();
    expect(field("Rewards per month (cap)").value).toBe("10");
    expect(field<HTMLSelectElement>("Time zone for the monthly cap").value).toBe("");
    expect(text(field<HTMLSelectElement>("Time zone for the monthly cap").options[0] ?? null)).toBe(
      "The browser's (Europe/Lisbon)",
    );
    await fill("Rewards per month (cap)", "8");
    await fill("Amount off", "4.50");
    await fill("Short-link hosts", "s.click.aliexpress.com\nA.Example.NET");
    await fill("Time zone for the monthly cap", "Asia/Tokyo");
    button("Save settings").click();
    await vi.waitFor(() => expect(text(byTestId("program-saved"))).toBe("Saved"));
    const saved = await getProgramSettings(db);
    expect(saved).toMatchObject({
      monthlyCap: 8,
      timeZone: "Asia/Tokyo",
      shortLinkHosts: ["s.click.aliexpress.com", "a.example.net"],
    });
    expect(saved.reward.off).toBe(450);
    expect(changes).toContain("programs");
  });

  it("shows each problem beside its field and saves nothing", async () => {
    await openOptions();
    await fill("Rewards per month (cap)", "lots");
    await fill("Short-link hosts", "https://bad.example/path");
    await fill("Share message", "no link here");
    await fill("Program name", "");
    button("Save settings").click();
    await vi.waitFor(() => expect(errorOf("Rewards per month (cap)")).toBe("Enter a whole number."));
    expect(errorOf("Short-link hosts")).toBe("Enter only the host name, without https://, a path or a port.");
    expect(errorOf("Share message")).toBe("Add {link} where the link should go.");
    expect(errorOf("Program name")).toBe("Enter a name.");
    expect(await listPrograms(db)).toHaveLength(1);
    expect((await getProgramSettings(db)).monthlyCap).toBe(10);
  });

  it("adds a second program with the default terms and edits it on its own", async () => {
    await openOptions();
    await fill("New program's name", "Shop Two");
    button("Add program").click();
    await vi.waitFor(() => expect(byTestId("options-program")).not.toBeNull());
    expect(field("Program name").value).toBe("Shop Two");
    await fill("Rewards per month (cap)", "3");
    button("Save settings").click();
    await vi.waitFor(async () => {
      const programs = await listPrograms(db);
      expect(programs.map((p) => [p.name, p.monthlyCap])).toEqual([
        ["AliExpress", 10],
        ["Shop Two", 3],
      ]);
    });
  });

  it("deletes an added program after a confirmation, but offers no delete for the built-in one", async () => {
    await openOptions();
    expect(byTestId("delete-program")).toBeNull();
    await fill("New program's name", "Shop Two");
    button("Add program").click();
    await vi.waitFor(() => expect(field("Program name").value).toBe("Shop Two"));
    button("Delete program").click();
    await settle();
    expect(text(byTestId("delete-program-row"))).toContain("Coupons it credited stay in your wallet.");
    expect((await listPrograms(db)).map((p) => p.name)).toEqual(["AliExpress", "Shop Two"]);
    byTestId<HTMLButtonElement>("confirm-delete-program")?.click();
    await vi.waitFor(async () => expect((await listPrograms(db)).map((p) => p.name)).toEqual(["AliExpress"]));
    await vi.waitFor(() => expect(field("Program name").value).toBe("AliExpress"));
    expect(byTestId("delete-program")).toBeNull();
    expect(changes).toContain("programs");
  });
});

describe("preferences", () => {
  it("turns page scanning off per kind of page, where the content script reads it", async () => {
    await openOptions();
    const coupons = field("Read coupon pages (My coupons, coupon center)") as HTMLInputElement;
    expect(coupons.checked).toBe(true);
    coupons.click();
    await vi.waitFor(async () =>
      expect(await loadScanPreferences()).toEqual({ product: true, coupons: false, coins: true }),
    );
    const stored = (await fakeBrowser.storage.local.get(SCAN_PREFERENCES_KEY))[SCAN_PREFERENCES_KEY];
    expect(scanAllowed(stored, "coupons")).toBe(false);
    expect(scanAllowed(stored, "product")).toBe(true);
    await vi.waitFor(() =>
      expect((field("Read coupon pages (My coupons, coupon center)") as HTMLInputElement).checked).toBe(
        false,
      ),
    );
  });

  it("turns copying on open off", async () => {
    await openOptions();
    const box = field("Copy my referral link when I open the popup");
    expect((box as HTMLInputElement).checked).toBe(true);
    box.click();
    await vi.waitFor(async () => expect((await loadPreferences()).copyOnOpen).toBe(false));
  });

  it("asks for the notification permission when reminders are turned on, and keeps them off if refused", async () => {
    const granted = services();
    await openOptions(granted);
    field("Remind me a day before a coupon expires").click();
    expect(granted.requestPermission).toHaveBeenCalledWith("notifications");
    await vi.waitFor(async () => expect((await loadPreferences()).notifyBeforeExpiry).toBe(true));
    expect(changes).toContain("preferences");
    field("Remind me a day before a coupon expires").click();
    await vi.waitFor(async () => expect((await loadPreferences()).notifyBeforeExpiry).toBe(false));
    expect(granted.removePermission).toHaveBeenCalledWith("notifications");
    render(null, root);

    const refused = services({ requestPermission: vi.fn(async () => false) });
    await openOptions(refused);
    field("Remind me a day before a coupon expires").click();
    await vi.waitFor(() => expect(text(root)).toContain("Reminders stay off"));
    expect((await loadPreferences()).notifyBeforeExpiry).toBe(false);
    expect((field("Remind me a day before a coupon expires") as HTMLInputElement).checked).toBe(false);
  });
});

describe("import and export", () => {
  const wallet = {
    coupons: [
      {
        id: "w1",
        kind: "platform",
        off: 300,
        minSpend: 1500,
        expiresAt: "2030-01-05T23:59:59.000Z",
        currency: "USD",
        status: "active",
      },
    ],
    coins: { balance: 700, centsPerCoin: 1 },
    points: [],
  };

  it("imports a wallet file, then exports it again as a dated backup", async () => {
    let exported: Blob | undefined;
    const createObjectURL = vi.fn((blob: Blob) => {
      exported = blob;
      return "blob:stackwise-test";
    });
    // jsdom has no object URLs; the page only needs one to hand to the download link.
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicks: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download });
    });

    await openOptions();
    await chooseFile(JSON.stringify(wallet));
    await vi.waitFor(() => expect(byTestId("import-result")).not.toBeNull());
    expect(text(byTestId("import-result"))).toBe(
      "Imported: 1 coupon, 0 store point balances, the coins balance.",
    );
    expect(await getCoins(db)).toEqual({ balance: 700, centsPerCoin: 1 });
    expect(changes).toContain("import");

    button("Export wallet").click();
    await vi.waitFor(() => expect(clicks).toHaveLength(1));
    // Dated in the user's zone: 12:00 UTC on 14 March is the 14th in Lisbon.
    expect(clicks[0]).toEqual({ href: "blob:stackwise-test", download: "stackwise-backup-2026-03-14.json" });
    const backup = JSON.parse(await blobText(exported));
    expect(backup.format).toBe("stackwise-backup");
    expect(backup.exportedAt).toBe(new Date(NOW).toISOString());
    expect(backup.wallet).toEqual(wallet);
  });

  it("refuses a bad file with every problem and changes nothing", async () => {
    await addCoupon(db, { ...wallet.coupons[0], id: "keep" });
    await openOptions();
    await chooseFile(JSON.stringify({ coupons: [{ id: "x", kind: "nope", expiresAt: "soon" }] }));
    await vi.waitFor(() => expect(byTestId("import-error")).not.toBeNull());
    expect(text(byTestId("import-error"))).toContain("This file cannot be imported. Nothing was changed.");
    const problems = [...(byTestId("import-error")?.querySelectorAll("li") ?? [])].map((li) => text(li));
    expect(problems.some((p) => p.startsWith("coupons[0].kind"))).toBe(true);
    expect(problems.some((p) => p.startsWith("coupons[0].expiresAt"))).toBe(true);
    expect((await listCoupons(db)).map((c) => c.id)).toEqual(["keep"]);
  });

  it("replaces what is saved when asked to", async () => {
    await addCoupon(db, { ...wallet.coupons[0], id: "old" });
    await openOptions();
    const replace = [...root.querySelectorAll("label.radio")].find((l) =>
      l.textContent?.includes("Replace what is saved"),
    );
    replace?.querySelector("input")?.click();
    await settle();
    await chooseFile(JSON.stringify(wallet));
    await vi.waitFor(() => expect(byTestId("import-result")).not.toBeNull());
    expect((await listCoupons(db)).map((c) => c.id)).toEqual(["w1"]);
  });

  it("labels the controls exactly Import wallet and Export wallet", async () => {
    await openOptions();
    expect(field("Import wallet").getAttribute("type")).toBe("file");
    expect(button("Export wallet").getAttribute("data-testid")).toBe("export-wallet");
  });
});
