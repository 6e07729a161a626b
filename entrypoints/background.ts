import { defineBackground } from "wxt/utils/define-background";
import { startCheckout } from "../src/background/checkout";
import { startScan } from "../src/background/scan";
import { startWallet } from "../src/background/wallet";

// Each part of the product (checkout, wallet, page scanning) keeps its own background wiring; this file only starts them.
export default defineBackground(() => {
  startCheckout();
  startWallet();
  startScan();
});
