export { installDevtoolsTrigger } from './trigger.js';
export type { DevtoolsSource } from './overlay.js';
export { sharedInUse } from './shared-in-use.js';
export type { SharedInUse } from './shared-in-use.js';
