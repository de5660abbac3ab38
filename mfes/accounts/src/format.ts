import type { CustomerApiComponents } from '@atrium/shared/api-types';

export type Account = CustomerApiComponents['schemas']['Account'];
export type Transaction = CustomerApiComponents['schemas']['Transaction'];
type Money = CustomerApiComponents['schemas']['Money'];

const formatters = new Map<string, Intl.NumberFormat>();

/** Integer minor units with their currency, e.g. `{ value: -4599, currency: 'EUR' }` → "-€45.99". */
export function formatMoney(money: Money): string {
  let format = formatters.get(money.currency);
  if (!format) formatters.set(money.currency, (format = new Intl.NumberFormat('en-IE', { style: 'currency', currency: money.currency })));
  return format.format(money.value / 100);
}

/** The sum of amounts that share one currency (all of a customer's accounts are in EUR). */
export function sumMoney(amounts: readonly Money[]): Money | undefined {
  const first = amounts[0];
  if (!first || amounts.some((m) => m.currency !== first.currency)) return undefined;
  return { value: amounts.reduce((sum, m) => sum + m.value, 0), currency: first.currency };
}

/** An IBAN in groups of four, as printed on a card. */
export function formatIban(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

// Created on first use: the first Intl date formatter of a page loads locale data (tens of ms),
// which a signed-out overview never needs.
let dates: Intl.DateTimeFormat | undefined;

export function formatDate(iso: string): string {
  return (dates ??= new Intl.DateTimeFormat('en-IE', { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' })).format(new Date(iso));
}

export const TYPE_LABEL: Record<Account['type'], string> = { checking: 'Checking', savings: 'Savings', credit_card: 'Credit card' };
