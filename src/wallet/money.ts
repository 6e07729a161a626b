// Kept for in-flight branches, to be removed: the money core lives in src/core/money.
export {
  type DecimalParse,
  formatMoney,
  isKnownCurrency,
  minorDigits as currencyMinorDigits,
  moneyInputText,
  parseDecimal,
  parseTypedAmount as parseMoney,
} from "../core/money";
