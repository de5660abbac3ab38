/** This package's version, which the host announces when it provides the package as a singleton. */
export const SHARED_VERSION = '0.1.0';

/**
 * Identifies this copy of the package on the page. Two different values on one page mean the
 * singleton was duplicated (devtools and the e2e suite check it).
 */
export const SHARED_INSTANCE = `${SHARED_VERSION}#${Math.random().toString(36).slice(2, 10)}`;
