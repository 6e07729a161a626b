import "../../src/ui/shared/tokens.css";
import "../../src/ui/shared/styles.css";
import { render } from "preact";
import { uiLocale } from "../../src/ui/i18n";
import { PopupApp } from "../../src/ui/popup/PopupApp";
import { tabFromHash } from "../../src/ui/popup/PopupTabs";
import { browserServices } from "../../src/ui/shared/services";

document.documentElement.lang = uiLocale();
const root = document.getElementById("app");
if (root) render(<PopupApp services={browserServices()} initialTab={tabFromHash(location.hash)} />, root);
