export { showOverridesBanner } from './banner.js';
export { applyOverrides, OVERRIDES_STORAGE_KEY, readOverrides, readStoredOverrides, writeOverrides } from './overrides.js';
export { OVERRIDE_PARAM, RESET_PARAM } from './params.js';
export type { OverrideOutcome, Overrides, RefusedOverride } from './overrides.js';
export { applyPageOverrides, dropStaleOverrides, overridesEditor } from './page.js';
export { overridesInUrl } from './params.js';
