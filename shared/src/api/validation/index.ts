export { validateResponse } from './validate-response.js';
export type { ResponseValidator, StandardSchemaResult, StandardSchemaV1, ValidationOutcome } from './validate-response.js';
