// Scoped by the data attribute on the MFE's own element, so nothing leaks into the shell or other MFEs.
export const css = `
[data-mfe-__NAME__] { max-width: 48rem; }
[data-mfe-__NAME__] h1 { margin: 0 0 0.25rem; font-size: 1.6rem; }
[data-mfe-__NAME__] .lede { margin: 0 0 1rem; color: #5c6b80; }
[data-mfe-__NAME__] .card { background: #fff; border: 1px solid #dfe4ec; border-radius: 10px; padding: 1rem 1.25rem; }
[data-mfe-__NAME__] ol { margin: 0; padding-left: 1.25rem; display: grid; gap: 0.5rem; }
[data-mfe-__NAME__] li.done { color: #5c6b80; text-decoration: line-through; }
[data-mfe-__NAME__] button { margin-top: 1rem; padding: 0.45rem 0.9rem; border-radius: 6px; border: 1px solid #0b5cab; background: #0b5cab; color: #fff; cursor: pointer; }
[data-mfe-__NAME__] button:disabled { opacity: 0.6; cursor: default; }
[data-mfe-__NAME__] .status { margin-top: 1rem; font-size: 0.85rem; color: #5c6b80; }
[data-mfe-__NAME__] .status[data-online="false"] { color: #b42318; }
`;
