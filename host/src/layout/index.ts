export { Layout } from './layout.js';
export type { LayoutOptions } from './layout.js';
export { interceptLinks, navigateInApp } from './navigation.js';
export { renderNotFound } from './not-found.js';
export { Regions } from './regions.js';
