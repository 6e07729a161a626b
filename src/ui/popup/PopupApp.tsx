import { t } from "../../services/i18n";
import { AppFrame, DatabaseGate } from "../shared/app";
import { ServicesContext, type UiServices } from "../shared/services";
import { PopupTabs, type Tab } from "./PopupTabs";

/** The toolbar popup. Everything it shows comes from the device; it sends nothing anywhere. */
export function PopupApp({ services, initialTab }: { services: UiServices; initialTab?: Tab }) {
  return (
    <ServicesContext.Provider value={services}>
      <div class="popup">
        <header class="app-header">
          <h1 class="brand">
            <span class="brand-mark" aria-hidden="true" />
            {t("appName")}
          </h1>
          <button
            type="button"
            class="btn btn-small btn-quiet"
            onClick={() => services.openOptions()}
            data-testid="open-options"
          >
            {t("openSettings")}
          </button>
        </header>
        <main class="popup-main">
          <AppFrame>
            <DatabaseGate>
              <PopupTabs initialTab={initialTab} />
            </DatabaseGate>
          </AppFrame>
        </main>
      </div>
    </ServicesContext.Provider>
  );
}
