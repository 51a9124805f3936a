import { OB_V3_CONTEXT, SKILLPASS_CONTEXT_V1_URL, VC_V2_CONTEXT } from '../contexts.js';
import { PROOF_ALGS } from './key-proof.js';
import { PRE_AUTHORIZED_GRANT } from './offers.js';
import { SD_JWT_VCT } from './wallet-copies.js';

/**
 * The hub as an OpenID4VCI 1.0 credential issuer (§12.2.4 issuer metadata) and as its own OAuth
 * authorization server (RFC 8414), for the pre-authorized code flow only. The credential issuer
 * identifier is the hub's public URL. One credential configuration per format. Pure: the display
 * texts (from data/i18n) are passed in.
 */
export const CREDENTIAL_CONFIGURATIONS = {
  'skill-certificate-ldp-vc': 'ldp_vc',
  'skill-certificate-jwt-vc-json': 'jwt_vc_json',
  'skill-certificate-sd-jwt': 'dc+sd-jwt',
} as const;
export type ConfigurationId = keyof typeof CREDENTIAL_CONFIGURATIONS;
export type WalletFormat = (typeof CREDENTIAL_CONFIGURATIONS)[ConfigurationId];
export const CONFIGURATION_IDS = Object.keys(CREDENTIAL_CONFIGURATIONS) as ConfigurationId[];
export const isConfigurationId = (v: unknown): v is ConfigurationId =>
  typeof v === 'string' && Object.hasOwn(CREDENTIAL_CONFIGURATIONS, v);

export const walletEndpoints = (publicUrl: string) => ({
  token: `${publicUrl}/oauth/token`,
  nonce: `${publicUrl}/openid4vci/nonce`,
  credential: `${publicUrl}/openid4vci/credential`,
});

/** Display texts per language: the credential's name and the claims' names. */
export type DisplayTexts = Record<
  string,
  {
    credential: string;
    worker: string;
    birthDate: string;
    qualification: string;
    centre: string;
    assessed: string;
  }
>;

const TYPES = ['VerifiableCredential', 'OpenBadgeCredential'];

export function credentialIssuerMetadata(publicUrl: string, texts: DisplayTexts): Record<string, unknown> {
  const langs = Object.keys(texts);
  const display = langs.map((locale) => ({ name: texts[locale]!.credential, locale }));
  const claim = (path: string[], key: keyof DisplayTexts[string]) => ({
    path,
    display: langs.map((locale) => ({ name: texts[locale]![key], locale })),
  });
  const vcClaims = [
    claim(['credentialSubject', 'name'], 'worker'),
    claim(['credentialSubject', 'achievement', 'name'], 'qualification'),
    claim(['issuer', 'name'], 'centre'),
    claim(['credentialSubject', 'assessment', 'assessmentDate'], 'assessed'),
  ];
  const common = {
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: [...PROOF_ALGS] } },
  };
  const endpoints = walletEndpoints(publicUrl);
  return {
    credential_issuer: publicUrl,
    authorization_servers: [publicUrl],
    credential_endpoint: endpoints.credential,
    nonce_endpoint: endpoints.nonce,
    display: langs.map((locale) => ({ name: 'SkillPass', locale })),
    credential_configurations_supported: {
      'skill-certificate-ldp-vc': {
        format: 'ldp_vc',
        credential_definition: {
          '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, SKILLPASS_CONTEXT_V1_URL],
          type: TYPES,
        },
        cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
        credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
        ...common,
        credential_metadata: { display, claims: vcClaims },
      },
      'skill-certificate-jwt-vc-json': {
        format: 'jwt_vc_json',
        credential_definition: { type: TYPES },
        cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
        credential_signing_alg_values_supported: ['EdDSA'],
        ...common,
        credential_metadata: { display, claims: vcClaims.map((c) => ({ ...c, path: ['vc', ...c.path] })) },
      },
      'skill-certificate-sd-jwt': {
        format: 'dc+sd-jwt',
        vct: SD_JWT_VCT,
        cryptographic_binding_methods_supported: ['jwk'],
        credential_signing_alg_values_supported: ['EdDSA'],
        ...common,
        credential_metadata: {
          display,
          claims: [
            claim(['name'], 'worker'),
            claim(['birthdate'], 'birthDate'),
            claim(['qualification', 'title'], 'qualification'),
            claim(['centre', 'name'], 'centre'),
            claim(['assessment', 'date'], 'assessed'),
          ],
        },
      },
    },
  };
}

/** RFC 8414 §2: what a wallet needs for the pre-authorized code grant (no authorization endpoint: there is no other flow). */
export function authorizationServerMetadata(publicUrl: string): Record<string, unknown> {
  return {
    issuer: publicUrl,
    token_endpoint: walletEndpoints(publicUrl).token,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ['none'],
    'pre-authorized_grant_anonymous_access_supported': true,
  };
}
