import { randomBytes, randomUUID } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { SigningKey } from '../crypto-ports.js';
import type { WalletAccessToken } from '../ports.js';
import { SkillPassError } from '../../domain/errors.js';
import { oauthError } from '../../domain/wallets/oauth-error.js';
import {
  ACCESS_TOKEN_SECONDS,
  afterWrongPin,
  C_NONCE_SECONDS,
  isPin,
  PRE_AUTHORIZED_GRANT,
  redeemRefusal,
  secretHash,
  type WalletOffer,
} from '../../domain/wallets/offers.js';
import { addSeconds, epochSeconds } from '../../domain/wallets/time.js';
import { holderDidOf, readProof, type PublicJwk } from '../../domain/wallets/key-proof.js';
import {
  CREDENTIAL_CONFIGURATIONS,
  isConfigurationId,
  type ConfigurationId,
} from '../../domain/wallets/issuer-metadata.js';
import {
  certificateObject,
  jwtVcJsonPayload,
  sdJwtCompact,
  sdJwtVc,
  walletCopy,
} from '../../domain/wallets/wallet-copies.js';
import { tokenStatusListUrl } from '../../domain/wallets/token-status-list.js';
import { IssuanceLookups } from '../issuance/issue-certificate.js';
import { mayCertify } from '../issuance/certification-gate.js';
import { statusOf } from '../issuance/status-lists.js';
import { signedWithValidKey, signingKeyFor } from '../registry/spoke-keys.js';
import { jwtKidOf } from './token-status-lists.js';

/**
 * The OpenID4VCI 1.0 endpoints a wallet calls after scanning an offer: the token endpoint
 * (§6, pre-authorized code grant with the PIN as tx_code), the nonce endpoint (§7) and the
 * credential endpoint (§8). Every refusal is an OAuth error (../../domain/wallets/oauth-error.ts)
 * and changes nothing but what it must record (a wrong PIN).
 */

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Forgets what is over: expired nonces and tokens, and the claims of offers that are done. */
const purge = (ctx: HubContext, now: string) =>
  ctx.store.repos.wallets.purge(now, addSeconds(now, -ACCESS_TOKEN_SECONDS));

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/**
 * §6.1 token request with `grant_type` urn:ietf:params:oauth:grant-type:pre-authorized_code,
 * `pre-authorized_code` and `tx_code` (the PIN). A wrong PIN counts against the offer: the
 * fifth voids it (§13.6.2 / RFC 6749 §10.10: the PIN's few digits must not be guessable online).
 */
export async function tokenRequest(ctx: HubContext, form: Record<string, string>): Promise<TokenResponse> {
  const now = nowIso(ctx);
  if (form.grant_type !== PRE_AUTHORIZED_GRANT)
    throw oauthError(
      'unsupported_grant_type',
      `Only the pre-authorized code grant (${PRE_AUTHORIZED_GRANT}) is supported.`,
    );
  const code = form['pre-authorized_code'];
  if (!code) throw oauthError('invalid_request', 'pre-authorized_code is missing.');
  const pin = form.tx_code;
  if (pin === undefined || pin === '')
    throw oauthError(
      'invalid_request',
      'tx_code is missing: this offer needs the PIN the testing centre gave.',
    );
  await purge(ctx, now);
  const accessToken = randomBytes(32).toString('base64url');
  const outcome = await ctx.store.transaction(async (tx): Promise<SkillPassError | WalletOffer> => {
    const offer = await tx.wallets.offerByCode(secretHash(code));
    const refused = redeemRefusal(offer, now);
    if (refused) return refused;
    if (!isPin(pin) || secretHash(pin) !== offer!.pinHash) {
      const next = afterWrongPin(offer!.failedPins);
      await tx.wallets.recordWrongPin(offer!.id, offer!.failedPins, next.voided ? now : null);
      await tx.audit.append({
        at: now,
        actor: 'wallet',
        action: next.voided ? 'certificate.wallet-offer-voided' : 'certificate.wallet-pin-wrong',
        subject: offer!.certificateId,
        details: { offer: offer!.id, failedPins: next.failedPins },
      });
      return oauthError(
        'invalid_grant',
        next.voided
          ? 'Wrong PIN: this was the last attempt, the offer is now void. Ask the testing centre for a new one.'
          : `Wrong PIN: ${next.left} attempt${next.left === 1 ? '' : 's'} left.`,
      );
    }
    if (!(await tx.wallets.redeem(offer!.id, now)))
      return oauthError(
        'invalid_grant',
        'This pre-authorized code was already used: an offer is single-use.',
      );
    await tx.wallets.insertToken({
      tokenHash: secretHash(accessToken),
      offerId: offer!.id,
      expiresAt: addSeconds(now, ACCESS_TOKEN_SECONDS),
      used: [],
    });
    return offer!;
  });
  if (outcome instanceof SkillPassError) throw outcome;
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS };
}

