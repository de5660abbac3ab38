/** Set once, when the first route MFE has mounted: the user sees page content. */
export const FIRST_CONTENT_MARK = 'atrium:first-content';
/** Set when the shell starts booting. */
export const BOOT_MARK = 'atrium:boot';
/** Set when embed.js starts running on the CMS page. */
export const EMBED_START_MARK = 'atrium:embed:start';
/** Set once, when the first widget on the page has mounted: its content is on screen. */
export const FIRST_WIDGET_MARK = 'atrium:embed:first-widget';
