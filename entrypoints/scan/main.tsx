import "../../src/ui/shared/tokens.css";
import "../../src/ui/panel/panel.css";
import "../../src/ui/scan/scan.css";
import { render } from "preact";
import { uiLocale } from "../../src/services/i18n";
import { ScanApp } from "../../src/ui/scan/ScanApp";

// The page's content script names this panel's channel in the address; nothing else identifies it.
const channel = location.hash.slice(1);
document.documentElement.lang = uiLocale();
const root = document.getElementById("app");
if (root && /^[0-9a-f]{32}$/.test(channel)) render(<ScanApp channel={channel} locale={uiLocale()} />, root);
