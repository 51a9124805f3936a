import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import { SkillPassError } from '../../domain/errors.js';
import { oauthError, type OAuthErrorCode } from '../../domain/presentations/oauth-error.js';
import {
  CREDENTIAL_QUERY_ID,
  dcqlQueryFor,
  presentationOf,
  unanswered,
} from '../../domain/presentations/dcql.js';
import { DISCLOSABLE_CLAIMS } from '../../domain/presentations/sd-jwt-credential.js';
import {
  type PresentationRequest,
  type RequestState,
  requestState,
  requestTimes,
} from '../../domain/presentations/presentation-request.js';
import type { VerificationResult } from '../../domain/verification-result.js';
import { parseBoundedJson } from '../../domain/json-bounds.js';
import { ensureHubKey } from '../registry/hub-identity.js';
import type { Ed25519PrivateJwk } from '../../domain/keys.js';
import { verifyWithHub } from '../verification/verification-service.js';

/**
 * Employers ask a worker's wallet for a certificate over OpenID4VP 1.0 (README "Asking a
 * worker's wallet for a certificate (OpenID4VP)"): a request by reference (`request_uri`, §5.7)
 * whose signed request object carries the DCQL query, a fresh nonce and the `direct_post`
 * response URI (§8.2); the wallet's answer is verified with that nonce and the client_id as
 * audience, once, before the request expires, and the employer reads the verdict.
 *
 * Client identifier prefix (§5.9.3): `decentralized_identifier:` + the hub's did:web, the request
 * object signed with the hub's key (the key its DID document and trust list publish). Wallets
 * (the EUDI reference wallet, Inji, the OWF libraries) verify such a request against the DID,
 * so the employer is shown as this hub, and the request cannot be altered on the way; the
 * unsigned `redirect_uri:` prefix would put the whole query into the QR code and prove nothing
 * about who asks. Employers act through the hub: the hub is the verifier the wallet sees.
 */
export const REQUEST_OBJECT_TYPE = 'oauth-authz-req+jwt';

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const clientIdOf = (ctx: Pick<HubContext, 'hubDid'>) => `decentralized_identifier:${ctx.hubDid}`;
const requestObjectUrl = (ctx: Pick<HubContext, 'publicUrl'>, id: string) =>
  `${ctx.publicUrl}/presentation-requests/${id}/request-object`;
const responseUrl = (ctx: Pick<HubContext, 'publicUrl'>, id: string) =>
  `${ctx.publicUrl}/presentation-requests/${id}/response`;

export interface PresentationRequestInput {
  qualification: string;
  purpose?: string;
  /** selectively disclosable claims to ask for too (docs/sd-jwt-vc.md): birthdate, assessment */
  claims?: string[];
}

export interface PresentationRequestView {
  id: string;
  status: RequestState;
  qualification: string;
  purpose?: string;
  claims: string[];
  createdAt: string;
  expiresAt: string;
  answeredAt?: string;
  result?: VerificationResult;
}

export interface CreatedPresentationRequest extends PresentationRequestView {
  /** what the QR code holds: `openid4vp://?client_id=...&request_uri=...` (§5.7, Annex "Same- and cross-device") */
  requestUri: string;
  requestObjectUri: string;
  clientId: string;
  /** the QR code of requestUri, as SVG */
  qr: string;
  /** the employer's page: shows the QR code, then the verdict; the key in it is shown only here */
  page: string;
}

const viewOf = (r: PresentationRequest, now: string): PresentationRequestView => ({
  id: r.id,
  status: requestState(r, now),
  qualification: r.qualification,
  ...(r.purpose !== undefined ? { purpose: r.purpose } : {}),
  claims: r.claims,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  ...(r.answeredAt ? { answeredAt: r.answeredAt } : {}),
  ...(r.result ? { result: r.result } : {}),
});

function employerOf(actor: Principal): string {
  if (actor.role !== 'employer')
    throw new SkillPassError('forbidden', 'Only an employer token asks for certificates.');
  return actor.tokenId;
}

