/**
 * Deterministic exchange rates: each currency has a reference rate against EUR plus a small
 * smooth drift that depends only on the time, so two calls a second apart agree and tests can
 * pin the clock with the `now` option.
 */

/** Reference rates, 1 EUR = x. */
const EUR_RATES = /** @type {const} */ ({
  EUR: 1,
  USD: 1.085,
  GBP: 0.856,
  CHF: 0.942,
  JPY: 162.3,
  SEK: 11.42,
  NOK: 11.65,
  DKK: 7.46,
  PLN: 4.31,
  CZK: 24.85,
  CAD: 1.478,
  AUD: 1.642,
});

/** @typedef {keyof typeof EUR_RATES} Currency */

export const CURRENCIES = /** @type {Currency[]} */ (Object.keys(EUR_RATES));

/** @param {string} code @returns {code is Currency} */
export function isCurrency(code) {
  return Object.hasOwn(EUR_RATES, code);
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** @param {Currency} code */
const indexOf = (code) => CURRENCIES.indexOf(code);

/** Intraday drift, at most ±0.4 %, period of a few hours. @param {Currency} code @param {number} time */
function intraday(code, time) {
  if (code === 'EUR') return 1;
  const i = indexOf(code);
  return 1 + 0.004 * Math.sin((2 * Math.PI * (time / MINUTE)) / (180 + i * 37) + i);
}

/** Day-to-day movement, at most ±4 %. @param {Currency} code @param {number} dayNumber */
function daily(code, dayNumber) {
  if (code === 'EUR') return 1;
  const i = indexOf(code);
  return 1 + 0.03 * Math.sin((2 * Math.PI * dayNumber) / (40 + i * 7) + i) + 0.01 * Math.sin(dayNumber / 3.1 + i * 2);
}

/** @param {number} value */
const round = (value) => Number(value.toPrecision(6));

/**
 * @param {Currency} base @param {Currency} quote @param {number} time epoch ms
 */
export function rateAt(base, quote, time) {
  const day = Math.floor(time / DAY);
  const eurTo = (/** @type {Currency} */ c) => EUR_RATES[c] * daily(c, day) * intraday(c, time);
  return round(eurTo(quote) / eurTo(base));
}

/**
 * @param {Currency} base @param {number} time
 * @returns {{ base: Currency, timestamp: string, rates: Record<string, number> }}
 */
export function ratesFor(base, time) {
  /** @type {Record<string, number>} */
  const rates = {};
  for (const quote of CURRENCIES) if (quote !== base) rates[quote] = rateAt(base, quote, time);
  return { base, timestamp: new Date(time).toISOString(), rates };
}

/**
 * Daily closing rates (taken at 16:00 UTC), oldest first, ending today.
 * @param {Currency} base @param {Currency} quote @param {number} days @param {number} time
 */
export function historyFor(base, quote, days, time) {
  const today = Math.floor(time / DAY);
  const points = [];
  for (let d = today - days + 1; d <= today; d += 1) {
    const close = d * DAY + 16 * 3_600_000;
    points.push({ date: new Date(d * DAY).toISOString().slice(0, 10), rate: rateAt(base, quote, close) });
  }
  return { base, quote, points };
}
