import { randomUUID } from 'node:crypto';
import type { HubContext } from './hub-context.js';
import { nowIso } from './hub-context.js';
import type { Principal } from './tokens.js';
import type { Repositories } from './ports.js';
import { signingKeyFor } from './spoke-keys.js';
import { allocateStatus } from './status-lists.js';
import { SkillPassError } from '../domain/errors.js';
import { readCredential } from '../domain/credential-reader.js';
import { accreditationCovering } from '../domain/accreditation.js';
import { dayOf } from '../domain/dates.js';
import { textProblem } from '../domain/certify-rules.js';

/**
 * W3C VC API issuance (https://w3c-ccg.github.io/vc-api/#issue-credential): a centre signs a
 * credential it composed itself. The issuer is always the centre; a credential that names a
 * registry qualification is held to the same accreditation rule as POST /certificates.
 */
export async function issueViaVcApi(ctx: HubContext, actor: Principal, input: Record<string, unknown>, options: Record<string, unknown> = {},
  within?: (tx: Repositories, signed: Record<string, unknown>) => Promise<void>): Promise<Record<string, unknown>> {
  if (actor.role !== 'issuer' || !actor.spoke) throw new SkillPassError('forbidden', 'Only a testing centre token can issue credentials.');
  if ('proof' in input) throw new SkillPassError('invalid-credential-request', 'The credential already has a proof.');
  const { repos } = ctx.store;
  const spoke = await repos.spokes.get(actor.spoke);
  if (!spoke) throw new SkillPassError('forbidden', 'This token\'s testing centre no longer exists.');
  const now = nowIso(ctx);
  const credential: Record<string, unknown> = { ...input };
  const issuer = credential.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : issuer && typeof issuer === 'object' ? (issuer as { id?: unknown }).id : undefined;
  if (issuerId === undefined) credential.issuer = spoke.did;
  else if (issuerId !== spoke.did) throw new SkillPassError('invalid-credential-request', `The issuer must be this centre's DID ${spoke.did}.`, { field: 'credential.issuer' });
  credential.id ??= `urn:uuid:${randomUUID()}`;
  const read = readCredential({ ...credential, ...(Array.isArray(credential['@context']) && credential['@context'][0] === 'https://www.w3.org/2018/credentials/v1' ? { issuanceDate: credential.issuanceDate ?? now } : {}) });
  if (!read.ok) throw new SkillPassError('invalid-credential-request', read.message, { code: read.code });
  // the holder's name as on POST /certificates: not blank, no control or hidden characters (../domain/certify-rules.ts)
  const name = read.credential.holderName !== undefined ? textProblem('credential.credentialSubject.name', read.credential.holderName, true) : undefined;
  if (name) throw new SkillPassError('invalid-credential-request', name.message, name.details);
  if (read.credential.version === 2) credential.validFrom ??= now;
  else credential.issuanceDate ??= now;
  if (read.credential.qualificationCode && (await repos.qualifications.get(read.credential.qualificationCode))) {
    if (!accreditationCovering(await repos.spokes.accreditations(spoke.slug), read.credential.qualificationCode, dayOf(now))) {
      throw new SkillPassError('not-accredited', `${spoke.name} is not accredited for ${read.credential.qualificationCode} on ${dayOf(now)}.`);
    }
  }
  const cryptosuite = options.cryptosuite === 'eddsa-jcs-2022' ? 'eddsa-jcs-2022' : 'eddsa-rdfc-2022';
  const key = await signingKeyFor(ctx, repos, spoke.slug, spoke.did);
  const id = String(credential.id);
  return ctx.store.transaction(async (tx) => {
    if (await tx.certificates.get(id)) throw new SkillPassError('conflict', `A credential with id ${id} was already issued.`);
    // VC 2.0 credentials get the centre's status entries, like every SkillPass certificate
    if (read.credential.version === 2 && credential.credentialStatus === undefined) {
      credential.credentialStatus = (await allocateStatus(tx, ctx.publicUrl, spoke.slug, id, now)).entries;
    }
    let signed: Record<string, unknown>;
    try {
      signed = await ctx.signer.signDataIntegrity(credential, key, now, cryptosuite);
    } catch (e) {
      throw new SkillPassError('invalid-credential-request', `The credential cannot be signed: ${(e as Error).message}`);
    }
    await tx.certificates.insert({ id, spoke: spoke.slug, qualification: read.credential.qualificationCode ?? '', format: 'di', serialized: JSON.stringify(signed), issuedAt: now, validUntil: String(signed.validUntil ?? signed.expirationDate ?? '') });
    await tx.audit.append({ at: now, actor: actor.tokenId, action: 'credential.issued', subject: id, details: { spoke: spoke.slug, via: 'vc-api', cryptosuite, key: key.verificationMethod } });
    if (within) await within(tx, signed);
    return signed;
  });
}
