/** JSON-LD context URLs a SkillPass credential names, in order. */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/**
 * The hub's own context, at a permanent URL that no hub's public URL is part of: a hub may
 * move (README "Moving a hub") and its certificates must keep naming a context every verifier
 * can still find. It sits next to the vocabulary it defines terms in
 * (https://w3id.org/skillpass/vocab#); w3id.org redirects are permanent by design
 * (https://w3id.org/), and every hub also serves the same document at
 * /contexts/skillpass/v1.jsonld and bundles it, so no verifier of ours ever fetches it.
 */
export const SKILLPASS_CONTEXT_V1_URL = 'https://w3id.org/skillpass/v1';

/**
 * Where certificates issued before the permanent URL named the same context: under the hub's
 * own origin. Still bundled for every public URL the hub has had, so they keep verifying.
 */
export const skillpassContextUrl = (publicUrl: string): string => `${publicUrl}/contexts/skillpass/v1.jsonld`;

/**
 * The recognition receipt's terms: a separate, immutable context version (v1 is never edited),
 * at a permanent URL for the same reason as SKILLPASS_CONTEXT_V1_URL: receipts outlive a move.
 */
export const SKILLPASS_RECOGNITION_CONTEXT_V1_URL = 'https://w3id.org/skillpass/recognition/v1';

/** Where receipts issued before the permanent URL named it: under the hub's origin (still bundled, like skillpassContextUrl). */
export const skillpassRecognitionContextUrl = (publicUrl: string): string =>
  `${publicUrl}/contexts/skillpass/recognition-v1.jsonld`;

/**
 * The holder's name in Latin letters (`credentialSubject.nameLatin`, next to `name` in the
 * holder's own script), so an employer who cannot read Khmer, Lao or Burmese can still read and
 * match it. A separate, immutable context version (v1 is never edited), named only by the
 * credentials that carry the term, at a permanent URL for the same reason as SKILLPASS_CONTEXT_V1_URL.
 */
export const SKILLPASS_HOLDER_CONTEXT_V1_URL = 'https://w3id.org/skillpass/holder/v1';

/** Where every hub also serves it (the same document, bundled: no verifier of ours fetches it). */
export const SKILLPASS_HOLDER_CONTEXT_PATH = '/contexts/skillpass/holder-v1.jsonld';
