/** Set once, when the first route MFE has mounted: the user sees page content. */
export const FIRST_CONTENT_MARK = 'atrium:first-content';
/** Set when the shell starts booting. */
export const BOOT_MARK = 'atrium:boot';
