import "../../src/ui/shared/tokens.css";
import "../../src/ui/shared/styles.css";
import { render } from "preact";
import { t, uiLocale } from "../../src/services/i18n";
import { OptionsApp } from "../../src/ui/options/OptionsApp";
import { browserServices } from "../../src/ui/shared/services";

document.documentElement.lang = uiLocale();
document.title = t("optionsTitle");
const root = document.getElementById("app");
if (root) render(<OptionsApp services={browserServices()} />, root);
