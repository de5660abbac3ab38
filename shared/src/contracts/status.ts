/**
 * Where an MFE is in its life, as the host reports it. `LOAD_ERROR` and `BROKEN` are the two
 * failure states: the first can be retried by reloading the code, the second by remounting.
 */
export type MfeStatus =
  | 'NOT_LOADED'
  | 'LOADING'
  | 'NOT_MOUNTED'
  | 'MOUNTING'
  | 'MOUNTED'
  | 'UNMOUNTING'
  | 'LOAD_ERROR'
  | 'BROKEN';

/** A lifecycle step the host times and guards. */
export type LifecycleStep = 'load' | 'bootstrap' | 'mount' | 'unmount' | 'update';
