export { showNotice } from './notices.js';
export type { NoticeAction } from './notices.js';
export { Slot } from './slot.js';
export type { FailureView } from './slot.js';
