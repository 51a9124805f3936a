import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import { SkillPassError } from '../../domain/errors.js';
import {
  parseTokenListId,
  statusListTokenClaims,
  tokenStatusListUrl,
  twoBitList,
} from '../../domain/wallets/token-status-list.js';
import { signingKeyFor } from '../registry/spoke-keys.js';

/**
 * The JWT kid of a centre key: its JsonWebKey method (`<did>#<JWK thumbprint>`), the kid the
 * centre's vc+jwt certificates carry, which the centre's DID document lists.
 */
export async function jwtKidOf(
  ctx: Pick<HubContext, 'store' | 'keys'>,
  verificationMethod: string,
): Promise<string> {
  const key = await ctx.store.repos.spokes.key(verificationMethod);
  const jwk = key ? ctx.keys.withJwks([key])[0]?.publicKeyJwk : undefined;
  if (!jwk?.kid) throw new Error(`no key ${verificationMethod}`);
  return `${verificationMethod.split('#')[0]}#${jwk.kid}`;
}

/**
 * GET /token-status-lists/<centre>-<n>: the centre's list pair n as a Token Status List
 * (draft-ietf-oauth-status-list), the status an SD-JWT VC names (docs/sd-jwt-vc.md), signed with
 * the centre's current key (`typ` statuslist+jwt). Built on each read: it is as fresh as the bits.
 */
export async function tokenStatusList(ctx: HubContext, id: string): Promise<string> {
  const parsed = parseTokenListId(id);
  const { repos } = ctx.store;
  const pair = parsed ? await repos.statusLists.listIds(parsed.spoke, parsed.listNumber) : undefined;
  const [revocation, suspension] = pair
    ? await Promise.all([repos.statusLists.get(pair.revocation), repos.statusLists.get(pair.suspension)])
    : [];
  const spoke = parsed ? await repos.spokes.get(parsed.spoke) : undefined;
  if (!parsed || !revocation || !suspension || !spoke)
    throw new SkillPassError('not-found', `No token status list ${id}.`);
  const now = nowIso(ctx);
  const key = await signingKeyFor(ctx, repos, spoke.slug, spoke.did);
  const claims = statusListTokenClaims({
    uri: tokenStatusListUrl(ctx.publicUrl, spoke.slug, parsed.listNumber),
    issuer: spoke.did,
    nowSeconds: Math.floor(Date.parse(now) / 1000),
    list: twoBitList(revocation.bits, suspension.bits, revocation.size),
  });
  return ctx.keys.signCompactJws(
    new TextEncoder().encode(JSON.stringify(claims)),
    { alg: 'EdDSA', kid: await jwtKidOf(ctx, key.verificationMethod), typ: 'statuslist+jwt' },
    key.privateJwk,
  );
}
