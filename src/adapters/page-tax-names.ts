/** A checkout page's tax line titles read as the optimizer's tax names (issue 13). */
import type { TaxName } from "../../optimizer/tax-schema";

/**
 * Which of the optimizer's tax names a page's tax line is, from its title in any of the
 * shop's languages; undefined when the title names none (e.g. "Additional charges").
 * Checked in this order: "Import VAT" is VAT, "Import duty" and "Derechos de
 * importación" are duty.
 */
const PAGE_TAX_NAMES: [TaxName, RegExp][] = [
  ["ICMS", /\bicms\b/i],
  ["VAT", /\b(vat|iva|tva|mwst|btw|gst)\b/i],
  ["duty", /\b(dut(y|ies)|derechos?|droits?|aranceles?|arancel|zoll|douane)\b/i],
  ["import tax", /\b(import|importa[cç][aã]o|importaci[oó]n|importation)\b/i],
];

export const pageTaxName = (title: string): TaxName | undefined =>
  PAGE_TAX_NAMES.find(([, re]) => re.test(title))?.[0];
