/** The stamp of this tree's config and manifest checks (16 hex characters). */
export function checksStamp(): string;
