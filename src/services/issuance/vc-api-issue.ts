import { randomUUID } from 'node:crypto';
import { FOLLOW_UP_CONSENT_VERSION } from '../../domain/outcomes/consent.js';
import type { HubContext } from '../hub-context.js';
import { instantIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import type { Repositories } from '../ports.js';
import { keyChangedError, signedWithValidKey, signingKeyFor } from '../registry/spoke-keys.js';
import { allocateStatus } from './status-lists.js';
import { SkillPassError } from '../../domain/errors.js';
import { readCredential } from '../../domain/credential-reader.js';
import { credentialModelProblems } from '../../domain/vc-data-model.js';
import { DATA_INTEGRITY_V2_CONTEXT, VC_V1_CONTEXT } from '../../domain/contexts.js';
import { qualificationsNamed } from '../../domain/qualification-code.js';
import { latinNameProblem, textProblem } from '../../domain/certify-rules.js';
import { publicUrlsOf } from '../../domain/hub-aliases.js';
import { mayCertify, refusal } from './certification-gate.js';
import { IssuanceLookups } from './issue-certificate.js';

/**
 * W3C VC API issuance (https://w3c-ccg.github.io/vc-api/#issue-credential): a centre signs a
 * credential it composed itself. The issuer is always the centre. A credential that names a
 * qualification in any way the registry could match (an achievement's humanCode of registry
 * shape in any case, or its id being this hub's qualification URL: qualificationsNamed) is held
 * to exactly the rules of POST /certificates, by the same gate (./certification-gate.ts): a code
 * of registry shape the registry does not hold is refused (unknown-qualification), one the
 * centre may not certify now is refused (not-accredited, level-not-referenced).
 */
export async function issueViaVcApi(
  ctx: HubContext,
  actor: Principal,
  input: Record<string, unknown>,
  options: Record<string, unknown> = {},
  within?: (tx: Repositories, signed: Record<string, unknown>) => Promise<void>,
): Promise<Record<string, unknown>> {
  if (actor.role !== 'issuer' || !actor.spoke)
    throw new SkillPassError('forbidden', 'Only a testing centre token can issue credentials.');
  if ('proof' in input)
    throw new SkillPassError('invalid-credential-request', 'The credential already has a proof.');
  const { repos } = ctx.store;
  const spoke = await repos.spokes.get(actor.spoke);
  if (!spoke) throw new SkillPassError('forbidden', "This token's testing centre no longer exists.");
  const now = instantIso(ctx);
  const credential: Record<string, unknown> = { ...input };
  // VC Data Model 2.0 MUSTs: what breaks them is refused, never repaired (an id of null, a missing issuer ...)
  const problem = credentialModelProblems(credential, spoke.did)[0];
  if (problem)
    throw new SkillPassError('invalid-credential-request', problem.message, { field: problem.field });
  // the hub signs only what its own verifier would read as signed: the compact form its contexts define
  const form = await ctx.proofs.checkForm(credential);
  if (form.outcome !== 'valid')
    throw new SkillPassError('invalid-credential-request', form.message, {
      field: 'credential',
      code: form.code,
    });
  if (!('id' in credential)) credential.id = `urn:uuid:${randomUUID()}`;
  // a VC 1.1 credential has no words for a DataIntegrityProof: the Data Integrity context gives the proof's terms their URLs
  const contexts = ([] as unknown[]).concat(credential['@context']);
  if (contexts[0] === VC_V1_CONTEXT && !contexts.includes(DATA_INTEGRITY_V2_CONTEXT))
    credential['@context'] = [...contexts, DATA_INTEGRITY_V2_CONTEXT];
  const read = readCredential({
    ...credential,
    ...(contexts[0] === VC_V1_CONTEXT ? { issuanceDate: credential.issuanceDate ?? now } : {}),
  });
  if (!read.ok) throw new SkillPassError('invalid-credential-request', read.message, { code: read.code });
  // the holder's name as on POST /certificates: not blank, no control or hidden characters (../../domain/certify-rules.ts)
  const name =
    read.credential.holderName !== undefined
      ? textProblem('credential.credentialSubject.name', read.credential.holderName, true)
      : undefined;
  if (name) throw new SkillPassError('invalid-credential-request', name.message, name.details);
  // and its Latin-letters form by the same rules as holder.nameLatin
  const latin =
    read.credential.holderNameLatin !== undefined
      ? latinNameProblem('credential.credentialSubject.nameLatin', read.credential.holderNameLatin)
      : undefined;
  if (latin) throw new SkillPassError('invalid-credential-request', latin.message, latin.details);
  if (read.credential.version === 2) credential.validFrom ??= now;
  else credential.issuanceDate ??= now;
  const named = qualificationsNamed(credential, publicUrlsOf(ctx.aliases));
  const lookups = new IssuanceLookups(ctx);
  for (const code of named) {
    const { problems } = await mayCertify(lookups, spoke, code, now);
    if (problems[0]) throw refusal(problems[0]);
  }
  const cryptosuite = options.cryptosuite === 'eddsa-jcs-2022' ? 'eddsa-jcs-2022' : 'eddsa-rdfc-2022';
  // the worker's consent to follow-up, as holder.consentToFollowUp on POST /certificates: an
  // option, kept by the hub beside the certificate, never a claim in the credential
  if (options.consentToFollowUp !== undefined && typeof options.consentToFollowUp !== 'boolean')
    throw new SkillPassError('invalid-credential-request', 'options.consentToFollowUp is true or false.', {
      field: 'options.consentToFollowUp',
    });
  const consent = options.consentToFollowUp === true;
  const id = String(credential.id);
  return ctx.store.transaction(async (tx) => {
    if (await tx.certificates.get(id))
      throw new SkillPassError('conflict', `A credential with id ${id} was already issued.`);
    // signed in this unit of work with the key current in it (a rotation waits for it: spoke-keys.ts)
    await tx.spokes.lockKeys(spoke.slug, 'share');
    const key = await signingKeyFor(ctx, tx, spoke.slug, spoke.did);
    if (!(await signedWithValidKey(tx, spoke.slug, key.verificationMethod, now))) throw keyChangedError();
    // VC 2.0 credentials get the centre's status entries, like every SkillPass certificate
    if (read.credential.version === 2 && credential.credentialStatus === undefined) {
      credential.credentialStatus = (await allocateStatus(tx, ctx.publicUrl, spoke.slug, id, now)).entries;
    }
    let signed: Record<string, unknown>;
    try {
      signed = await ctx.signer.signDataIntegrity(credential, key, now, cryptosuite);
    } catch (e) {
      throw new SkillPassError(
        'invalid-credential-request',
        `The credential cannot be signed: ${(e as Error).message}`,
      );
    }
    await tx.certificates.insert({
      id,
      spoke: spoke.slug,
      qualification: named[0] ?? read.credential.qualificationCode ?? '',
      format: 'di',
      serialized: JSON.stringify(signed),
      issuedAt: now,
      validUntil: String(signed.validUntil ?? signed.expirationDate ?? ''),
    });
    if (consent)
      await tx.outcomes.recordConsent({
        certificateId: id,
        wordingVersion: FOLLOW_UP_CONSENT_VERSION,
        consentedAt: now,
      });
    await tx.audit.append({
      at: now,
      actor: actor.tokenId,
      action: 'credential.issued',
      subject: id,
      details: {
        spoke: spoke.slug,
        via: 'vc-api',
        cryptosuite,
        key: key.verificationMethod,
        ...(consent ? { followUpConsent: FOLLOW_UP_CONSENT_VERSION } : {}),
      },
    });
    if (within) await within(tx, signed);
    return signed;
  });
}
