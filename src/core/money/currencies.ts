/**
 * The one currency table. Every amount inside Stackwise is an integer count of
 * the currency's minor unit; this table says how many decimal digits that unit
 * is, for the page reader, the wallet forms, the formatter and the panel alike.
 *
 * Digits are CLDR's display digits (what `Intl.NumberFormat` prints), not ISO
 * 4217's exponent where the two part: pages, the panel and every price a shopper
 * reads show forints, rupiahs, Colombian pesos, rupees and Iraqi dinars without
 * decimals, and the wallet has stored typed amounts in these units since it
 * first asked Intl. A literal table rather than asking Intl at run time, because
 * browsers ship different ICU versions and the reader, the form and the
 * formatter must never disagree. test/unit/money-currencies.test.ts holds this
 * table against Intl and says why where it differs.
 */

const ZERO =
  "AFN ALL BIF CLP COP DJF GNF HUF IDR IQD IRR ISK JPY KMF KPW KRW LAK LBP MGA MMK PKR PYG RWF SLL SOS SYP UGX VND VUV XAF XOF XPF YER";
const THREE = "BHD JOD KWD LYD OMR TND";
const TWO =
  "AED AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HRK HTG ILS INR JMD KES KGS KHR KYD KZT LKR LRD LSL MAD MDL MKD MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SRD SSP STN SVC SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD XCG XDR XSU ZAR ZMW ZWG ZWL";

const table = new Map<string, number>();
for (const [codes, digits] of [
  [ZERO, 0],
  [TWO, 2],
  [THREE, 3],
] as const)
  for (const code of codes.split(" ")) table.set(code, digits);

/** Every currency code Stackwise knows, with its minor digits. */
export const CURRENCY_MINOR_DIGITS: ReadonlyMap<string, number> = table;

/** An ISO 4217 code the table knows. */
export const isKnownCurrency = (code: string): boolean => table.has(code);

/**
 * Digits after the decimal point of the currency's minor unit (USD 2, HUF 0,
 * KWD 3). An unknown code gets 2, so text in it still reads and prints.
 */
export const minorDigits = (currency: string): number => table.get(currency) ?? 2;
