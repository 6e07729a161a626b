/** A Message as an English reader sees it: the English catalogue, as the browser would fill it in. */
import english from "../../../public/_locales/en/messages.json";
import { type CatalogueEntry, catalogueSay } from "../../../src/ui/i18n";
import type { Message } from "../../../src/ui/message";

export const inEnglish = (m: Message): string => catalogueSay(english as Record<string, CatalogueEntry>, m);
