/** Set when embed.js starts running on the CMS page. */
export const EMBED_START_MARK = 'atrium:embed:start';
/** Set once, when the first widget on the page has mounted: its content is on screen. */
export const FIRST_WIDGET_MARK = 'atrium:embed:first-widget';
