// What the e2e suites read of `window.atrium` inside the page (the shell's ShellApi). Kept
// structural so this Node-side project does not compile the browser code.
interface AtriumStateForTests {
  readonly name: string;
  readonly status: string;
  readonly attempt: number;
  readonly url: string;
  readonly version: string;
  readonly timings: Readonly<Record<string, number>>;
  readonly lastError?: { readonly message: string };
}

interface Window {
  atrium?: {
    states(): AtriumStateForTests[];
    state(name: string): AtriumStateForTests | undefined;
    onError(listener: (event: { mfe?: string; step: string; error: { message: string } }) => void): () => void;
    manifestProblems(): { where?: string; field?: string; message: string; severity: string }[];
    retry(name: string): Promise<void>;
    readonly sharedInstance: string;
    readonly shared: Readonly<Record<string, string>>;
    /** Resolves once the first routing pass has settled (single-spa in, the early mounts adopted). */
    readonly ready: Promise<void>;
  };
}
