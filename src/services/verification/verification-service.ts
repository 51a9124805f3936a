import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { CredentialInput, VerifyDeps } from './verify-credential.js';
import { tokenStatusListOf } from '../presentations/verify-sd-jwt.js';
import { verifyPresentedCredential, type PresentedOptions } from '../presentations/verify-presentation.js';
import type { VerificationResult } from '../../domain/verification-result.js';
import type { CertificateRecord } from '../../domain/types.js';
import { SkillPassError } from '../../domain/errors.js';
import { hubStatusView } from './status-view.js';
import { registryAt } from '../registry/registry-snapshot.js';
import { currentFormOf } from '../../domain/hub-aliases.js';

/** Parses a stored certificate back to what was issued: the JSON object, or the JWT string. */
export const storedCredential = (format: 'di' | 'vc+jwt', serialized: string): CredentialInput =>
  format === 'vc+jwt' ? serialized : (JSON.parse(serialized) as Record<string, unknown>);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Certificate ids are `urn:uuid:...`; URLs and people may use the bare UUID. */
export const certificateId = (id: string): string => (UUID.test(id) ? `urn:uuid:${id.toLowerCase()}` : id);

/** The stored certificate with this id (`urn:uuid:...` or the bare UUID), if there is one. */
export const storedCertificate = (
  ctx: Pick<HubContext, 'store'>,
  id: string,
): Promise<CertificateRecord | undefined> => ctx.store.repos.certificates.get(certificateId(id));

/** The stored certificate with this id, or 404. */
export async function findCertificate(
  ctx: Pick<HubContext, 'store'>,
  id: string,
): Promise<CertificateRecord> {
  const record = await storedCertificate(ctx, id);
  if (!record) throw new SkillPassError('not-found', `No certificate ${id} on this hub.`);
  return record;
}

export async function loadCertificate(ctx: HubContext, id: string): Promise<CredentialInput> {
  const record = await findCertificate(ctx, id);
  return storedCredential(record.format, record.serialized);
}

/**
 * Verification as the hub does it: its registry, its proof verifier, the clock now. A
 * credential, or a presentation of one (an SD-JWT VC with its disclosures and Key Binding JWT,
 * a holder-signed VP: ../presentations/), which is bound to `challenge` when given.
 */
export async function verifyWithHub(
  ctx: HubContext,
  credential: CredentialInput,
  options?: PresentedOptions,
): Promise<VerificationResult> {
  const { repos } = ctx.store;
  const registryVersion = await repos.meta.registryVersion();
  const deps: VerifyDeps = {
    proofs: ctx.proofs,
    payloads: ctx.formats.payloads,
    registry: registryAt(repos, registryVersion),
    status: hubStatusView(repos, ctx.publicUrl),
    now: nowIso(ctx),
    registryVersion,
    hubDid: ctx.hubDid,
    canonical: (id) => currentFormOf(ctx.aliases, id),
  };
  return verifyPresentedCredential(
    credential,
    { ...deps, tokenStatusList: tokenStatusListOf(ctx.publicUrl) },
    options,
  );
}
