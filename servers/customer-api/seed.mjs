import { createHash } from 'node:crypto';
import { germanIban } from './iban.mjs';

/**
 * Deterministic demo data per user `sub`: the same sub always gets the same three accounts and
 * about four months of transactions ending at `seedDate`. Amounts are integer minor units (cents)
 * with a currency, e.g. `{ value: -4599, currency: 'EUR' }` is minus 45.99 EUR.
 */

export const DEFAULT_SEED_DATE = '2025-06-30';
const HISTORY_DAYS = 120;
const BANK_CODE = '50010517';

/**
 * @typedef {{ value: number, currency: 'EUR' }} Money
 * @typedef {'checking' | 'savings' | 'credit_card'} AccountType
 * @typedef {object} Account
 * @property {string} id           The IBAN, also the account id.
 * @property {AccountType} type
 * @property {string} name
 * @property {string} iban
 * @property {'EUR'} currency
 * @property {Money} balance
 * @property {Money} availableBalance
 * @property {Money} [creditLimit]  credit_card only
 * @property {string} [maskedPan]   credit_card only
 * @property {string} openedOn      YYYY-MM-DD
 * @typedef {object} Transaction
 * @property {string} id
 * @property {string} accountId
 * @property {string} bookedAt     ISO date-time (UTC)
 * @property {Money} amount        negative = money out
 * @property {string} counterparty Merchant or person.
 * @property {string} description
 * @property {string} category
 * @property {'booked' | 'pending'} status
 */

/** @param {number} value @returns {Money} */
export const eur = (value) => ({ value, currency: 'EUR' });

/** A small seeded PRNG (mulberry32), so data depends on the sub only. @param {string} seed */
function random(seed) {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** @param {number} min @param {number} max inclusive */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** @template T @param {readonly T[]} list @returns {T} */
    pick: (list) => /** @type {any} */ (list[Math.floor(next() * list.length)]),
  };
}

const GROCERIES = ['REWE', 'Lidl', 'Aldi Süd', 'Edeka', 'Carrefour Market', 'Albert Heijn', 'Monoprix'];
const TRANSPORT = ['Deutsche Bahn', 'BVG Ticket', 'Uber', 'Shell Station', 'Bolt'];
const EATING_OUT = ['Café Einstein', 'Vapiano', 'Le Petit Bistro', 'Sushi Circle', 'Bäckerei Kamps'];
const CARD_SHOPS = [
  ['Amazon EU', 'shopping'], ['Zalando', 'shopping'], ['IKEA', 'home'], ['Lufthansa', 'travel'],
  ['Booking.com', 'travel'], ['Apple.com/bill', 'subscriptions'], ['MediaMarkt', 'electronics'],
  ['Decathlon', 'sport'],
];

/**
 * @param {string} sub
 * @param {string} [seedDate] YYYY-MM-DD, the last day of history
 * @returns {{ accounts: Account[], transactions: Map<string, Transaction[]> }}
 */
