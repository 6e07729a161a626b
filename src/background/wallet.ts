/** Background side of the wallet half: toolbar badge, context menu and shortcut copy. */
export function startWallet(): void {}
