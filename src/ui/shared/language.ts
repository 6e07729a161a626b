import { useEffect } from "preact/hooks";
import { t } from "../../services/i18n";

/**
 * Tells screen readers and the browser which language the page is in: the
 * language of the messages the browser picked, which the pages' static
 * `lang="en"` cannot know.
 */
export function useDocumentLanguage(): void {
  useEffect(() => {
    const tag = t("langTag");
    if (tag !== "langTag") document.documentElement.lang = tag;
  }, []);
}
