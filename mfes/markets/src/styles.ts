export const css = `
[data-mfe-markets] { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #14213d; }
[data-mfe-markets] h1, [data-mfe-markets] h2 { margin: 0 0 0.25rem; }
[data-mfe-markets] h1 { font-size: 1.6rem; }
[data-mfe-markets] h2 { font-size: 1.05rem; }
[data-mfe-markets] .lede { margin: 0 0 1rem; color: #5c6b80; font-size: 0.9rem; }
[data-mfe-markets] .card { background: #fff; border: 1px solid #dfe4ec; border-radius: 10px; padding: 1rem 1.25rem; max-width: 34rem; }
[data-mfe-markets] table { width: 100%; border-collapse: collapse; }
[data-mfe-markets] td { padding: 0.4rem 0; border-bottom: 1px solid #eef1f5; font-variant-numeric: tabular-nums; }
[data-mfe-markets] td.rate { text-align: right; font-weight: 600; }
[data-mfe-markets] .code { font-weight: 600; margin-right: 0.5rem; }
[data-mfe-markets] .name { color: #5c6b80; }
[data-mfe-markets] svg { display: block; width: 100%; height: 64px; margin-top: 0.75rem; }
[data-mfe-markets] .error { color: #b42318; }
[data-mfe-markets] button { font: inherit; margin-top: 0.5rem; padding: 0.3rem 0.8rem; border-radius: 4px; border: 1px solid #0b5cab; background: #0b5cab; color: #fff; cursor: pointer; }
[data-mfe-markets] .muted { color: #5c6b80; }
`;
