export { createHealthBeacon, reportStatuses } from './health-beacon.js';
export type { HealthBeacon, HealthBeaconOptions, HealthKind, StatusSource } from './health-beacon.js';
export { createReResolver } from './re-resolve.js';
export type { ReResolveOptions } from './re-resolve.js';
export { installReleases } from './install.js';
export { lazyReleases } from './lazy.js';
export { pinnedRevision } from './revision.js';
