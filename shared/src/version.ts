/** This package's version, which the host announces when it provides the package as a singleton. */
export const SHARED_VERSION = '0.1.0';
