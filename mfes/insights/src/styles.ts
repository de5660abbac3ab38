export const css = `
[data-mfe-insights] h1 { margin: 0 0 0.25rem; font-size: 1.6rem; }
[data-mfe-insights] .lede { margin: 0 0 1rem; color: #5c6b80; }
[data-mfe-insights] .month { display: inline-block; margin-bottom: 1.25rem; }
[data-mfe-insights] .bars { list-style: none; padding: 1rem 1.25rem; margin: 0; display: grid; gap: 0.8rem; background: #fff; border: 1px solid #dfe4ec; border-radius: 10px; max-width: 48rem; }
[data-mfe-insights] .bars li { display: grid; grid-template-columns: 7rem 1fr 11rem; align-items: center; gap: 0.75rem; }
[data-mfe-insights] .track { position: relative; height: 0.9rem; background: #eef1f5; border-radius: 999px; }
[data-mfe-insights] .fill { position: absolute; inset: 0 auto 0 0; background: #2a9d8f; border-radius: 999px; }
[data-mfe-insights] .over .fill { background: #e76f51; }
[data-mfe-insights] .budget { position: absolute; top: -0.2rem; bottom: -0.2rem; width: 2px; background: #14213d; }
[data-mfe-insights] .value { font-variant-numeric: tabular-nums; font-size: 0.9rem; }
[data-mfe-insights] .over .value { color: #b42318; }
`;
