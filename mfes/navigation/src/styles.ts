// Scoped by the data attribute on the MFE's own element, so nothing leaks into the shell.
export const css = `
[data-mfe-navigation] { display: flex; flex-direction: column; height: 100%; padding: 1.25rem 0.75rem; gap: 1.5rem; }
[data-mfe-navigation] .brand { display: flex; align-items: center; gap: 0.6rem; padding: 0 0.5rem; font-weight: 700; font-size: 1.1rem; color: #14213d; }
[data-mfe-navigation] .brand-mark { width: 2rem; height: 2rem; border-radius: 8px; background: linear-gradient(135deg, #0b5cab, #2a9d8f); color: #fff; display: grid; place-items: center; font-size: 0.95rem; }
[data-mfe-navigation] ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.15rem; }
[data-mfe-navigation] a { display: block; padding: 0.55rem 0.75rem; border-radius: 6px; color: #33415c; text-decoration: none; }
[data-mfe-navigation] a:hover { background: #eef3fa; }
[data-mfe-navigation] a[aria-current="page"] { background: #e3edf9; color: #0b5cab; font-weight: 600; }
[data-mfe-navigation] .account { padding: 0 0.5rem; display: grid; gap: 0.5rem; }
[data-mfe-navigation] .account .who { margin: 0; font-size: 0.9rem; color: #33415c; font-weight: 600; }
[data-mfe-navigation] .account button { font: inherit; padding: 0.45rem 0.9rem; border-radius: 6px; border: 1px solid #0b5cab; background: #0b5cab; color: #fff; cursor: pointer; justify-self: start; }
[data-mfe-navigation] .account button.secondary { background: #fff; color: #0b5cab; }
[data-mfe-navigation] .account button:disabled { opacity: 0.6; cursor: progress; }
[data-mfe-navigation] .account-error { margin: 0; font-size: 0.8rem; color: #b42318; }
[data-mfe-navigation] .account-error:empty { display: none; }
[data-mfe-navigation] .help { margin-top: auto; padding: 0.75rem; font-size: 0.85rem; color: #5c6b80; border-top: 1px solid #dfe4ec; }
`;
