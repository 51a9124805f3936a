import { decodeJwtPayload } from '../../domain/jwt-payload.js';
import { checkVpBinding, readJwtVp } from '../../domain/presentations/vp-jwt.js';
import { expectsChallenge, type Challenge } from '../../domain/presentations/key-binding.js';
import {
  CHECK_IDS,
  fail,
  overallOutcome,
  skip,
  type CheckResult,
  type VerificationResult,
} from '../../domain/verification-result.js';
import { verifyCredential, type VerifyDeps, type VerifyOptions } from '../verification/verify-credential.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The subject's id of a credential object or a (VC-JOSE or VC-JWT 1.1) JWT, without trusting it yet. */
function subjectIdOf(credential: Record<string, unknown> | string): string | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = typeof credential === 'string' ? decodeJwtPayload(credential) : credential;
  } catch {
    return undefined;
  }
  const vc = isObject(doc.vc) ? doc.vc : doc;
  const subject = vc.credentialSubject;
  const id = isObject(subject) ? subject.id : undefined;
  return typeof id === 'string' ? id : typeof doc.sub === 'string' ? doc.sub : undefined;
}

/**
 * A holder-signed presentation as a JWT (jwt_vc_json, ../../domain/presentations/vp-jwt.ts): its
 * one credential verified by the credential path (the same registry, status and dates checks),
 * the holder's signature checked with the holder's DID key (did:key, resolved locally, EdDSA),
 * and the binding to the challenge. The one result shape, with `holder-binding` last.
 */
export async function verifyJwtVp(
  jwt: string,
  payload: Record<string, unknown>,
  deps: VerifyDeps,
  challenge: Challenge | undefined,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  const read = readJwtVp(payload);
  if (!read.ok)
    return {
      outcome: 'invalid',
      checks: [
        fail('well-formed', 'malformed-jwt', read.message),
        ...CHECK_IDS.filter((id) => id !== 'well-formed').map((id) =>
          skip(id, 'The presentation could not be read.'),
        ),
      ],
      verifiedAt: deps.now,
    };
  const { vp } = read;
  const credential = await verifyCredential(vp.credential, deps, options);
  const signature = await deps.proofs.verifyJwt(jwt, vp.holder);
  const binding = checkVpBinding(
    vp,
    subjectIdOf(vp.credential),
    signature.outcome === 'valid',
    challenge,
    deps.now,
  );
  const checks: CheckResult[] = [...credential.checks, binding];
  return {
    ...credential,
    outcome: overallOutcome(checks, options.counted),
    checks,
    presentation: {
      format: 'jwt_vp',
      challengeChecked: expectsChallenge(challenge) && binding.outcome === 'valid',
      // a VP shows the credential whole: nothing is selectively disclosed or withheld
      disclosed: [],
      withheld: [],
    },
  };
}