/** The wallet link of a request (what the QR code holds). */
export const walletLinkOf = (ctx: Pick<HubContext, 'publicUrl' | 'hubDid'>, id: string) =>
  `openid4vp://?${new URLSearchParams({ client_id: clientIdOf(ctx), request_uri: requestObjectUrl(ctx, id) })}`;

export async function createPresentationRequest(
  ctx: HubContext,
  actor: Principal,
  input: PresentationRequestInput,
): Promise<CreatedPresentationRequest> {
  const employerToken = employerOf(actor);
  const { repos } = ctx.store;
  if (!(await repos.qualifications.get(input.qualification)))
    throw new SkillPassError(
      'unknown-qualification',
      `No qualification ${input.qualification} in this hub's registry.`,
    );
  const claims = [...new Set(input.claims ?? [])];
  const unknown = claims.filter((c) => !(DISCLOSABLE_CLAIMS as readonly string[]).includes(c));
  if (unknown.length > 0)
    throw new SkillPassError(
      'validation-failed',
      `Only ${DISCLOSABLE_CLAIMS.join(', ')} may be asked for; not ${unknown.join(', ')}.`,
    );
  const now = nowIso(ctx);
  // nothing is kept past its time: expired requests and their answers go when a new one is made
  await repos.presentationRequests.purge(now);
  const pageKey = random(24);
  const request: PresentationRequest = {
    id: random(18),
    employerToken,
    qualification: input.qualification,
    ...(input.purpose !== undefined ? { purpose: input.purpose } : {}),
    claims,
    nonce: random(24),
    pageKeyHash: sha256(pageKey),
    createdAt: now,
    ...requestTimes(now),
  };
  await repos.presentationRequests.insert(request);
  const requestUri = walletLinkOf(ctx, request.id);
  return {
    ...viewOf(request, now),
    requestUri,
    requestObjectUri: requestObjectUrl(ctx, request.id),
    clientId: clientIdOf(ctx),
    qr: await ctx.formats.qr.svg(requestUri),
    page: `${ctx.publicUrl}/request/${request.id}?key=${pageKey}`,
  };
}

/** The employer's own request, pending or with its verdict; another employer's is as unknown as a missing one. */
export async function readPresentationRequest(
  ctx: HubContext,
  actor: Principal,
  id: string,
): Promise<PresentationRequestView> {
  const employerToken = employerOf(actor);
  const now = nowIso(ctx);
  const r = await ctx.store.repos.presentationRequests.get(id);
  if (!r || r.employerToken !== employerToken || r.purgeAfter <= now)
    throw new SkillPassError('not-found', `No presentation request ${id} of this employer.`);
  return viewOf(r, now);
}

/** The request behind the employer's page: the page key must match (compared in constant time). */
export async function requestForPage(
  ctx: HubContext,
  id: string,
  key: string,
): Promise<{ request: PresentationRequestView; walletLink: string } | undefined> {
  const now = nowIso(ctx);
  const r = await ctx.store.repos.presentationRequests.get(id);
  if (!r || r.purgeAfter <= now) return undefined;
  const given = Buffer.from(sha256(key), 'hex');
  if (!timingSafeEqual(given, Buffer.from(r.pageKeyHash, 'hex'))) return undefined;
  return { request: viewOf(r, now), walletLink: walletLinkOf(ctx, id) };
}

async function openRequest(ctx: HubContext, id: string): Promise<{ r: PresentationRequest; now: string }> {
  const now = nowIso(ctx);
  const r = await ctx.store.repos.presentationRequests.get(id);
  if (!r || r.purgeAfter <= now)
    throw oauthError('invalid_request', 'There is no such presentation request.', true);
  const state = requestState(r, now);
  if (state === 'expired') throw oauthError('invalid_request', 'This presentation request has expired.');
  if (state === 'answered')
    throw oauthError('invalid_request', 'This presentation request was answered already.');
  return { r, now };
}

/**
 * The signed request object (JAR, RFC 9101; OpenID4VP 1.0 §5): the DCQL query, the nonce, the
 * direct_post response URI and `state`, signed with the hub's key (typ oauth-authz-req+jwt).
 */
