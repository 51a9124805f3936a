import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import { ensureHubKey } from './hub-identity.js';
import { buildTrustList, TRUST_LIST_TYPE, type TrustList } from '../../domain/trust-list.js';
import type { Ed25519PrivateJwk } from '../../domain/keys.js';

/** How long a published trust list may be relied on before a verifier must fetch a new one. */
export const TRUST_LIST_VALIDITY_HOURS = 24;

export async function currentTrustList(ctx: HubContext): Promise<TrustList> {
  const { repos } = ctx.store;
  const now = nowIso(ctx);
  const hubKey = await ensureHubKey(ctx, repos, now);
  const spokes = await Promise.all(
    (await repos.spokes.list()).map(async (s) => ({
      ...s,
      keys: await repos.spokes.keys(s.slug),
      accreditations: await repos.spokes.accreditations(s.slug),
    })),
  );
  return buildTrustList({
    iss: ctx.hubDid,
    publicUrl: ctx.publicUrl,
    ...(ctx.aliases.former.length > 0 ? { aliases: ctx.aliases.former } : {}),
    sequence: await repos.meta.registryVersion(),
    issuedAt: now,
    hubKeys: [{ id: hubKey.id, publicKeyMultibase: hubKey.publicKeyMultibase }],
    spokes,
    qualifications: await repos.qualifications.list(),
    frameworks: await repos.frameworks.list(),
    aqrfLevels: await repos.frameworks.listAqrfLevels(),
    validityHours: TRUST_LIST_VALIDITY_HOURS,
  });
}

/** The trust list as a compact JWS signed by the hub key (verifiable with any JOSE library). */
export async function signedTrustList(ctx: HubContext): Promise<{ jws: string; trustList: TrustList }> {
  const trustList = await currentTrustList(ctx);
  const hubKey = await ensureHubKey(ctx, ctx.store.repos, trustList.issuedAt);
  const privateJwk = JSON.parse(ctx.sealer.open(hubKey.encryptedSecret, hubKey.id)) as Ed25519PrivateJwk;
  const jws = await ctx.keys.signCompactJws(
    new TextEncoder().encode(JSON.stringify(trustList)),
    { alg: 'EdDSA', kid: hubKey.id, typ: TRUST_LIST_TYPE },
    privateJwk,
  );
  return { jws, trustList };
}
