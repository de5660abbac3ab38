export type { EmbedApi } from './api.js';
export { attributesToProps, sameProps } from './attributes.js';
export { widgetBasePath } from './base-path.js';
export { callbackRelay } from './callback-relay.js';
export { startWidgets } from './start.js';
export type { StartWidgetsInit } from './start.js';
export { createWidgetView } from './view.js';
export { Widget } from './widget.js';
export type { WidgetContext, WidgetInit, WidgetServices, WidgetView } from './widget.js';
export { WidgetHost } from './widget-host.js';

export { WidgetStore } from './widget-store.js';
export type { WidgetListener, WidgetState, WidgetStatus } from './widget-store.js';
