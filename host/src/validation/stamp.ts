declare const __ATRIUM_CHECKS__: string | undefined;

/**
 * This build's schemas, as a hash of their sources (`scripts/lib/checks-stamp.mjs`, set by the
 * build). The deploy step's Node build of the same schemas stamps what passed with it (an
 * inlined config or manifest's `data-checked`); undefined outside a build (tests): never trusted.
 */
export const CHECKS_STAMP: string | undefined = typeof __ATRIUM_CHECKS__ === 'string' && __ATRIUM_CHECKS__ ? __ATRIUM_CHECKS__ : undefined;
