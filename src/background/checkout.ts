/** Background side of the checkout half: carts from content scripts, optimized against the wallet. */
export function startCheckout(): void {}
