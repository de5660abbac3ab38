/** What is wrong with a value, as the schema says it: the dotted path inside it, and the message. */
export interface ShapeIssue {
  readonly path?: string;
  readonly message: string;
}

/** A value that has the shape its schema asks for (`output`), or the first thing wrong with it. */
export type Checked<T> = { readonly output: T; readonly issue?: undefined } | { readonly output?: undefined; readonly issue: ShapeIssue };

/**
 * The shape checks of the page's config and manifest. The resolvers (config, auth, embed,
 * manifest) apply defaults, URL policy and messages, and type what passed; whether a value has
 * the right shape they ask of this: the schemas (`schemas.ts`, valibot), or {@link trustedChecks}
 * for what the deploy step already checked with those same schemas.
 */
export interface ShapeChecks {
  /** The host config (its `auth`, `embed`, … sections are checked by their own resolvers). */
  config(raw: unknown): Checked<unknown>;
  /** The config's `auth` section. */
  auth(raw: unknown): Checked<unknown>;
  /** The config's `embed` section. */
  embed(raw: unknown): Checked<unknown>;
  /** One field of a manifest entry (the fields of `manifest/fields.ts`). */
  entryField(field: string, value: unknown): Checked<unknown>;
}
