export { showOverridesBanner } from './banner.js';
export {
  applyOverrides,
  OVERRIDE_PARAM,
  overrideOriginAllowed,
  OVERRIDES_STORAGE_KEY,
  readOverrides,
  RESET_PARAM,
  resolveOverridesConfig,
  writeOverrides,
} from './overrides.js';
export type { OverridesConfig, RefusedOverride } from './overrides.js';
export { applyPageOverrides, overridesEditor } from './page.js';
