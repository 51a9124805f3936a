import { DISCLOSABLE_CLAIMS, SKILLPASS_VCT } from './sd-jwt-credential.js';

/**
 * The Digital Credentials Query (OpenID4VP 1.0 §6) an employer's request sends, and how the
 * wallet's answer is read against it (§8.1: `vp_token` is a JSON object keyed by credential
 * query id, each value an array of presentations).
 */
export const CREDENTIAL_QUERY_ID = 'skillpass_certificate';

export type DisclosableClaim = (typeof DISCLOSABLE_CLAIMS)[number];

/**
 * "A SkillPass certificate of qualification X" as an SD-JWT VC (§6.1, Annex B.3.5): the vct,
 * the qualification code by value (§6.3 `values`), and the claims the employer needs: the
 * always-clear ones it reads (name, qualification, centre) and only the selectively
 * disclosable ones it asked for, so the wallet discloses nothing more (data minimisation, §6.4).
 */
export function dcqlQueryFor(qualification: string, claims: readonly string[] = []): Record<string, unknown> {
  return {
    credentials: [
      {
        id: CREDENTIAL_QUERY_ID,
        format: 'dc+sd-jwt',
        meta: { vct_values: [SKILLPASS_VCT] },
        claims: [
          { path: ['qualification', 'code'], values: [qualification] },
          { path: ['name'] },
          { path: ['centre', 'name'] },
          ...claims.map((c) => ({ path: [c] })),
        ],
      },
    ],
  };
}

export type VpTokenRead =
  { ok: true; presentation: string } | { ok: false; error: string; description: string };

/**
 * The one presentation answering the query (§8.1): `vp_token` must be a JSON object holding our
 * credential query id only, with exactly one presentation, an SD-JWT text (the only format asked
 * for). Anything else is an OAuth `invalid_request` (or `vp_formats_not_supported`).
 */
export function presentationOf(vpToken: unknown): VpTokenRead {
  const bad = (description: string, error = 'invalid_request'): VpTokenRead => ({
    ok: false,
    error,
    description,
  });
  if (typeof vpToken !== 'object' || vpToken === null || Array.isArray(vpToken))
    return bad('vp_token must be a JSON object keyed by credential query id (OpenID4VP 1.0 §8.1).');
  const keys = Object.keys(vpToken);
  if (keys.length !== 1 || keys[0] !== CREDENTIAL_QUERY_ID)
    return bad(`vp_token must answer the credential query "${CREDENTIAL_QUERY_ID}" only.`);
  const answers = (vpToken as Record<string, unknown>)[CREDENTIAL_QUERY_ID];
  const list = Array.isArray(answers) ? answers : [answers];
  if (list.length !== 1) return bad('Exactly one presentation is asked for.');
  const p = list[0];
  if (typeof p !== 'string' || !p.includes('~'))
    return bad(
      'The presentation is not an SD-JWT VC (dc+sd-jwt), the format asked for.',
      'vp_formats_not_supported',
    );
  return { ok: true, presentation: p };
}

/**
 * What the answer leaves out of the query (§6.4.1: the wallet returns the claims requested): the
 * qualification it must be for, and each selectively disclosable claim asked for. Empty when it
 * answers the query.
 */
export function unanswered(
  asked: { qualification: string; claims: readonly string[] },
  answer: { qualification?: string | undefined; disclosed: readonly string[] },
): string[] {
  return [
    ...(answer.qualification === asked.qualification ? [] : [`qualification.code ${asked.qualification}`]),
    ...asked.claims.filter((c) => !answer.disclosed.includes(c)),
  ];
}
