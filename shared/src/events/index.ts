export { createEventBus } from './bus.js';
export type { EventBus, EventBusOptions, EventScope } from './bus.js';
export type { AtriumEvents, EventListener, EventMeta, EventName, EventPayload, EventRecord, EventSchema, EventSchemas, EventsOf, OnOptions, PayloadArgs, SchemaIssue, ScopedEvents } from './contract.js';
export { defineEvents } from './define.js';
export { EventPayloadError } from './errors.js';
export { isEventPayloadError } from './guard.js';
export { loadPayloadCheck } from './load-check.js';
export { pageEventBus } from './page-bus.js';
