import { type CheckResult, fail, pass, skip } from '../verification-result.js';

/**
 * Trust checks for a credential the hub itself issued (a recognition receipt): the issuer
 * check passes when the hub's own key signed it; accreditation and level are about testing
 * centres and their qualifications, so they do not apply.
 */
export function checkHubIssued(hubDid: string, verificationMethod: string | undefined): CheckResult[] {
  const ownKey = verificationMethod?.startsWith(`${hubDid}#`) === true;
  return [
    ownKey
      ? pass('issuer', 'Issued by the hub itself, signed with its own key.', { hub: hubDid })
      : fail(
          'issuer',
          'key-not-registered',
          'The credential names the hub as issuer but was not signed with a key of the hub.',
        ),
    skip('accreditation', 'Not applicable: issued by the hub, not by a testing centre.'),
    skip('level', 'Not applicable: issued by the hub, not a certificate of a qualification.'),
  ];
}
