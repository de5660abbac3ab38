export { installDevtoolsTrigger } from './trigger.js';
export { sharedInUse } from './shared-in-use.js';
export type { SharedInUse } from './shared-in-use.js';
