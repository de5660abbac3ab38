export { CHECKS_STAMP, passesConfigChecks, passesManifestChecks } from './checks.js';
