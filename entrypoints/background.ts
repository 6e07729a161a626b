import { defineBackground } from "wxt/utils/define-background";
import { startCheckout } from "../src/background/checkout";
import { startWallet } from "../src/background/wallet";

// The two halves of the product keep their own background wiring; this file only starts them.
export default defineBackground(() => {
  startCheckout();
  startWallet();
});