export function seedFor(sub, seedDate = DEFAULT_SEED_DATE) {
  const rng = random(`atrium-customer:${sub}`);
  const end = Date.parse(`${seedDate}T00:00:00Z`);
  if (Number.isNaN(end)) throw new RangeError(`customer-api: option "seedDate" must be YYYY-MM-DD, got "${seedDate}"`);
  const number = () => String(rng.int(0, 9_999_999_999)).padStart(10, '0');
  const ids = { checking: germanIban(BANK_CODE, number()), savings: germanIban(BANK_CODE, number()), card: germanIban(BANK_CODE, number()) };

  /** @type {Map<string, Omit<Transaction, 'id' | 'accountId'>[]>} */
  const raw = new Map([[ids.checking, []], [ids.savings, []], [ids.card, []]]);
  /** @param {string} account @param {number} day @param {number} cents @param {string} who @param {string} what @param {string} category */
  const add = (account, day, cents, who, what, category) => {
    const at = new Date(end - day * 86_400_000 + rng.int(7 * 60, 21 * 60) * 60_000);
    raw.get(account)?.push({ bookedAt: at.toISOString(), amount: eur(cents), counterparty: who, description: what, category, status: 'booked' });
  };

  const salary = rng.int(3_100, 4_300) * 100;
  const rent = rng.int(850, 1_350) * 100;
  let cardSpentThisMonth = 0;
  for (let day = HISTORY_DAYS; day >= 0; day -= 1) {
    const date = new Date(end - day * 86_400_000);
    const dom = date.getUTCDate();
    const month = date.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    if (dom === 1) {
      add(ids.checking, day, salary, 'Northwind Consulting GmbH', `Salary ${month}`, 'income');
      add(ids.checking, day, -rent, 'Hausverwaltung Lindner', `Rent ${month}`, 'housing');
      add(ids.checking, day, -20_000, 'Own savings account', 'Monthly savings', 'transfer');
      add(ids.savings, day, 20_000, 'Own checking account', 'Monthly savings', 'transfer');
    }
    if (dom === 5 && cardSpentThisMonth > 0) {
      add(ids.checking, day, -cardSpentThisMonth, 'Visa card settlement', 'Card statement', 'transfer');
      add(ids.card, day, cardSpentThisMonth, 'Payment received', 'Card statement', 'transfer');
      cardSpentThisMonth = 0;
    }
    if (dom === 12) add(ids.checking, day, -1_099, 'Spotify', 'Premium subscription', 'subscriptions');
    if (dom === 18) add(ids.checking, day, -1_399, 'Netflix', 'Standard plan', 'subscriptions');
    if (dom === 28 && date.getUTCMonth() % 3 === 2) add(ids.savings, day, rng.int(900, 2_400), 'Interest', 'Quarterly interest', 'income');
    if (rng.next() < 0.45) add(ids.checking, day, -rng.int(800, 9_500), rng.pick(GROCERIES), 'Card payment', 'groceries');
    if (rng.next() < 0.2) add(ids.checking, day, -rng.int(250, 4_800), rng.pick(TRANSPORT), 'Card payment', 'transport');
    if (rng.next() < 0.15) add(ids.checking, day, -rng.int(450, 6_500), rng.pick(EATING_OUT), 'Card payment', 'eating_out');
    if (rng.next() < 0.12) {
      const [shop, category] = rng.pick(CARD_SHOPS);
      const cents = rng.int(1_500, 32_000);
      cardSpentThisMonth += cents;
      add(ids.card, day, -cents, shop ?? 'Shop', 'Online purchase', category ?? 'shopping');
    }
  }

  /** @type {Map<string, Transaction[]>} */
  const transactions = new Map();
  for (const [accountId, list] of raw) {
    list.sort((a, b) => b.bookedAt.localeCompare(a.bookedAt));
    const suffix = accountId.slice(-6);
    transactions.set(accountId, list.map((t, i) => ({ id: `tx_${suffix}_${String(list.length - i).padStart(4, '0')}`, accountId, ...t })));
  }
  // The newest card purchases are still pending, as on a real statement.
  for (const t of (transactions.get(ids.card) ?? []).slice(0, 2)) if (t.amount.value < 0) t.status = 'pending';

  const opening = { checking: rng.int(900, 2_500) * 100, savings: rng.int(6_000, 24_000) * 100 };
  const creditLimit = rng.pick([2_000, 3_000, 5_000]) * 100;
  const opened = (/** @type {number} */ years) => `${Number(seedDate.slice(0, 4)) - years}-${seedDate.slice(5, 7)}-01`;
  /** @type {Account[]} */
  const accounts = [
    account(ids.checking, 'checking', 'Everyday account', opening.checking, transactions, opened(6)),
    account(ids.savings, 'savings', 'Savings', opening.savings, transactions, opened(4)),
    {
      ...account(ids.card, 'credit_card', 'Visa Credit Card', 0, transactions, opened(2)),
      creditLimit: eur(creditLimit),
      maskedPan: `•••• ${String(rng.int(1000, 9999))}`,
    },
  ];
  for (const a of accounts) if (a.creditLimit) a.availableBalance = eur(a.creditLimit.value + a.balance.value);
  return { accounts, transactions };
}

/**
 * @param {string} id @param {AccountType} type @param {string} name @param {number} opening
 * @param {Map<string, Transaction[]>} transactions @param {string} openedOn
 * @returns {Account}
 */
function account(id, type, name, opening, transactions, openedOn) {
  const total = (transactions.get(id) ?? []).reduce((sum, t) => sum + t.amount.value, opening);
  return { id, type, name, iban: id, currency: 'EUR', balance: eur(total), availableBalance: eur(total), openedOn };
}
