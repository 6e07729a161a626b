/**
 * The options page (options.html): the wallet's import and export as a
 * person does them (a file chosen in "Import wallet", the file "Export
 * wallet" saves), the tax destination, the scanning switches.
 */
import type { Wallet } from "../../../optimizer/schema";
import {
  type DownloadedFile,
  type Driver,
  eventually,
  label,
  role,
  type Tab,
  testId,
} from "../driver/driver";

export class OptionsPage {
  ui: Tab | undefined;

  constructor(private readonly driver: Driver) {}

  /** Opens the options in a tab of their own. */
  async open(): Promise<Tab> {
    this.ui = this.ui ?? (await this.driver.newTab());
    await this.ui.openExtension("options.html", testId("import-wallet"));
    return this.ui;
  }

  private get page(): Tab {
    if (!this.ui) throw new Error("the options page is not open");
    return this.ui;
  }

  async close(): Promise<void> {
    await this.ui?.close();
    this.ui = undefined;
  }

  /** Imports a wallet through "Import wallet", as a person would with a file, in a tab closed afterwards. */
  async importWallet(wallet: Wallet): Promise<void> {
    const tab = await this.open();
    try {
      await this.importFile("wallet.json", JSON.stringify(wallet));
      await tab.waitFor(testId("import-result"));
    } finally {
      await this.close();
    }
  }

  /** Chooses a file in "Import wallet" on the open page (found by its label, as a person finds it). */
  async importFile(name: string, content: string): Promise<void> {
    await this.page.upload(label("Import wallet"), { name, content });
  }

  /** Presses "Export wallet" and returns the file the browser saved. */
  exportWallet = (): Promise<DownloadedFile> =>
    this.page.download(() => this.page.click(role("button", "Export wallet")));

  /** Sets the tax destination; each choice is saved as it is made. */
  async setDestination(country: string, region?: string, rate?: string): Promise<void> {
    await this.page.select(label("Destination country"), country);
    if (region !== undefined) await this.page.select(label("Brazilian state"), region);
    if (rate !== undefined) await this.setExchangeRate(rate);
  }

  /** Types the shopper's own exchange rate (USD per unit of the cart's currency). */
  async setExchangeRate(rate: string): Promise<void> {
    await this.page.fill(label("Exchange rate"), rate);
    await eventually(() => this.page.value(label("Exchange rate")), rate, "the exchange rate");
  }

  /**
   * Opens the options, sets the tax destination and reloads: the page must
   * then read every choice back (what it shows after a reload is what was
   * saved). The page stays open.
   */
  async saveDestination(country: string, region?: string, rate?: string): Promise<void> {
    await this.open();
    await this.setDestination(country, region, rate);
    await this.reload();
    await eventually(() => this.value("Destination country"), country, "the saved destination");
    if (region !== undefined)
      await eventually(() => this.value("Brazilian state"), region, "the saved Brazilian state");
    if (rate !== undefined)
      await eventually(() => this.value("Exchange rate"), rate, "the saved exchange rate");
  }

  /** The note on a rate calibrated from a checkout's tax lines, if any. */
  calibratedRate = (): Promise<string | null> => this.page.text(testId("tax-rate-calibrated"));

  /** Reloads the page: what it shows then is what was saved. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.waitFor(testId("import-wallet"));
  }

  value = (name: string): Promise<string | null> => this.page.value(label(name));
}
