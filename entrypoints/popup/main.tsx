import { options, render } from "preact";
import { uiLocale } from "../../src/services/i18n";
import { dropScreenCopy } from "../../src/ui/popup/earlyScreen";
import { PopupApp } from "../../src/ui/popup/PopupApp";
import { tabFromHash } from "../../src/ui/popup/PopupTabs";
import { prefetchWalletFirstScreen } from "../../src/ui/popup/wallet/firstScreen";
import { releaseWarmDatabase } from "../../src/ui/popup/warmDatabase";
import { browserServices } from "../../src/ui/shared/services";

// Effects (every card's data load) run right after the render that needs them, not after
// the next animation frame: the popup's first screen is a chain of them (the database, the
// program, the tab's data), and a frame each would add tens of milliseconds to it.
options.requestAnimationFrame = (flush) => setTimeout(flush);

const services = browserServices();
const initialTab = tabFromHash(location.hash);
// The database opens now, while the first render runs, rather than from DatabaseGate's effect
// after it; the gate's first call takes this opening, a retry opens afresh.
let opening: ReturnType<typeof services.openDb> | undefined = services.openDb();
// Dexie has the database (or an answer why not): start.ts's warm connection can go.
opening.then(releaseWarmDatabase, releaseWarmDatabase);
const openDb = services.openDb;
services.openDb = () => {
  const first = opening ?? openDb();
  opening = undefined;
  return first;
};
if (initialTab === "wallet") {
  // Opened on the wallet (an expiry reminder): its tab's code and first screen load while the
  // shell renders and the database opens, rather than after.
  void import("../../src/ui/popup/wallet/WalletTab");
  void prefetchWalletFirstScreen(opening, services.now);
}

document.documentElement.lang = uiLocale();
const root = document.getElementById("app");
if (root) render(<PopupApp services={services} initialTab={initialTab} />, root);
// The wallet tab drops the picture of its first screen when its own is drawn or fails; this
// is for any other failure on the way (the database, the program): shown within a second.
setTimeout(() => dropScreenCopy(), 1_000);
