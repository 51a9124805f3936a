import type { Spoke, SpokeKey } from '../types.js';
import { keyValidAt } from '../spoke-key.js';
import { type CheckResult, fail, pass } from '../verification-result.js';

/**
 * Is the issuer a registered testing centre, and was the key that signed the credential
 * one of its keys and valid at issuance time?
 */
export function checkIssuer(
  issuer: string,
  spoke: Spoke | undefined,
  key: SpokeKey | undefined,
  issuanceInstant: string | undefined,
): CheckResult {
  if (!spoke)
    return fail(
      'issuer',
      'issuer-not-registered',
      `The issuer ${issuer} is not a testing centre registered with this hub.`,
    );
  if (!key || key.spoke !== spoke.slug) {
    return fail('issuer', 'key-not-registered', `The signing key is not a registered key of ${spoke.name}.`);
  }
  if (!issuanceInstant)
    return fail('issuer', 'missing-issuance-time', 'The certificate does not say when it was issued.');
  const verdict = keyValidAt(key, issuanceInstant);
  if (!verdict.ok) return fail('issuer', verdict.code, verdict.message);
  return pass('issuer', `Issued by ${spoke.name}, a registered testing centre (${spoke.country}).`, {
    spoke: spoke.slug,
  });
}
