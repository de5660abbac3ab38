import { useMemo, useState } from 'react';

export interface CategorySpend {
  readonly category: string;
  readonly cents: number;
  readonly budgetCents: number;
}

const MONTHS: Readonly<Record<string, readonly CategorySpend[]>> = {
  'November 2026': [
    { category: 'Housing', cents: 142_000, budgetCents: 142_000 },
    { category: 'Groceries', cents: 41_380, budgetCents: 45_000 },
    { category: 'Travel', cents: 47_890, budgetCents: 30_000 },
    { category: 'Dining', cents: 18_650, budgetCents: 20_000 },
    { category: 'Utilities', cents: 7_450, budgetCents: 9_000 },
    { category: 'Shopping', cents: 12_599, budgetCents: 15_000 },
  ],
  'October 2026': [
    { category: 'Housing', cents: 142_000, budgetCents: 142_000 },
    { category: 'Groceries', cents: 43_910, budgetCents: 45_000 },
    { category: 'Travel', cents: 9_990, budgetCents: 30_000 },
    { category: 'Dining', cents: 22_480, budgetCents: 20_000 },
    { category: 'Utilities', cents: 7_450, budgetCents: 9_000 },
    { category: 'Shopping', cents: 31_240, budgetCents: 15_000 },
  ],
};

const money = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export function Insights({ title }: { readonly title: string }) {
  const months = Object.keys(MONTHS);
  const [month, setMonth] = useState(months[0] ?? '');
  const rows = MONTHS[month] ?? [];
  const total = useMemo(() => rows.reduce((sum, r) => sum + r.cents, 0), [rows]);
  const max = Math.max(...rows.map((r) => Math.max(r.cents, r.budgetCents)), 1);
  return (
    <section className="insights">
      <h1>{title}</h1>
      <p className="lede">
        You spent <strong>{money.format(total / 100)}</strong> in {month}.
      </p>
      <label className="month">
        Month{' '}
        <select value={month} onChange={(e) => setMonth(e.target.value)}>
          {months.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <ul className="bars">
        {rows.map((r) => (
          <li key={r.category} className={r.cents > r.budgetCents ? 'over' : undefined}>
            <span className="label">{r.category}</span>
            <span className="track">
              <span className="fill" style={{ width: `${(r.cents / max) * 100}%` }} />
              <span className="budget" style={{ left: `${(r.budgetCents / max) * 100}%` }} title="Budget" />
            </span>
            <span className="value">
              {money.format(r.cents / 100)}
              {r.cents > r.budgetCents ? ' · over budget' : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
