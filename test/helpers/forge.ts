import { randomUUID } from 'node:crypto';
import type { HubContext } from '../../src/services/hub-context.js';
import { signingKeyFor } from '../../src/services/registry/spoke-keys.js';
import { buildCertificateCredential } from '../../src/domain/certificate-credential.js';
import { generateEd25519 } from '../../src/adapters/crypto/keys/ed25519-keys.js';
import type { Ed25519PrivateJwk } from '../../src/domain/keys.js';
import type { Holder } from '../../src/domain/types.js';
import { allocateStatus } from '../../src/services/issuance/status-lists.js';

/**
 * Signs credentials the hub would refuse to issue, with a registered centre's real key
 * (or a stranger's), so verification's trust checks can be shown to catch them.
 */
export async function signAsCentre(
  ctx: HubContext,
  slug: string,
  opts: {
    qualification?: string;
    aqrfLevel?: number;
    issuedAt?: string;
    jwt?: boolean;
    privateJwk?: Ed25519PrivateJwk;
    verificationMethod?: string;
    /** status entries to carry (none by default) */
    credentialStatus?: Record<string, unknown> | Record<string, unknown>[];
    /** the proof's `created`, when it is not the issuance time */
    created?: string;
  } = {},
): Promise<Record<string, unknown> | string> {
  const { repos } = ctx.store;
  const spoke = (await repos.spokes.get(slug))!;
  const qualification = (await repos.qualifications.get(opts.qualification ?? 'TH-BRICK-1'))!;
  const framework = (await repos.frameworks.get(qualification.framework))!;
  const issuedAt =
    opts.issuedAt ??
    ctx
      .clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  const credential = buildCertificateCredential({
    id: `urn:uuid:${randomUUID()}`,
    publicUrl: ctx.publicUrl,
    issuedAt,
    spoke,
    qualification,
    framework,
    aqrfLevel: opts.aqrfLevel ?? qualification.level,
    holder: { name: 'Test Worker', birthDate: '1990-01-01' },
    identitySalt: 'forge-salt',
    assessment: { date: issuedAt.slice(0, 10), language: 'km', result: 'competent' },
    ...(opts.credentialStatus ? { credentialStatus: opts.credentialStatus } : {}),
  });
  const real = await signingKeyFor(ctx, repos, slug, spoke.did);
  const key = opts.privateJwk
    ? {
        ...real,
        privateJwk: opts.privateJwk,
        verificationMethod: opts.verificationMethod ?? real.verificationMethod,
      }
    : real;
  return opts.jwt
    ? ctx.signer.signJwt(credential, key)
    : ctx.signer.signDataIntegrity(credential, key, opts.created ?? issuedAt);
}

export const strangerKey = (): Ed25519PrivateJwk => generateEd25519().privateJwk;

/**
 * A certificate with the given holder, signed with the centre's real key and stored as if this
 * hub had issued it before its holder rules existed (or another hub did): what the pages must
 * show safely even though POST /certificates would refuse the name now.
 */
export async function storeAsCentre(
  ctx: HubContext,
  slug: string,
  holder: Holder,
): Promise<{ id: string; credential: Record<string, unknown> }> {
  const { repos } = ctx.store;
  const spoke = (await repos.spokes.get(slug))!;
  const qualification = (await repos.qualifications.get('TH-BRICK-1'))!;
  const framework = (await repos.frameworks.get(qualification.framework))!;
  const now = ctx
    .clock()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  const id = `urn:uuid:${randomUUID()}`;
  const key = await signingKeyFor(ctx, repos, slug, spoke.did);
  return ctx.store.transaction(async (tx) => {
    const { entries } = await allocateStatus(tx, ctx.publicUrl, slug, id, now);
    const unsigned = buildCertificateCredential({
      id,
      publicUrl: ctx.publicUrl,
      issuedAt: now,
      spoke,
      qualification,
      framework,
      aqrfLevel: qualification.level,
      holder,
      identitySalt: 'stored-salt',
      assessment: { date: now.slice(0, 10), language: 'km', result: 'competent' },
      credentialStatus: entries,
    });
    const credential = await ctx.signer.signDataIntegrity(unsigned, key, now);
    await tx.certificates.insert({
      id,
      spoke: slug,
      qualification: qualification.code,
      format: 'di',
      serialized: JSON.stringify(credential),
      issuedAt: now,
      validUntil: String(unsigned.validUntil),
    });
    return { id, credential };
  });
}
