export { showOverridesBanner } from './banner.js';
export { applyOverrides, OVERRIDE_PARAM, OVERRIDES_STORAGE_KEY, readOverrides, readStoredOverrides, RESET_PARAM, writeOverrides } from './overrides.js';
export type { OverrideOutcome, Overrides, RefusedOverride } from './overrides.js';
export { applyPageOverrides, overridesEditor, overridesRequested } from './page.js';
