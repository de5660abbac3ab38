import { randomUUID } from 'node:crypto';
import { seedFor, eur } from './seed.mjs';
import { isValidIban, normalizeIban } from './iban.mjs';

/**
 * Per-user in-memory state, seeded lazily from the user's `sub`. Transfers change it, so a UI
 * sees its transfer in the account's transactions and balance until the server restarts.
 */

/** @typedef {import('./seed.mjs').Account} Account */
/** @typedef {import('./seed.mjs').Transaction} Transaction */
/**
 * @typedef {object} Transfer
 * @property {string} id
 * @property {'booked'} status
 * @property {string} fromAccountId
 * @property {string} toIban
 * @property {string} creditorName
 * @property {import('./seed.mjs').Money} amount
 * @property {string} reference
 * @property {string} createdAt
 */
/** @typedef {{ pointer: string, detail: string }} FieldError */

const MAX_TRANSFER_CENTS = 1_000_000_00;

/** @param {string} seedDate */
export function createStore(seedDate) {
  /** @type {Map<string, ReturnType<typeof seedFor>>} */
  const users = new Map();

  /** @param {string} sub */
  const stateOf = (sub) => {
    let state = users.get(sub);
    if (!state) {
      state = seedFor(sub, seedDate);
      users.set(sub, state);
    }
    return state;
  };

  return {
    /** @param {string} sub */
    accounts: (sub) => stateOf(sub).accounts,
    /** @param {string} sub @param {string} id */
    account: (sub, id) => stateOf(sub).accounts.find((a) => a.id === normalizeIban(id)),
    /** @param {string} sub @param {string} id @returns {Transaction[]} */
    transactions: (sub, id) => stateOf(sub).transactions.get(normalizeIban(id)) ?? [],
    /**
     * Validates and books a transfer. Returns the transfer, or the list of field errors.
     * @param {string} sub @param {unknown} body
     * @returns {{ ok: true, transfer: Transfer } | { ok: false, errors: FieldError[] }}
     */
    transfer(sub, body) {
      const state = stateOf(sub);
      const checked = validateTransfer(body, state.accounts);
      if (!checked.ok) return checked;
      const { from, toIban, creditorName, value, reference } = checked;
      const createdAt = new Date().toISOString();
      const transfer = { id: `trf_${randomUUID()}`, status: /** @type {const} */ ('booked'), fromAccountId: from.id, toIban, creditorName, amount: eur(value), reference, createdAt };
      book(state, from, -value, creditorName, reference || 'Transfer', createdAt);
      const own = state.accounts.find((a) => a.id === toIban);
      if (own) book(state, own, value, from.name, reference || 'Transfer', createdAt);
      return { ok: true, transfer };
    },
  };
}

/**
 * @param {ReturnType<typeof seedFor>} state @param {Account} account @param {number} cents
 * @param {string} counterparty @param {string} description @param {string} at
 */
function book(state, account, cents, counterparty, description, at) {
  const list = state.transactions.get(account.id) ?? [];
  const id = `tx_${account.id.slice(-6)}_${String(list.length + 1).padStart(4, '0')}`;
  list.unshift({ id, accountId: account.id, bookedAt: at, amount: eur(cents), counterparty, description, category: 'transfer', status: 'booked' });
  state.transactions.set(account.id, list);
  account.balance = eur(account.balance.value + cents);
  account.availableBalance = eur(account.availableBalance.value + cents);
}

/**
 * @param {unknown} body @param {Account[]} accounts
 * @returns {{ ok: true, from: Account, toIban: string, creditorName: string, value: number, reference: string } | { ok: false, errors: FieldError[] }}
 */
function validateTransfer(body, accounts) {
  /** @type {FieldError[]} */
  const errors = [];
  const err = (/** @type {string} */ pointer, /** @type {string} */ detail) => errors.push({ pointer, detail });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ pointer: '', detail: 'body must be a JSON object' }] };
  }
  const b = /** @type {Record<string, unknown>} */ (body);
  const from = typeof b.fromAccountId === 'string' ? accounts.find((a) => a.id === normalizeIban(String(b.fromAccountId))) : undefined;
  if (typeof b.fromAccountId !== 'string') err('/fromAccountId', 'required, the id of one of your accounts');
  else if (!from) err('/fromAccountId', 'not one of your accounts');
  else if (from.type === 'credit_card') err('/fromAccountId', 'transfers cannot be made from a credit card account');
  const toIban = typeof b.toIban === 'string' ? normalizeIban(b.toIban) : '';
  if (typeof b.toIban !== 'string') err('/toIban', 'required, an IBAN');
  else if (!isValidIban(toIban)) err('/toIban', 'not a valid IBAN (format or checksum)');
  else if (from && toIban === from.id) err('/toIban', 'must differ from the source account');
  const creditorName = typeof b.creditorName === 'string' ? b.creditorName.trim() : '';
  if (creditorName.length < 1 || creditorName.length > 70) err('/creditorName', 'required, 1 to 70 characters');
  const reference = b.reference === undefined ? '' : b.reference;
  if (typeof reference !== 'string' || reference.length > 140) err('/reference', 'must be a string of at most 140 characters');
  const amount = /** @type {Record<string, unknown> | null} */ (typeof b.amount === 'object' ? b.amount : null);
  const value = amount?.value;
  if (!amount) err('/amount', 'required, { value: cents, currency: "EUR" }');
  else {
    if (amount.currency !== 'EUR') err('/amount/currency', 'only EUR is supported');
    if (!Number.isSafeInteger(value) || Number(value) < 1) err('/amount/value', 'must be a positive integer number of cents');
    else if (Number(value) > MAX_TRANSFER_CENTS) err('/amount/value', 'exceeds the single-transfer limit of 1,000,000.00 EUR');
    else if (from && from.type !== 'credit_card' && Number(value) > from.availableBalance.value) err('/amount/value', 'insufficient funds');
  }
  if (errors.length || !from) return { ok: false, errors };
  return { ok: true, from, toIban, creditorName, value: Number(value), reference: String(reference) };
}
