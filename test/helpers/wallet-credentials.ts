/**
 * Wallet copies of a certificate, made the way an independent issuer library makes them, for
 * the verifier's tests (issue 17). ONE place: when the hub's own OpenID4VCI issuer lands, these
 * builders can be swapped for a credential request to it.
 *
 * - `sdJwtVcOf`: an SD-JWT VC (docs/sd-jwt-vc.md) made with @sd-jwt/sd-jwt-vc, signed with the
 *   centre's real signing key (EdDSA), `cnf.jwk` the wallet's key, status on the hub's Token
 *   Status List URI; birthdate, identifier and assessment selectively disclosable.
 * - `presentSdJwt`: the worker's presentation of it (chosen disclosures + a KB-JWT for aud/nonce),
 *   made with the same independent library.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import type { TestHub } from './test-hub.js';
import { signingKeyFor } from '../../src/services/registry/spoke-keys.js';
import { SignJWT, importJWK } from 'jose';
import { generateEd25519 } from '../../src/adapters/crypto/keys/ed25519-keys.js';

export const SKILLPASS_VCT = 'https://w3id.org/skillpass/vct/skill-certificate/v1';

export interface WalletKey {
  publicJwk: Record<string, unknown>;
  privateJwk: Record<string, unknown>;
}

/** The wallet's own key pair (P-256, as most wallets hold it). */
export async function walletKey(): Promise<WalletKey> {
  const { publicKey, privateKey } = await ES256.generateKeyPair();
  return {
    publicJwk: publicKey as Record<string, unknown>,
    privateJwk: privateKey as Record<string, unknown>,
  };
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
type Obj = Record<string, unknown>;
const obj = (v: unknown) => v as Obj;

/** The SD-JWT VC payload (docs/sd-jwt-vc.md) of an issued Data Integrity certificate. */
function payloadOf(hub: TestHub, credential: Obj, holderJwk: Obj, signedAt: string): Obj {
  const subject = obj(credential.credentialSubject);
  const achievement = obj(subject.achievement);
  const alignments = (achievement.alignment as Obj[]) ?? [];
  const aligned = (type: string) => alignments.find((a) => a.targetType === type)?.targetCode as string;
  const assessment = obj(subject.assessment);
  const statuses = ([] as Obj[]).concat((credential.credentialStatus as Obj | Obj[]) ?? []);
  const revocation = statuses.find((s) => s.statusPurpose === 'revocation')!;
  const listId = String(revocation.statusListCredential)
    .split('/status-lists/')[1]!
    .replace(/-revocation$/, '');
  const issuer = obj(credential.issuer);
  return {
    iss: issuer.id,
    vct: SKILLPASS_VCT,
    jti: `urn:uuid:${crypto.randomUUID()}`,
    iat: seconds(signedAt),
    nbf: seconds(String(credential.validFrom)),
    ...(credential.validUntil ? { exp: seconds(String(credential.validUntil)) } : {}),
    cnf: { jwk: holderJwk },
    status: {
      status_list: {
        idx: Number(revocation.statusListIndex),
        uri: `${hub.ctx.publicUrl}/token-status-lists/${listId}`,
      },
    },
    certificate: credential.id,
    name: subject.name,
    qualification: {
      code: achievement.humanCode,
      title: achievement.name,
      country: String(achievement.humanCode).slice(0, 2),
      isco08: aligned('ext:ISCO-08'),
      aqrf_level: Number(aligned('ext:AQRFLevel')),
      national_level: aligned('ext:NQFLevel'),
    },
    centre: { id: issuer.id, name: issuer.name },
    ...(subject.birthDate ? { birthdate: subject.birthDate } : { birthdate: '1995-04-12' }),
    identifier: subject.identifier,
    assessment: {
      date: assessment.assessmentDate,
      language: assessment.assessmentLanguage,
      result: assessment.assessmentResult,
    },
  };
}

/** An Ed25519 JWS signer over the centre's real key, as @sd-jwt's Signer type wants it. */
const ed25519Signer = (privateJwk: Obj) => {
  const key = createPrivateKey({ key: privateJwk as never, format: 'jwk' });
  return async (data: string) => sign(null, Buffer.from(data), key).toString('base64url');
};

/**
 * The certificate `issued` (a Data Integrity certificate of the hub) as an SD-JWT VC bound to
 * `holder`, signed now (the hub's clock) with its centre's active key. `payload` overrides claims.
 */
export async function sdJwtVcOf(
  hub: TestHub,
  issued: { credential: unknown },
  holder: WalletKey,
  options: { centre?: string; payload?: Obj; header?: Obj } = {},
): Promise<string> {
  const credential = obj(issued.credential);
  const spokeDid = String(obj(credential.issuer).id);
  const key = await signingKeyFor(hub.ctx, hub.ctx.store.repos, options.centre ?? 'kh-ntti', spokeDid);
  const sdjwt = new SDJwtVcInstance({
    hasher: digest,
    saltGenerator: generateSalt,
    signer: ed25519Signer(key.privateJwk as unknown as Obj),
    signAlg: 'EdDSA',
  });
  const payload = {
    ...payloadOf(hub, credential, holder.publicJwk, hub.clock.now().toISOString()),
    ...options.payload,
  };
  return sdjwt.issue(payload as never, { _sd: ['birthdate', 'identifier', 'assessment'] } as never, {
    header: { kid: key.verificationMethod, ...options.header },
  });
}

/** The worker presents `sdJwtVc`, disclosing only `disclose`, with a KB-JWT for `aud` and `nonce` (none when `kb` is false). */
export async function presentSdJwt(
  hub: TestHub,
  sdJwtVc: string,
  holder: WalletKey,
  o: { disclose?: string[]; aud?: string; nonce?: string; kb?: boolean; iat?: number } = {},
): Promise<string> {
  const sdjwt = new SDJwtVcInstance({
    hasher: digest,
    saltGenerator: generateSalt,
    kbSigner: await ES256.getSigner(holder.privateJwk),
    kbSignAlg: 'ES256',
  });
  const frame = Object.fromEntries((o.disclose ?? []).map((n) => [n, true]));
  return sdjwt.present(
    sdJwtVc,
    frame as never,
    o.kb === false
      ? undefined
      : {
          kb: {
            payload: {
              iat: o.iat ?? Math.floor(hub.clock.now().getTime() / 1000),
              aud: o.aud ?? 'https://employer.example',
              nonce: o.nonce ?? 'nonce-1',
            },
          },
        },
  );
}

/** A wallet identified by an Ed25519 did:key (resolved locally by any verifier). */
export interface DidWallet {
  did: string;
  kid: string;
  privateJwk: Record<string, unknown>;
}
export function didKeyWallet(): DidWallet {
  const { privateJwk, publicKeyMultibase } = generateEd25519();
  const did = `did:key:${publicKeyMultibase}`;
  return {
    did,
    kid: `${did}#${publicKeyMultibase}`,
    privateJwk: privateJwk as unknown as Record<string, unknown>,
  };
}

/**
 * The certificate `issued` as a holder-bound `jwt_vc_json` copy: its credential with
 * `credentialSubject.id` the wallet's DID, signed as a VC-JOSE JWT by its centre's key at its
 * issuance instant (the credential signer the hub uses: ../../src/adapters/crypto/suites).
 */
export async function jwtVcOf(
  hub: TestHub,
  issued: { credential: unknown },
  holderDid: string,
): Promise<string> {
  const { proof: _proof, ...credential } = obj(issued.credential);
  const subject = { id: holderDid, ...obj(credential.credentialSubject) };
  const key = await signingKeyFor(hub.ctx, hub.ctx.store.repos, 'kh-ntti', String(obj(credential.issuer).id));
  return hub.ctx.signer.signJwt(
    { ...credential, credentialSubject: subject },
    key,
    String(credential.validFrom),
  );
}

/** The wallet presents `credential` in a VP JWT (VC-JWT 1.1, jose) for `aud` and `nonce`. */
export async function presentJwtVp(
  hub: TestHub,
  credential: string,
  wallet: DidWallet,
  o: { aud?: string; nonce?: string; iss?: string } = {},
): Promise<string> {
  return new SignJWT({
    nonce: o.nonce ?? 'nonce-1',
    vp: {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiablePresentation'],
      verifiableCredential: [credential],
    },
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: wallet.kid, typ: 'JWT' })
    .setIssuer(o.iss ?? wallet.did)
    .setAudience(o.aud ?? 'https://employer.example')
    .setIssuedAt(Math.floor(hub.clock.now().getTime() / 1000))
    .sign(await importJWK(wallet.privateJwk as never, 'EdDSA'));
}
