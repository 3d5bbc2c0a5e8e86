// Exact decimal arithmetic for amounts of money. The daemon sends decimals as strings so that nothing rounds them;
// JavaScript numbers would (0.1 + 0.2 !== 0.3), so amounts are kept as a BigInt of units and a scale (digits after
// the point): 12.50 is { units: 1250n, scale: 2 }. Numbers are used only for drawing, never for text.

/** The decimal in `text` ("-12.5", "3"), or null when it is none (missing, empty, an exponent, a comma). */
export function parse(text) {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text ?? '');
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(whole + fraction);
  return { units: sign ? -units : units, scale: fraction.length };
}

export const zero = { units: 0n, scale: 0 };

const power = (digits) => 10n ** BigInt(digits);

/** `a` and `b` with the same scale, for adding and comparing. */
function aligned(a, b) {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * power(scale - a.scale), b.units * power(scale - b.scale), scale];
}

export function add(a, b) {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function subtract(a, b) {
  return add(a, { units: -b.units, scale: b.scale });
}

export function multiply(a, b) {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** `a` divided by 10^digits: exact (a bond's percentage of its nominal amount is a shift by two). */
export function shift(a, digits) {
  return { units: a.units, scale: a.scale + digits };
}

export function sum(values) {
  return values.reduce(add, zero);
}

export function compare(a, b) {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isZero = (a) => a.units === 0n;
export const isNegative = (a) => a.units < 0n;

/** Integer division of BigInts rounded half away from zero (commercial rounding, as on a statement). */
function roundedQuotient(numerator, denominator) {
  const negative = (numerator < 0n) !== (denominator < 0n);
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** `a` rounded to `places` digits after the point. */
export function round(a, places) {
  return a.scale <= places
    ? { units: a.units * power(places - a.scale), scale: places }
    : { units: roundedQuotient(a.units, power(a.scale - places)), scale: places };
}

/** `a` ÷ `b` rounded to `places` digits; null when `b` is zero. */
export function divide(a, b, places) {
  if (isZero(b)) return null;
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scaled by 10^places to keep that many digits.
  const numerator = a.units * power(b.scale + places);
  const denominator = b.units * power(a.scale);
  return { units: roundedQuotient(numerator, denominator), scale: places };
}

/** `a` as a JavaScript number, for drawing only (lengths in a picture), never for text: it may round. */
export function approximate(a) {
  return Number(a.units) / 10 ** a.scale;
}

/** What percentage `part` is of `whole`, rounded to `places` digits; null when `whole` is zero. */
export function percent(part, whole, places) {
  return divide(multiply(part, { units: 100n, scale: 0 }), whole, places);
}

/**
 * `a` as text for people: rounded to `places` digits when given (else every digit it has), thousands grouped with
 * commas, a real minus sign, and `+` in front of a positive number when `signed` (gains and losses).
 */
export function format(a, { places, signed = false } = {}) {
  const value = places === undefined ? a : round(a, places);
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale).replace(/\B(?=(\d{3})+$)/g, ',');
  const fraction = value.scale > 0 ? `.${digits.slice(-value.scale)}` : '';
  const sign = negative ? '\u2212' : signed && value.units > 0n ? '+' : '';
  return `${sign}${whole}${fraction}`;
}
