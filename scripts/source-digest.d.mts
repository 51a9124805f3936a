/** Types of ./source-digest.mjs (plain JS so the build script can run it with node alone). */
export function sourceDigest(root: string): string;
export const DIGEST_FILE: string;
