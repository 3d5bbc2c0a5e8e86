// The figures a portfolio's owner reads, worked out from the daemon's fetch_portfolio result with exact decimals:
// per position its value and gain or loss against the buy-in, and the totals over the positions that have a price.
import * as D from './decimals.js';

/**
 * How the position's price is quoted, as its value tells: the daemon values a position at quantity × price, or at
 * quantity × price / 100 for a bond, whose price is a percentage of its nominal amount (the quantity). 'unit',
 * 'percent', or null when there is no value or it fits neither.
 */
function quotation(quantity, price, value) {
  if (!quantity || !price || !value) return null;
  const product = D.multiply(quantity, price);
  if (D.compare(product, value) === 0) return 'unit';
  if (D.compare(D.shift(product, 2), value) === 0) return 'percent';
  return null;
}

/** One position as the page shows it; cost, gain and gainPercent are null when the buy-in or the price is missing. */
function holding(position) {
  const quantity = D.parse(position.quantity);
  const buyIn = D.parse(position.average_buy_in);
  const price = D.parse(position.price);
  const value = D.parse(position.value);
  const quoted = quotation(quantity, price, value);
  const cost = quoted && buyIn ? (quoted === 'percent' ? D.shift(D.multiply(quantity, buyIn), 2) : D.multiply(quantity, buyIn)) : null;
  const gain = cost ? D.subtract(value, cost) : null;
  return {
    id: position.isin ?? position.instrument_id ?? '',
    name: position.name ?? position.isin ?? position.instrument_id ?? '',
    quantity: position.quantity,
    buyIn: position.average_buy_in ?? null,
    price: position.price ?? null,
    exchange: position.exchange ?? null,
    inPercent: quoted === 'percent',
    value,
    cost,
    gain,
    gainPercent: gain ? D.percent(gain, cost, 2) : null,
  };
}

/**
 * The page's figures. Totals are over the positions that have a value (null when none has: never a total of 0 for
 * nothing priced); cost and gain only over those that also have a buy-in, so that gain = value − cost holds for the
 * same positions. `unpriced` and `withoutBuyIn` name the positions left out, for the page to say so.
 */
export function figures({ positions, cash }) {
  const holdings = positions.map(holding);
  const priced = holdings.filter((h) => h.value);
  const costed = priced.filter((h) => h.cost);
  const cost = costed.length ? D.sum(costed.map((h) => h.cost)) : null;
  const gain = cost ? D.subtract(D.sum(costed.map((h) => h.value)), cost) : null;
  return {
    holdings,
    totals: {
      value: priced.length ? D.sum(priced.map((h) => h.value)) : null,
      cost,
      gain,
      gainPercent: gain ? D.percent(gain, cost, 2) : null,
    },
    unpriced: holdings.filter((h) => !h.value),
    withoutBuyIn: priced.filter((h) => !h.cost),
    cash: cash.map((balance) => ({ currency: balance.currency, amount: D.parse(balance.amount), text: balance.amount })),
  };
}

/**
 * The shares of the account: each priced position and each euro cash balance (positions are valued in euros, as Trade
 * Republic quotes them) with its percentage of their sum, largest first; empty when there is nothing positive to share.
 */
export function allocation({ holdings, cash }) {
  const parts = [
    ...holdings.filter((h) => h.value && !D.isNegative(h.value) && !D.isZero(h.value)).map((h) => ({ label: h.name, value: h.value, cash: false })),
    ...cash.filter((c) => c.currency === 'EUR' && c.amount && !D.isNegative(c.amount) && !D.isZero(c.amount)).map((c) => ({ label: `Cash (${c.currency})`, value: c.amount, cash: true })),
  ];
  if (!parts.length) return [];
  const total = D.sum(parts.map((part) => part.value));
  return parts
    .map((part) => ({ ...part, percent: D.percent(part.value, total, 1) }))
    .sort((a, b) => D.compare(b.value, a.value));
}

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** A count in words as people write it in a sentence ("one", "twelve", "13"), capitalised at its start when asked. */
export function countInWords(count, capitalised = false) {
  const word = numberWords[count] ?? String(count);
  return capitalised ? word[0].toUpperCase() + word.slice(1) : word;
}
