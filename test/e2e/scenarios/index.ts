/** Every shared end-to-end feature, in the order both runners register them. */
import { a11y } from "./a11y";
import { cartLive } from "./cart-live";
import { checkoutFlow } from "./checkout-flow";
import { options } from "./options";
import { panel } from "./panel";
import { paste } from "./paste";
import { popup } from "./popup";
import { scan } from "./scan";
import type { Feature } from "./scenario";
import { tax } from "./tax";

export const FEATURES: readonly Feature[] = [
  popup,
  paste,
  cartLive,
  scan,
  panel,
  checkoutFlow,
  tax,
  options,
  a11y,
];