/** §7.2: a fresh c_nonce, accepted once, for a while. */
export async function nonceRequest(ctx: HubContext): Promise<{ c_nonce: string }> {
  const now = nowIso(ctx);
  // expired nonces go as new ones come: the table holds about 5 minutes of them
  await purge(ctx, now);
  const nonce = randomBytes(24).toString('base64url');
  await ctx.store.repos.wallets.insertNonce(nonce, addSeconds(now, C_NONCE_SECONDS));
  return { c_nonce: nonce };
}

/** The access token of `Authorization: Bearer ...` (RFC 6750 §2.1), live, or invalid_token. */
async function accessTokenOf(ctx: HubContext, authorization: string | undefined, now: string) {
  const m = /^Bearer ([A-Za-z0-9_~+/.-]+=*)$/.exec(authorization ?? '');
  if (!m)
    throw oauthError(
      'invalid_token',
      'An access token from the token endpoint is required (Authorization: Bearer).',
    );
  const token = await ctx.store.repos.wallets.token(secretHash(m[1]!));
  if (!token || token.expiresAt <= now)
    throw oauthError('invalid_token', 'This access token is unknown or expired: redeem the offer again.');
  return token;
}

/** The key the proof names: its JWK, or the did:key's, resolved locally. */
async function proofJwk(ctx: HubContext, key: ReturnType<typeof readProof>['key']): Promise<PublicJwk> {
  if ('jwk' in key) return key.jwk;
  const doc = await ctx.resolver.dereference(key.did).catch(() => undefined);
  const methods = Array.isArray(doc?.verificationMethod) ? (doc.verificationMethod as unknown[]) : [];
  const jwk = methods.filter(isObject).find((m) => isObject(m.publicKeyJwk))?.publicKeyJwk;
  if (!isObject(jwk)) throw oauthError('invalid_proof', `The key proof's kid ${key.did} cannot be resolved.`);
  const { kid: _kid, ...pub } = jwk;
  return pub as PublicJwk;
}

export interface CredentialResponse {
  credentials: { credential: string | Record<string, unknown> }[];
}

/** §8.2: the request body as the wallet sent it (JSON). */
function requestedConfiguration(body: unknown): { id: ConfigurationId; proof: unknown } {
  if (!isObject(body)) throw oauthError('invalid_credential_request', 'The body is not a JSON object.');
  if (body.credential_identifier !== undefined)
    throw oauthError(
      'invalid_credential_request',
      'credential_identifier is not used by this issuer: name a credential_configuration_id.',
    );
  const id = body.credential_configuration_id;
  if (typeof id !== 'string')
    throw oauthError('invalid_credential_request', 'credential_configuration_id is missing.');
  if (!isConfigurationId(id))
    throw oauthError(
      'unknown_credential_configuration',
      `No credential configuration ${id.slice(0, 80)}: see /.well-known/openid-credential-issuer.`,
    );
  const proofs = body.proofs;
  const jwts = isObject(proofs) ? proofs.jwt : undefined;
  if (!isObject(proofs) || !Array.isArray(jwts) || jwts.length === 0)
    throw oauthError('invalid_proof', 'A key proof is required: proofs.jwt with one openid4vci-proof+jwt.');
  if (Object.keys(proofs).length !== 1)
    throw oauthError('invalid_proof', 'Only proofs of type jwt are accepted.');
  if (jwts.length !== 1)
    throw oauthError(
      'invalid_credential_request',
      'One key proof per request: batch issuance is not offered.',
    );
  return { id, proof: jwts[0] };
}

/**
 * §8: one credential of the requested configuration, bound to the key of the wallet's proof, for
 * the offer's certificate. Checked, in order: the access token, the request, the proof (typ, alg,
 * aud, iat, signature), its nonce (issued here, not used before, consumed now), then the same
 * registry checks as an issuance at this instant (the centre accredited for the qualification,
 * its key valid and not compromised) and the certificate neither revoked nor suspended.
 */
export async function credentialRequest(
  ctx: HubContext,
  authorization: string | undefined,
  body: unknown,
): Promise<CredentialResponse> {
  const now = nowIso(ctx);
  const token = await accessTokenOf(ctx, authorization, now);
  const { id: configurationId, proof: proofJwt } = requestedConfiguration(body);
  if (token.used.includes(configurationId))
    throw oauthError(
      'invalid_credential_request',
      `A ${configurationId} credential was already issued with this access token.`,
    );
  const proof = readProof(proofJwt, { audience: ctx.publicUrl, nowSeconds: epochSeconds(now) });
  const jwk = await proofJwk(ctx, proof.key);
  if (!(await ctx.keys.verifyCompactJws(proofJwt as string, jwk)))
    throw oauthError('invalid_proof', 'The key proof signature does not verify with the key it names.');
  if (!(await ctx.store.repos.wallets.takeNonce(proof.nonce, now)))
    throw oauthError(
      'invalid_nonce',
      'The key proof nonce was not issued by this issuer, was already used, or has expired: get a new one from the nonce endpoint.',
    );
  const holderDid = holderDidOf('jwk' in proof.key ? proof.key : { jwk, did: proof.key.did });
  const copy = await issueCopy(ctx, token, configurationId, { holderDid, jwk }, now);
  return { credentials: [{ credential: copy }] };
}

