export { defineMfe } from './lifecycle.js';
export type { ApisOf, AtriumProps, DefinedMfe, LifecycleFn, MfeDefinition, MfeCustomProps, MfeLifecycles } from './lifecycle.js';
export { MANIFEST_VERSION } from './manifest.js';
export type { Activation, LifecycleTimeouts, ManifestDocument, ManifestEntry, RouteAuth } from './manifest.js';
export type { LifecycleStep, MfeStatus } from './status.js';
export { disabledSession } from './session.js';
export type { Session, SessionEvent, SessionUser } from './session.js';
export { standaloneProps } from './standalone.js';
