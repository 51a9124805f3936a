/** JSON-LD context URLs a SkillPass credential names, in order. */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** The hub's own context lives under the hub's origin, so other verifiers can load it. */
export const skillpassContextUrl = (publicUrl: string): string => `${publicUrl}/contexts/skillpass/v1.jsonld`;

/** The recognition receipt's terms: a separate, immutable context version (v1 is never edited). */
export const skillpassRecognitionContextUrl = (publicUrl: string): string => `${publicUrl}/contexts/skillpass/recognition-v1.jsonld`;
