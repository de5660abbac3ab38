export { findChrome, launchChrome } from '../browser.mjs';
