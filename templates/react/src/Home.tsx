import { useState } from 'react';

/** Starter content: replace with your own view. Each step is a thing the team does next. */
const STEPS = [
  'Run it in the host: __DEVCMD__',
  'Change this view in __DIR__src/Home.tsx',
  'Check the contract: __CHECKCMD__',
  'Deploy dist/ to a versioned folder and point the manifest entry at it',
] as const;

export function Home({ title, online }: { readonly title: string; readonly online: boolean }) {
  const [done, setDone] = useState(0);
  return (
    <>
      <h1>{title}</h1>
      <p className="lede">A new Atrium MFE, built and deployed by its own team.</p>
      <section className="card">
        <h2>Getting started</h2>
        <ol>
          {STEPS.map((step, i) => (
            <li key={step} className={i < done ? 'done' : undefined}>
              {step}
            </li>
          ))}
        </ol>
        <button type="button" disabled={done >= STEPS.length} onClick={() => setDone((n) => n + 1)}>
          Mark next step done
        </button>
      </section>
      <p className="status" role="status" data-online={String(online)}>
        {online ? 'You are online.' : 'You are offline: changes are kept until you reconnect.'}
      </p>
    </>
  );
}
