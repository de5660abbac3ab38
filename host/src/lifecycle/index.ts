export { buildProps } from './props.js';
export type { PageProps, PlacementProps } from './props.js';
export { LifecycleRunner } from './runner.js';
export type { LifecycleRunnerOptions, RunStep, StepHooks } from './runner.js';
export { StepTimeout, withTimeout } from './timeout.js';
