import { randomUUID } from 'node:crypto';
import type { HubContext } from '../../src/services/hub-context.js';
import { signingKeyFor } from '../../src/services/spoke-keys.js';
import { buildCertificateCredential } from '../../src/domain/certificate-credential.js';
import { generateEd25519 } from '../../src/adapters/crypto/ed25519-keys.js';
import type { Ed25519PrivateJwk } from '../../src/domain/keys.js';

/**
 * Signs credentials the hub would refuse to issue, with a registered centre's real key
 * (or a stranger's), so verification's trust checks can be shown to catch them.
 */
export async function signAsCentre(ctx: HubContext, slug: string, opts: {
  qualification?: string; aqrfLevel?: number; issuedAt?: string; jwt?: boolean; privateJwk?: Ed25519PrivateJwk; verificationMethod?: string;
  /** status entries to carry (none by default) */
  credentialStatus?: Record<string, unknown> | Record<string, unknown>[];
  /** the proof's `created`, when it is not the issuance time */
  created?: string;
} = {}): Promise<Record<string, unknown> | string> {
  const { repos } = ctx.store;
  const spoke = (await repos.spokes.get(slug))!;
  const qualification = (await repos.qualifications.get(opts.qualification ?? 'TH-BRICK-1'))!;
  const framework = (await repos.frameworks.get(qualification.framework))!;
  const issuedAt = opts.issuedAt ?? ctx.clock().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const credential = buildCertificateCredential({
    id: `urn:uuid:${randomUUID()}`, publicUrl: ctx.publicUrl, issuedAt, spoke, qualification, framework,
    aqrfLevel: opts.aqrfLevel ?? qualification.level, holder: { name: 'Test Worker', birthDate: '1990-01-01' }, identitySalt: 'forge-salt',
    assessment: { date: issuedAt.slice(0, 10), language: 'km', result: 'competent' },
    ...(opts.credentialStatus ? { credentialStatus: opts.credentialStatus } : {}),
  });
  const real = await signingKeyFor(ctx, repos, slug, spoke.did);
  const key = opts.privateJwk ? { ...real, privateJwk: opts.privateJwk, verificationMethod: opts.verificationMethod ?? real.verificationMethod } : real;
  return opts.jwt ? ctx.signer.signJwt(credential, key) : ctx.signer.signDataIntegrity(credential, key, opts.created ?? issuedAt);
}

export const strangerKey = (): Ed25519PrivateJwk => generateEd25519().privateJwk;
