/** Amounts are integer cents, so sums never drift. */
export interface Account {
  readonly id: string;
  readonly name: string;
  readonly type: 'checking' | 'savings' | 'credit';
  readonly iban: string;
  readonly balanceCents: number;
  readonly currency: 'EUR';
}

export interface Transaction {
  readonly id: string;
  readonly date: string;
  readonly description: string;
  readonly category: string;
  readonly amountCents: number;
}

export const ACCOUNTS: readonly Account[] = [
  { id: 'chk-001', name: 'Everyday Checking', type: 'checking', iban: 'DE89 3704 0044 0532 0130 00', balanceCents: 482_315, currency: 'EUR' },
  { id: 'sav-002', name: 'Rainy Day Savings', type: 'savings', iban: 'DE12 5001 0517 0648 4898 90', balanceCents: 1_250_000, currency: 'EUR' },
  { id: 'crd-003', name: 'Platinum Credit Card', type: 'credit', iban: 'DE44 5001 0517 5407 3249 31', balanceCents: -64_290, currency: 'EUR' },
];

export const TRANSACTIONS: Readonly<Record<string, readonly Transaction[]>> = {
  'chk-001': [
    { id: 't1', date: '2026-11-20', description: 'Salary — Contoso GmbH', category: 'Income', amountCents: 385_000 },
    { id: 't2', date: '2026-11-19', description: 'Rent — Hausverwaltung Müller', category: 'Housing', amountCents: -142_000 },
    { id: 't3', date: '2026-11-18', description: 'REWE Markt', category: 'Groceries', amountCents: -6_742 },
    { id: 't4', date: '2026-11-17', description: 'Deutsche Bahn', category: 'Travel', amountCents: -8_990 },
    { id: 't5', date: '2026-11-15', description: 'Stadtwerke — electricity', category: 'Utilities', amountCents: -7_450 },
  ],
  'sav-002': [
    { id: 't6', date: '2026-11-01', description: 'Standing order from Everyday Checking', category: 'Transfer', amountCents: 50_000 },
    { id: 't7', date: '2026-10-31', description: 'Interest', category: 'Income', amountCents: 1_302 },
  ],
  'crd-003': [
    { id: 't8', date: '2026-11-21', description: 'Lufthansa', category: 'Travel', amountCents: -38_900 },
    { id: 't9', date: '2026-11-16', description: 'Amazon Marketplace', category: 'Shopping', amountCents: -4_599 },
    { id: 't10', date: '2026-11-12', description: 'Restaurant Zur Post', category: 'Dining', amountCents: -8_650 },
  ],
};

const money = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });

export function formatCents(cents: number): string {
  return money.format(cents / 100);
}
