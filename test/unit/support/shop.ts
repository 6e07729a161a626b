/**
 * The demo shop for the tests of one describe block: started before them,
 * closed after, whatever they did.
 */
import { afterAll, beforeAll } from "vitest";
import { type RunningShop, startShop } from "../../fixtures/shop/server";

/** Call inside a describe block; the shop's `url` is there once its tests run. */
export function demoShopForBlock(): { readonly url: string } {
  let shop: RunningShop | undefined;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(async () => {
    await shop?.close();
  });
  return {
    get url() {
      if (!shop) throw new Error("the demo shop is not running: use it inside the tests");
      return shop.url;
    },
  };
}
