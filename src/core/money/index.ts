export { CURRENCY_MINOR_DIGITS, isKnownCurrency, minorDigits } from "./currencies";
export { decimalString, formatMoney, moneyInputText, separators } from "./format";
export {
  type MoneyContext,
  type MoneyRefusal,
  type MoneyResult,
  majorToCents,
  parsePriceText,
} from "./page-text";
export { type DecimalParse, parseDecimal, parseTypedAmount, type TypedAmountRefusal } from "./typed";
