export const css = `
[data-mfe-accounts] h1 { margin: 0 0 0.25rem; font-size: 1.6rem; }
[data-mfe-accounts] .lede { margin: 0 0 1.5rem; color: #5c6b80; }
[data-mfe-accounts] .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
[data-mfe-accounts] .card { display: block; padding: 1.1rem 1.25rem; border: 1px solid #dfe4ec; border-radius: 10px; background: #fff; color: inherit; text-decoration: none; }
[data-mfe-accounts] .card:hover { border-color: #0b5cab; }
[data-mfe-accounts] .card .type { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: #5c6b80; }
[data-mfe-accounts] .card .name { font-weight: 600; margin: 0.2rem 0 0.6rem; }
[data-mfe-accounts] .card .balance { font-size: 1.5rem; font-variant-numeric: tabular-nums; }
[data-mfe-accounts] .card .iban { font-size: 0.8rem; color: #5c6b80; margin-top: 0.4rem; }
[data-mfe-accounts] .negative { color: #b42318; }
[data-mfe-accounts] table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #dfe4ec; border-radius: 10px; overflow: hidden; }
[data-mfe-accounts] th, [data-mfe-accounts] td { text-align: left; padding: 0.6rem 0.9rem; border-bottom: 1px solid #eef1f5; }
[data-mfe-accounts] td.amount, [data-mfe-accounts] th.amount { text-align: right; font-variant-numeric: tabular-nums; }
[data-mfe-accounts] .back { display: inline-block; margin-bottom: 1rem; color: #0b5cab; }
[data-mfe-accounts] button { font: inherit; padding: 0.55rem 1.1rem; border-radius: 6px; border: 1px solid #0b5cab; background: #0b5cab; color: #fff; cursor: pointer; }
[data-mfe-accounts] button:disabled { opacity: 0.6; cursor: progress; }
[data-mfe-accounts] .error { color: #b42318; }
[data-mfe-accounts] .muted { color: #5c6b80; font-size: 0.9rem; }
[data-mfe-accounts] .problem { margin: 0 0 1rem; padding: 1rem 1.25rem; border: 1px solid #f1c4c0; border-radius: 10px; background: #fff6f5; }
`;
