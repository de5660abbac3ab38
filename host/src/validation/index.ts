export { inlineStamp, pageChecks, trustedChecks } from './checks.js';
export { CHECKS_STAMP } from './stamp.js';
export type { ChecksSource } from './checks.js';
export type { Checked, ShapeChecks, ShapeIssue } from './types.js';
// schemas.ts (`schemaChecks`: valibot and every schema) is left out on purpose: it is the chunk
// `pageChecks` loads only when needed. Import it directly where the schemas always run (embed.js,
// the deploy step's Node build `deploy/checks.ts`, tests).
