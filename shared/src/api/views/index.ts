export { defineView } from './define-view.js';
export type { ApiView, ViewContext } from './define-view.js';
