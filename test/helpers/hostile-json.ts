/**
 * Hostile JSON for the tests, built as text: JSON.stringify itself overflows the stack on the
 * deep values these are meant to be (5,000 levels).
 */
export const nestedObjects = (n: number, inner = '{}') =>
  `${'{"a":'.repeat(n - 1)}${inner}${'}'.repeat(n - 1)}`;
export const nestedArrays = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

/** The JSON text of `credential` with a member `deep` (a 5,000-deep value) added to its credentialSubject. */
export const withDeepSubject = (credential: Record<string, unknown>, deep = nestedObjects(5000)): string => {
  const text = JSON.stringify(credential);
  const at = text.indexOf('"credentialSubject":{');
  if (at < 0) throw new Error('no credentialSubject object');
  const open = at + '"credentialSubject":{'.length;
  return `${text.slice(0, open)}"deep":${deep},${text.slice(open)}`;
};

const b64 = (s: string) => Buffer.from(s).toString('base64url');
/** A compact JWS shape around a payload given as text (the signature is junk). */
export const jwtAround = (payloadText: string, header = '{"alg":"EdDSA","typ":"vc+jwt"}') =>
  `${b64(header)}.${b64(payloadText)}.${b64('x'.repeat(64))}`;
