// The attribute lets Node load the built package (an outside MFE's tests); bundlers accept it too.
import versions from './versions.json' with { type: 'json' };

/**
 * The versions of the packages the host page shares with its MFEs at run time, declared once in
 * `versions.json` (the host's share scope, the MFE preset and the package pins all follow it).
 */
export const SINGLETON_VERSIONS: Readonly<Record<string, string>> = Object.freeze({ ...versions });

/** This package's version, which the host announces when it provides the package as a singleton. */
export const SHARED_VERSION: string = versions['@atrium/shared'];

/**
 * Identifies this copy of the package on the page. Two different values on one page mean the
 * singleton was duplicated (devtools and the e2e suite check it).
 */
export const SHARED_INSTANCE = `${SHARED_VERSION}#${Math.random().toString(36).slice(2, 10)}`;
