/**
 * What the boot-side probe notes for the recorder, as plain tuples (the probe is on the boot path,
 * so it does nothing more): an error nothing caught (with the script URL when the browser gives
 * it), an API request an MFE made (its promise settles later), a listener that threw.
 */
export type Fact =
  | readonly ['uncaught' | 'unhandledrejection', unknown, string | undefined]
  | readonly ['request', string, RequestInfo | URL, RequestInit | undefined, number, Promise<Response>]
  | readonly ['listener', unknown, { readonly type: string; readonly listener: string; readonly source: string }];

/** The probe's notes: the facts so far, and `note`, which the recorder takes over. */
export interface FactSink {
  note: (fact: Fact) => void;
}
