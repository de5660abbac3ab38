export { HEALTH_PREFIX, MFE_PREFIX, ReleaseError, emptyRecord, promote, publish, rollback } from './records.mjs';
export { changeMfe, defaultActor, readAll } from './change.mjs';
export { bucket, resolveManifest, versionFor } from './resolve.mjs';
export { LOCAL_ACTOR, deployLocal } from './local.mjs';
