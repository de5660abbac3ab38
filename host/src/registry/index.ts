export { isActive, MfeRegistry } from './registry.js';
export type { RegistryOptions, SlotProvider } from './registry.js';
export { StatusStore } from './status-store.js';
export type { MfeState, StateListener } from './status-store.js';
