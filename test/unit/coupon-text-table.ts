/**
 * Real-looking coupon texts, as AliExpress shows them in English, Brazilian
 * Portuguese, Spanish and French (coupon cards, the coupon center, product
 * pages and their page data), each with the draft it must give.
 * Read with now = 2026-12-01T12:00:00Z; `tz` defaults to UTC.
 */
import type { CouponDraft } from "../../src/wallet/coupon-text";

export interface TableCase {
  text: string;
  tz?: string;
  currency?: string;
  coupons: CouponDraft[];
  unread?: string[][];
}

const EOD = (day: string) => `${day}T23:59:59.000Z`;

export const TABLE: TableCase[] = [
  // ---------------------------------------------------------------- English
  {
    text: "US $3.00 off on orders over US $20.00\nExpires Dec 31, 2026",
    coupons: [{ kind: "platform", off: 300, minSpend: 2000, currency: "USD", expiresAt: EOD("2026-12-31") }],
  },
  {
    text: "10% off, up to US $5\nExpires Dec 31, 2026",
    coupons: [
      {
        kind: "platform",
        percent: 10,
        maxOff: 500,
        minSpend: 0,
        currency: "USD",
        expiresAt: EOD("2026-12-31"),
      },
    ],
  },
  {
    text: "15% off\nno minimum spend\nExpires Jan 5, 2027",
    coupons: [{ kind: "platform", percent: 15, minSpend: 0, expiresAt: EOD("2027-01-05") }],
  },
  {
    text: "Store coupon · Best Gadgets Store\nUS $2.00 off on orders over US $15.00\nExpires Dec 12, 2026",
    coupons: [
      {
        kind: "store",
        off: 200,
        minSpend: 1500,
        currency: "USD",
        expiresAt: EOD("2026-12-12"),
        storeName: "Best Gadgets Store",
      },
    ],
  },
  {
    text: "Select coupon\nUS $4.00 off on orders over US $29.00\n2026.11.01-2026.12.12",
    coupons: [
      {
        kind: "select",
        off: 400,
        minSpend: 2900,
        currency: "USD",
        validFrom: "2026-11-01T00:00:00.000Z",
        expiresAt: EOD("2026-12-12"),
      },
    ],
  },
  {
    text: "Promo code: ABC123\nUS $5.00 off on orders over US $50.00\nExpires Dec 31, 2026",
    coupons: [
      {
        kind: "promo",
        off: 500,
        minSpend: 5000,
        currency: "USD",
        expiresAt: EOD("2026-12-31"),
        code: "ABC123",
      },
    ],
  },
  {
    text: "US $3.00 off on orders over US $20.00\nExpires in 2 days",
    coupons: [
      { kind: "platform", off: 300, minSpend: 2000, currency: "USD", expiresAt: "2026-12-03T12:00:00.000Z" },
    ],
  },
  {
    text: "US$3.00off\nOrdersoverUS$4.00",
    coupons: [{ kind: "platform", off: 300, minSpend: 400, currency: "USD" }],
  },
  {
    text: "US$3.00\nOrdersoverUS$4.00\n2022.10.08-2022.12.01",
    coupons: [
      {
        kind: "platform",
        off: 300,
        minSpend: 400,
        currency: "USD",
        validFrom: "2022-10-08T00:00:00.000Z",
        expiresAt: EOD("2022-12-01"),
      },
    ],
  },
  {
    text: "US $1,000.00 off on orders over US $10,000.00\nExpires December 31, 2026",
    coupons: [
      { kind: "platform", off: 100000, minSpend: 1000000, currency: "USD", expiresAt: EOD("2026-12-31") },
    ],
  },
  {
    text: "AliExpress coupon\nUS $8.00 off\nOrders over US $69.00\nValid until Dec 20, 2026",
    coupons: [{ kind: "platform", off: 800, minSpend: 6900, currency: "USD", expiresAt: EOD("2026-12-20") }],
  },
  {
    text: "£4.00 off on orders over £30.00 · Expires 31 Dec 2026",
    coupons: [{ kind: "platform", off: 400, minSpend: 3000, currency: "GBP", expiresAt: EOD("2026-12-31") }],
  },
  {
    text: "C$5.00 off on orders over C$40.00\nExpires Dec 15, 2026 23:59",
    coupons: [
      { kind: "platform", off: 500, minSpend: 4000, currency: "CAD", expiresAt: "2026-12-15T23:59:00.000Z" },
    ],
  },
  {
    text: "CA$6.00 off orders over CA$45.00\nExpires today",
    coupons: [{ kind: "platform", off: 600, minSpend: 4500, currency: "CAD", expiresAt: EOD("2026-12-01") }],
  },
  {
    text: "A$7.00 off on orders over A$50.00\nExpires tomorrow",
    coupons: [{ kind: "platform", off: 700, minSpend: 5000, currency: "AUD", expiresAt: EOD("2026-12-02") }],
  },
  {
    text: "MX$100.00 off on orders over MX$800.00\nExpires in 5 hours",
    coupons: [
      {
        kind: "platform",
        off: 10000,
        minSpend: 80000,
        currency: "MXN",
        expiresAt: "2026-12-01T17:00:00.000Z",
      },
    ],
  },
  {
    text: "¥500 off on orders over ¥3,000\nExpires Dec 31, 2026",
    coupons: [{ kind: "platform", off: 500, minSpend: 3000, currency: "JPY", expiresAt: EOD("2026-12-31") }],
  },
  {
    text: "₩5,000 off on orders over ₩30,000\nExpires 2026-12-24",
    coupons: [
      { kind: "platform", off: 5000, minSpend: 30000, currency: "KRW", expiresAt: EOD("2026-12-24") },
    ],
  },
  {
    text: "₹150.00 off on orders over ₹1,499.00\nExpires 2026/12/24",
    coupons: [
      { kind: "platform", off: 15000, minSpend: 149900, currency: "INR", expiresAt: EOD("2026-12-24") },
    ],
  },
  {
    text: "USD 3.00 off on orders over USD 25.00\nExpires 12/31/2026",
    coupons: [{ kind: "platform", off: 300, minSpend: 2500, currency: "USD", expiresAt: EOD("2026-12-31") }],
  },
  {
    text: "Store coupon\nUS $2.00\nOrders over US $15.00\nExpires Dec 12, 2026\nUse\nStore coupon\nUS $4.00\nOrders over US $30.00\nExpires Dec 20, 2026\nUse",
    coupons: [
      { kind: "store", off: 200, minSpend: 1500, currency: "USD", expiresAt: EOD("2026-12-12") },
      { kind: "store", off: 400, minSpend: 3000, currency: "USD", expiresAt: EOD("2026-12-20") },
    ],
  },
  {
    text: "US $3.00 off on orders over US $20.00\nExpires Dec 31, 2026\nCollect\nUS $10.00 off on orders over US $99.00\nExpires Dec 25, 2026\nCollect",
    coupons: [
      { kind: "platform", off: 300, minSpend: 2000, currency: "USD", expiresAt: EOD("2026-12-31") },
      { kind: "platform", off: 1000, minSpend: 9900, currency: "USD", expiresAt: EOD("2026-12-25") },
    ],
  },
  {
    text: "Store: Xiaomi Official Store\n5% off, up to US $10.00\nOrders over US $50.00\nValid from Dec 1, 2026 to Dec 10, 2026",
    coupons: [
      {
        kind: "store",
        percent: 5,
        maxOff: 1000,
        minSpend: 5000,
        currency: "USD",
        validFrom: "2026-12-01T00:00:00.000Z",
        expiresAt: EOD("2026-12-10"),
        storeName: "Xiaomi Official Store",
      },
    ],
  },
  {
    text: "Coupon code: WINTER26 · US $6.00 off orders over US $60.00 · Ends Dec 14, 2026",
    coupons: [
      {
        kind: "promo",
        off: 600,
        minSpend: 6000,
        currency: "USD",
        expiresAt: EOD("2026-12-14"),
        code: "WINTER26",
      },
    ],
  },
  {
    text: "$5.00 off on orders over $40.00\nExpires Dec 31, 2026",
    currency: "USD",
    coupons: [{ kind: "platform", off: 500, minSpend: 4000, currency: "USD", expiresAt: EOD("2026-12-31") }],
  },
  {
    text: "12.5% off, up to US $20.00\nExpires Dec 31, 2026",
    coupons: [
      {
        kind: "platform",
        percent: 12.5,
        maxOff: 2000,
        minSpend: 0,
        currency: "USD",
        expiresAt: EOD("2026-12-31"),
      },
    ],
  },
  {
    text: "US $3.00 off on orders over US $20.00\nExpires Dec 31, 2026",
    tz: "America/Sao_Paulo",
    coupons: [
      { kind: "platform", off: 300, minSpend: 2000, currency: "USD", expiresAt: "2027-01-01T02:59:59.000Z" },
    ],
  },
  {
    text: "US $2.00 off on orders over US $10.00\n3 days left",
    coupons: [
      { kind: "platform", off: 200, minSpend: 1000, currency: "USD", expiresAt: "2026-12-04T12:00:00.000Z" },
    ],
  },
  // ---------------------------------------------------------------- Português (Brasil)
  {
    text: "R$ 15,00 de desconto em pedidos acima de R$ 100,00\nVálido até 31/12/2026",
    coupons: [
      { kind: "platform", off: 1500, minSpend: 10000, currency: "BRL", expiresAt: EOD("2026-12-31") },
    ],
  },
  {
    text: "Cupom da loja · Loja Oficial Baseus\nR$ 10,00 de desconto em pedidos acima de R$ 79,00\nVence em 15 de dez. de 2026",
    coupons: [
      {
        kind: "store",
        off: 1000,
        minSpend: 7900,
        currency: "BRL",
        expiresAt: EOD("2026-12-15"),
        storeName: "Loja Oficial Baseus",
      },
    ],
  },
  {
    text: "R$ 1.500,00 de desconto em pedidos acima de R$ 10.000,00\nVálido até 31/12/2026",
    coupons: [
      { kind: "platform", off: 150000, minSpend: 1000000, currency: "BRL", expiresAt: EOD("2026-12-31") },
    ],
  },
  {
    text: "10% de desconto, até R$ 25,00\nVálido até 10/12/2026",
    coupons: [
      {
        kind: "platform",
        percent: 10,
        maxOff: 2500,
        minSpend: 0,
        currency: "BRL",
        expiresAt: EOD("2026-12-10"),
      },
    ],
  },
  {
    text: "8% de desconto\nsem valor mínimo\nExpira em 3 dias",
    coupons: [{ kind: "platform", percent: 8, minSpend: 0, expiresAt: "2026-12-04T12:00:00.000Z" }],
  },
  {
    text: "Cupom Select\nR$ 20,00 de desconto em pedidos acima de R$ 150,00\n01/12/2026 - 12/12/2026",
    coupons: [
      {
        kind: "select",
        off: 2000,
        minSpend: 15000,
        currency: "BRL",
        validFrom: "2026-12-01T00:00:00.000Z",
        expiresAt: EOD("2026-12-12"),
      },
    ],
  },
  {
    text: "Código promocional: BRASIL30\nR$ 30,00 de desconto em pedidos acima de R$ 200,00\nVálido até 20/12/2026",
    coupons: [
      {
        kind: "promo",
        off: 3000,
        minSpend: 20000,
        currency: "BRL",
        expiresAt: EOD("2026-12-20"),
        code: "BRASIL30",
      },
    ],
  },
  {
    text: "Cupom AliExpress\nR$ 5,00 de desconto em pedidos acima de R$ 39,00\nVence hoje",
    tz: "America/Sao_Paulo",
    coupons: [
      { kind: "platform", off: 500, minSpend: 3900, currency: "BRL", expiresAt: "2026-12-02T02:59:59.000Z" },
    ],
  },
  {
    text: "R$15 OFF em compras acima de R$150\nVálido até 31 de dezembro de 2026",
    coupons: [
      { kind: "platform", off: 1500, minSpend: 15000, currency: "BRL", expiresAt: EOD("2026-12-31") },
    ],
  },
  {
    text: "R$ 12,00 de desconto\nem pedidos acima de R$ 99,00\nVence amanhã\nColetar",
    coupons: [{ kind: "platform", off: 1200, minSpend: 9900, currency: "BRL", expiresAt: EOD("2026-12-02") }],
  },
  {
    text: "Loja: Casa Bonita Store\nR$ 8,00 de desconto em pedidos acima de R$ 60,00\nVálido até 2026.12.18",
    coupons: [
      {
        kind: "store",
        off: 800,
        minSpend: 6000,
        currency: "BRL",
        expiresAt: EOD("2026-12-18"),
        storeName: "Casa Bonita Store",
      },
    ],
  },
  {
    text: "US$ 4,00 de desconto em pedidos acima de US$ 30,00\nVálido até 31/12/2026",
    coupons: [{ kind: "platform", off: 400, minSpend: 3000, currency: "USD", expiresAt: EOD("2026-12-31") }],
  },
  {
    text: "R$ 25,00 de desconto em pedidos acima de R$ 250,00\nFaltam 2 dias",
    coupons: [
      {
        kind: "platform",
        off: 2500,
        minSpend: 25000,
        currency: "BRL",
        expiresAt: "2026-12-03T12:00:00.000Z",
      },
    ],
  },
  {
    text: "Cupom da loja\nR$ 3,00 de desconto em pedidos acima de R$ 30,00\nVálido até 05/12/2026\nCupom da loja\nR$ 6,00 de desconto em pedidos acima de R$ 60,00\nVálido até 06/12/2026",
    coupons: [
      { kind: "store", off: 300, minSpend: 3000, currency: "BRL", expiresAt: EOD("2026-12-05") },
      { kind: "store", off: 600, minSpend: 6000, currency: "BRL", expiresAt: EOD("2026-12-06") },
    ],
  },
  {
    text: "15% de desconto, até R$ 1.000,00\nem pedidos acima de R$ 2.000,00\nVálido até 31/01/2027",
    coupons: [
      {
        kind: "platform",
        percent: 15,
        maxOff: 100000,
        minSpend: 200000,
        currency: "BRL",
        expiresAt: EOD("2027-01-31"),
      },
    ],
  },
  // ---------------------------------------------------------------- Español
  {
    text: "3,00 € de descuento en pedidos superiores a 20,00 €\nVálido hasta 31/12/2026",
    coupons: [{ kind: "platform", off: 300, minSpend: 2000, currency: "EUR", expiresAt: EOD("2026-12-31") }],
  },
  {
    text: "Cupón de tienda · Tienda Oficial UGREEN\n2,00 € de descuento en pedidos de más de 15,00 €\nVence el 15 dic 2026",
    coupons: [
      {
        kind: "store",
        off: 200,
        minSpend: 1500,
        currency: "EUR",
        expiresAt: EOD("2026-12-15"),
        storeName: "Tienda Oficial UGREEN",
      },
    ],
  },
  {
    text: "10% de descuento, hasta 5,00 €\nCaduca en 4 días",
    coupons: [
      {
        kind: "platform",
        percent: 10,
        maxOff: 500,
        minSpend: 0,
        currency: "EUR",
        expiresAt: "2026-12-05T12:00:00.000Z",
      },
    ],
  },
  {
    text: "Cupón Select\n4,00 € de descuento en pedidos superiores a 29,00 €\nDel 1 dic 2026 al 12 dic 2026",
    coupons: [
      {
        kind: "select",
        off: 400,
        minSpend: 2900,
        currency: "EUR",
        validFrom: "2026-12-01T00:00:00.000Z",
        expiresAt: EOD("2026-12-12"),
      },
    ],
  },
  {
    text: "Código promocional: ESPANA5\n5,00 € de descuento en pedidos superiores a 40,00 €\nVálido hasta el 31 de diciembre de 2026",
    coupons: [
      {
        kind: "promo",
        off: 500,
        minSpend: 4000,
        currency: "EUR",
        expiresAt: EOD("2026-12-31"),
        code: "ESPANA5",
      },
    ],
  },
  {
    text: "1.000,00 € de descuento en pedidos superiores a 5.000,00 €\nVence el 20/12/2026",
    coupons: [
      { kind: "platform", off: 100000, minSpend: 500000, currency: "EUR", expiresAt: EOD("2026-12-20") },
    ],
  },
  {
    text: "MXN 150.00 de descuento en compras superiores a MXN 1,200.00\nVálido hasta 31/12/2026",
    coupons: [
      { kind: "platform", off: 15000, minSpend: 120000, currency: "MXN", expiresAt: EOD("2026-12-31") },
    ],
  },
  {
    text: "Cupón de AliExpress\n6,00 € de descuento en pedidos superiores a 50,00 €\nVence hoy",
    tz: "Europe/Madrid",
    coupons: [
      { kind: "platform", off: 600, minSpend: 5000, currency: "EUR", expiresAt: "2026-12-01T22:59:59.000Z" },
    ],
  },
  {
    text: "7% de descuento\nsin compra mínima\nVence mañana",
    coupons: [{ kind: "platform", percent: 7, minSpend: 0, expiresAt: EOD("2026-12-02") }],
  },
  {
    text: "Tienda: Hogar Feliz\n3,50 € de descuento en pedidos superiores a 25,00 €\nQuedan 6 días\nObtener",
    coupons: [
      {
        kind: "store",
        off: 350,
        minSpend: 2500,
        currency: "EUR",
        expiresAt: "2026-12-07T12:00:00.000Z",
        storeName: "Hogar Feliz",
      },
    ],
  },
  {
    text: "2,00 € de descuento en pedidos superiores a 10,00 €\n2026.12.01-2026.12.31\n5,00 € de descuento en pedidos superiores a 45,00 €\n2026.12.01-2026.12.31",
    coupons: [
      {
        kind: "platform",
        off: 200,
        minSpend: 1000,
        currency: "EUR",
        validFrom: "2026-12-01T00:00:00.000Z",
        expiresAt: EOD("2026-12-31"),
      },
      {
        kind: "platform",
        off: 500,
        minSpend: 4500,
        currency: "EUR",
        validFrom: "2026-12-01T00:00:00.000Z",
        expiresAt: EOD("2026-12-31"),
      },
    ],
  },
  {
    text: "1234,50 € de descuento en pedidos superiores a 9999,00 €\nVence el 31 dic 2026",
    coupons: [
      { kind: "platform", off: 123450, minSpend: 999900, currency: "EUR", expiresAt: EOD("2026-12-31") },
    ],
  },
  {
    text: "20% de descuento, hasta 15,00 €\nen pedidos de más de 60,00 €\nVence el 5 de enero de 2027",
    coupons: [
      {
        kind: "platform",
        percent: 20,
        maxOff: 1500,
        minSpend: 6000,
        currency: "EUR",
        expiresAt: EOD("2027-01-05"),
      },
    ],
  },
  // ---------------------------------------------------------------- Français
  {
    text: "3,00 € de réduction dès 20,00 € d'achat\nExpire le 31 déc. 2026",
    coupons: [{ kind: "platform", off: 300, minSpend: 2000, currency: "EUR", expiresAt: EOD("2026-12-31") }],
  },
  {
    text: "Coupon boutique · Boutique officielle Anker\n2,00 € de réduction dès 15,00 € d'achat\nExpire le 12/12/2026",
    coupons: [
      {
        kind: "store",
        off: 200,
        minSpend: 1500,
        currency: "EUR",
        expiresAt: EOD("2026-12-12"),
        storeName: "Boutique officielle Anker",
      },
    ],
  },
  {
    text: "1 500,00 € de réduction dès 10 000,00 € d'achat\nValable jusqu'au 31/12/2026",
    coupons: [
      { kind: "platform", off: 150000, minSpend: 1000000, currency: "EUR", expiresAt: EOD("2026-12-31") },
    ],
  },
  {
    text: "10 % de réduction, jusqu'à 5,00 €\nExpire dans 2 jours",
    coupons: [
      {
        kind: "platform",
        percent: 10,
        maxOff: 500,
        minSpend: 0,
        currency: "EUR",
        expiresAt: "2026-12-03T12:00:00.000Z",
      },
    ],
  },
  {
    text: "Coupon Select\n4,00 € de réduction dès 29,00 € d'achat\nDu 1 déc. 2026 au 12 déc. 2026",
    coupons: [
      {
        kind: "select",
        off: 400,
        minSpend: 2900,
        currency: "EUR",
        validFrom: "2026-12-01T00:00:00.000Z",
        expiresAt: EOD("2026-12-12"),
      },
    ],
  },
  {
    text: "Code promo : NOEL2026\n5,00 € de réduction dès 40,00 € d'achat\nExpire le 24 décembre 2026",
    coupons: [
      {
        kind: "promo",
        off: 500,
        minSpend: 4000,
        currency: "EUR",
        expiresAt: EOD("2026-12-24"),
        code: "NOEL2026",
      },
    ],
  },
  {
    text: "Coupon AliExpress\n8,00 € de réduction dès 69,00 € d'achat\nExpire aujourd'hui",
    tz: "Europe/Paris",
    coupons: [
      { kind: "platform", off: 800, minSpend: 6900, currency: "EUR", expiresAt: "2026-12-01T22:59:59.000Z" },
    ],
  },
  {
    text: "6 % de réduction\nsans minimum d'achat\nExpire demain",
    coupons: [{ kind: "platform", percent: 6, minSpend: 0, expiresAt: EOD("2026-12-02") }],
  },
  {
    text: "Boutique : Maison Zen\n3,00 € de réduction sur les commandes de plus de 25,00 €\nExpire le 2026-12-19\nRécupérer",
    coupons: [
      {
        kind: "store",
        off: 300,
        minSpend: 2500,
        currency: "EUR",
        expiresAt: EOD("2026-12-19"),
        storeName: "Maison Zen",
      },
    ],
  },
  {
    text: "4,00 $US de réduction dès 30,00 $US d'achat\nExpire le 31/12/2026",
    coupons: [{ kind: "platform", off: 400, minSpend: 3000, currency: "USD", expiresAt: EOD("2026-12-31") }],
  },
  {
    text: "Coupon boutique\n2,00 € de réduction\ndès 12,00 € d'achat\nExpire le 08/12/2026\nCoupon boutique\n4,00 € de réduction\ndès 35,00 € d'achat\nExpire le 09/12/2026",
    coupons: [
      { kind: "store", off: 200, minSpend: 1200, currency: "EUR", expiresAt: EOD("2026-12-08") },
      { kind: "store", off: 400, minSpend: 3500, currency: "EUR", expiresAt: EOD("2026-12-09") },
    ],
  },
  {
    text: "15 % de réduction, jusqu'à 1 000,00 €\ndès 2 000,00 € d'achat\nExpire le 1er janv. 2027",
    coupons: [
      {
        kind: "platform",
        percent: 15,
        maxOff: 100000,
        minSpend: 200000,
        currency: "EUR",
        expiresAt: EOD("2027-01-01"),
      },
    ],
  },
  {
    text: "12,00 zł de réduction dès 80,00 zł d'achat\nExpire le 31/12/2026",
    coupons: [{ kind: "platform", off: 1200, minSpend: 8000, currency: "PLN", expiresAt: EOD("2026-12-31") }],
  },
  // ---------------------------------------------------------------- more currency marks, in English
  {
    text: "CHF 5.00 off on orders over CHF 40.00\nExpires Dec 31, 2026",
    coupons: [{ kind: "platform", off: 500, minSpend: 4000, currency: "CHF", expiresAt: EOD("2026-12-31") }],
  },
  {
    text: "₪20.00 off on orders over ₪150.00\nExpires Dec 31, 2026",
    coupons: [
      { kind: "platform", off: 2000, minSpend: 15000, currency: "ILS", expiresAt: EOD("2026-12-31") },
    ],
  },
  {
    text: "RM10.00 off on orders over RM80.00\nExpires Dec 31, 2026",
    coupons: [{ kind: "platform", off: 1000, minSpend: 8000, currency: "MYR", expiresAt: EOD("2026-12-31") }],
  },
  {
    text: "50,00 kr off on orders over 400,00 kr\nExpires Dec 31, 2026",
    currency: "SEK",
    coupons: [
      { kind: "platform", off: 5000, minSpend: 40000, currency: "SEK", expiresAt: EOD("2026-12-31") },
    ],
  },
  {
    // Rupiah have no minor unit in the one money table (src/core/money, as Intl prints them).
    text: "Rp 15.000 off on orders over Rp 150.000\nExpires Dec 31, 2026",
    coupons: [
      { kind: "platform", off: 15000, minSpend: 150000, currency: "IDR", expiresAt: EOD("2026-12-31") },
    ],
  },
  {
    text: "₺50,00 off on orders over ₺400,00\nExpires Dec 31, 2026",
    coupons: [
      { kind: "platform", off: 5000, minSpend: 40000, currency: "TRY", expiresAt: EOD("2026-12-31") },
    ],
  },
  {
    text: "S$4.00 off on orders over S$30.00 · NZ$ and HK$ prices differ\nExpires Dec 31, 2026",
    coupons: [{ kind: "platform", off: 400, minSpend: 3000, currency: "SGD", expiresAt: EOD("2026-12-31") }],
    unread: [["NZ", "HK", "prices", "differ"]],
  },
  {
    text: "HK$30.00 off on orders over HK$250.00\nExpires Dec 31, 2026",
    coupons: [
      { kind: "platform", off: 3000, minSpend: 25000, currency: "HKD", expiresAt: EOD("2026-12-31") },
    ],
  },
];
