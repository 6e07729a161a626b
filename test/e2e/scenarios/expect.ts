/** Expected figures for the shared scenarios, from the optimizer run here in Node, and the wallets behind them. */
import type { Wallet } from "../../../optimizer/schema";
import { loadScenario, type Scenario } from "../../fixtures/shop/scenarios";
import type { OptionsPage } from "../pages/options";
import { walletAtNow } from "../support/panel";

export { expectedResult, walletAtNow } from "../support/panel";

/** Loads a demo scenario and imports its wallet (dated from now, then `adjust`ed) through the options page. */
export async function seedScenario(
  options: OptionsPage,
  name: string,
  adjust: (wallet: Wallet) => Wallet = (wallet) => wallet,
): Promise<{ scenario: Scenario; wallet: Wallet }> {
  const scenario = loadScenario(name);
  const wallet = adjust(walletAtNow(scenario));
  await options.importWallet(wallet);
  return { scenario, wallet };
}