export async function requestObject(ctx: HubContext, id: string): Promise<string> {
  const { r, now } = await openRequest(ctx, id);
  const hubKey = await ensureHubKey(ctx, ctx.store.repos, now);
  const privateJwk = JSON.parse(ctx.sealer.open(hubKey.encryptedSecret, hubKey.id)) as Ed25519PrivateJwk;
  const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  const clientId = clientIdOf(ctx);
  // no `iss`: the signer is the DID in `kid` (OpenID4VP 1.0 §5.9.3); an iss with the prefixed client_id would contradict it
  const claims = {
    aud: 'https://self-issued.me/v2',
    iat: seconds(now),
    exp: seconds(r.expiresAt),
    client_id: clientId,
    response_type: 'vp_token',
    response_mode: 'direct_post',
    response_uri: responseUrl(ctx, r.id),
    nonce: r.nonce,
    state: r.id,
    dcql_query: dcqlQueryFor(r.qualification, r.claims),
    client_metadata: {
      client_name: 'SkillPass',
      vp_formats_supported: {
        'dc+sd-jwt': { 'sd-jwt_alg_values': ['EdDSA'], 'kb-jwt_alg_values': ['ES256', 'ES384', 'EdDSA'] },
      },
    },
  };
  // kid: the key's JsonWebKey method in the hub's DID document (../../domain/did-document.ts), what a JOSE verifier resolves
  const [published] = ctx.keys.withJwks([hubKey]);
  const thumbprint = published?.publicKeyJwk?.kid;
  return ctx.keys.signCompactJws(
    new TextEncoder().encode(JSON.stringify(claims)),
    { alg: 'EdDSA', kid: thumbprint ? `${ctx.hubDid}#${thumbprint}` : hubKey.id, typ: REQUEST_OBJECT_TYPE },
    privateJwk,
  );
}

/** Checks whose failure means the answer is not this request's (or not readable): refused, the request stays open. */
const PROTOCOL_CHECKS = new Set(['well-formed', 'holder-binding']);

/**
 * The wallet's direct_post answer (§8.2): `vp_token` (JSON, keyed by credential query id) and
 * `state`. Verified with the request's nonce and the client_id as audience. An answer that is
 * not this request's (unreadable, bound to another nonce or verifier, another qualification) is
 * refused with an OAuth error and changes nothing; otherwise the verdict, whatever it is
 * (revoked included), is the request's one answer.
 */
export async function receivePresentation(
  ctx: HubContext,
  id: string,
  form: Record<string, unknown>,
): Promise<Record<string, never>> {
  const { r } = await openRequest(ctx, id);
  if (form.state !== r.id) throw oauthError('invalid_request', 'state is not the one of this request.');
  if (typeof form.vp_token !== 'string') throw oauthError('invalid_request', 'vp_token is missing.');
  let vpToken: unknown;
  try {
    vpToken = parseBoundedJson(form.vp_token);
  } catch {
    throw oauthError('invalid_request', 'vp_token is not a JSON object (OpenID4VP 1.0 §8.1).');
  }
  const answer = presentationOf(vpToken);
  if (!answer.ok) throw oauthError(answer.error as OAuthErrorCode, answer.description);
  const result = await verifyWithHub(ctx, answer.presentation, {
    challenge: { nonce: r.nonce, audience: clientIdOf(ctx) },
  });
  const refused = result.checks.find((c) => PROTOCOL_CHECKS.has(c.id) && c.outcome !== 'valid');
  if (refused)
    throw oauthError(
      'invalid_request',
      `The presentation is refused: ${refused.message ?? refused.code ?? refused.id}`,
    );
  const missing = unanswered(r, {
    qualification: result.credential?.qualification,
    disclosed: result.presentation?.disclosed ?? [],
  });
  if (missing.length > 0)
    throw oauthError(
      'invalid_request',
      `The ${CREDENTIAL_QUERY_ID} presented does not answer the query: ${missing.join(', ')} missing.`,
    );
  // the clock is read again: verification took time, and an answer after expiry is not taken
  if (!(await ctx.store.repos.presentationRequests.answer(r.id, nowIso(ctx), result)))
    throw oauthError('invalid_request', 'This presentation request was answered already, or has expired.');
  return {};
}