const denied = (why: string) => oauthError('credential_request_denied', why);

async function issueCopy(
  ctx: HubContext,
  token: WalletAccessToken,
  configurationId: ConfigurationId,
  holder: { holderDid: string; jwk: PublicJwk },
  now: string,
): Promise<string | Record<string, unknown>> {
  const { repos } = ctx.store;
  const offer = await repos.wallets.offer(token.offerId);
  const record = offer ? await repos.certificates.get(offer.certificateId) : undefined;
  if (!offer || !record) throw denied('The certificate of this offer is no longer on the hub.');
  if (record.validUntil <= now) throw denied('The certificate has expired: it cannot go to a wallet.');
  const allocation = await repos.statusLists.allocationFor(record.id);
  if (!allocation) throw denied('The certificate has no status entry.');
  const status = await statusOf(repos, allocation);
  if (status.revoked) throw denied('The certificate is revoked: it cannot go to a wallet.');
  if (status.suspended) throw denied('The certificate is suspended: it cannot go to a wallet now.');
  const lookups = new IssuanceLookups(ctx);
  const spoke = await lookups.spoke(record.spoke);
  if (!spoke) throw denied('The testing centre of this certificate is no longer registered.');
  const gate = await mayCertify(lookups, spoke, record.qualification, now);
  if (gate.problems[0])
    throw denied(`The testing centre may not issue this qualification now: ${gate.problems[0].message}`);
  let key: SigningKey;
  try {
    key = await signingKeyFor(ctx, repos, spoke.slug, spoke.did);
  } catch (e) {
    if (e instanceof SkillPassError) throw denied(e.message);
    throw e;
  }
  const certificate = certificateObject(record.format, record.serialized);
  const copyId = `urn:uuid:${randomUUID()}`;
  const format = CREDENTIAL_CONFIGURATIONS[configurationId];
  let credential: string | Record<string, unknown>;
  if (format === 'dc+sd-jwt') {
    const { payload, disclosures } = sdJwtVc({
      certificate,
      copyId,
      signedAt: now,
      holderJwk: holder.jwk,
      status: {
        idx: allocation.index,
        uri: tokenStatusListUrl(ctx.publicUrl, spoke.slug, allocation.listNumber),
      },
      offerClaims: offer.claims,
      ...(gate.qualification ? { qualificationCountry: gate.qualification.country } : {}),
      salts: () => randomBytes(16).toString('base64url'),
    });
    const jwt = await ctx.keys.signCompactJws(
      new TextEncoder().encode(JSON.stringify(payload)),
      { alg: 'EdDSA', kid: await jwtKidOf(ctx, key.verificationMethod), typ: 'dc+sd-jwt' },
      key.privateJwk,
    );
    credential = sdJwtCompact(jwt, disclosures);
  } else {
    const unsigned = walletCopy(certificate, { id: copyId, holderDid: holder.holderDid, signedAt: now });
    credential =
      format === 'ldp_vc'
        ? await ctx.signer.signDataIntegrity(unsigned, key, now)
        : await ctx.keys.signCompactJws(
            new TextEncoder().encode(JSON.stringify(jwtVcJsonPayload(unsigned, now))),
            { alg: 'EdDSA', kid: await jwtKidOf(ctx, key.verificationMethod), typ: 'JWT' },
            key.privateJwk,
          );
  }
  const stored = await ctx.store.transaction(async (tx) => {
    // the key may have been rotated while signing: nothing is issued then, the wallet asks again
    if (!(await signedWithValidKey(tx, spoke.slug, key.verificationMethod, now))) return false;
    if (!(await tx.wallets.useToken(token.tokenHash, token.used, [...token.used, configurationId])))
      throw oauthError(
        'invalid_credential_request',
        `A ${configurationId} credential was already issued with this access token.`,
      );
    await tx.wallets.insertCopy({
      id: copyId,
      certificateId: record.id,
      offerId: offer.id,
      format,
      holder: holder.holderDid,
      issuedAt: now,
    });
    // the birth date kept for the SD-JWT VC is erased once it is in the worker's wallet
    if (format === 'dc+sd-jwt') await tx.wallets.eraseClaims(offer.id);
    await tx.audit.append({
      at: now,
      actor: 'wallet',
      action: 'certificate.wallet-copy',
      subject: record.id,
      details: { copy: copyId, format, offer: offer.id, key: key.verificationMethod },
    });
    return true;
  });
  if (!stored)
    throw oauthError(
      'credential_request_denied',
      "The testing centre's key changed while signing: ask again.",
    );
  return credential;
}
