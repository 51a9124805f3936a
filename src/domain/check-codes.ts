import type { CheckId } from './verification-result.js';

/**
 * Every code a verification check can give, with the check it belongs to and what it means:
 * the one typed catalogue (`fail`, `unsure` and the proof and form verdicts take only these),
 * listed in the README ("Check codes") and used as translation keys (`code.<code>` in
 * data/i18n/); a test holds all three together. Codes never change once published.
 */
export const CHECK_CODES = {
  // well-formed: can the credential be read as what was signed?
  'not-an-object': { check: 'well-formed', meaning: 'The credential is not a JSON object.' },
  'unknown-base-context': {
    check: 'well-formed',
    meaning: 'The first @context is not the VC 2.0 or VC 1.1 context.',
  },
  'missing-type': { check: 'well-formed', meaning: 'The type does not include VerifiableCredential.' },
  'missing-issuer': { check: 'well-formed', meaning: 'The credential names no issuer.' },
  'missing-subject': { check: 'well-formed', meaning: 'The credential has no credentialSubject.' },
  'missing-issuance-date': { check: 'well-formed', meaning: 'A VC 1.1 credential without issuanceDate.' },
  'bad-date': {
    check: 'well-formed',
    meaning: 'validFrom or validUntil is not a date-time with a time zone.',
  },
  'ambiguous-value': {
    check: 'well-formed',
    meaning: 'A field the checks read holds several values or the wrong kind of value.',
  },
  'not-compact-form': {
    check: 'well-formed',
    meaning:
      'The JSON is not the compact form its JSON-LD contexts define (a full IRI, an alias, a keyword, an inline context ...).',
  },
  'unknown-context': {
    check: 'well-formed',
    meaning: 'A JSON-LD context this hub does not bundle (indeterminate: it is never fetched).',
  },
  'malformed-jwt': { check: 'well-formed', meaning: 'Neither a credential object nor a readable JWT.' },
  'malformed-qr-payload': {
    check: 'well-formed',
    meaning: 'An SKP1 QR code text that is damaged or incomplete.',
  },
  'jwt-claims-mismatch': {
    check: 'well-formed',
    meaning: 'A JWT claim (iss, jti, nbf, exp, sub) contradicts the credential it carries.',
  },
  'too-deep': { check: 'well-formed', meaning: 'JSON nested more than 64 levels deep.' },
  'too-large': {
    check: 'well-formed',
    meaning: 'A JSON document inside the request is larger than allowed.',
  },
  'forbidden-key': {
    check: 'well-formed',
    meaning: 'A key named after a built-in property (__proto__, constructor, toString ...).',
  },
  'nul-character': { check: 'well-formed', meaning: 'A NUL character (\\u0000) in the JSON.' },
  'unknown-certificate': { check: 'well-formed', meaning: 'This hub has no certificate with this id.' },
  'malformed-sd-jwt': {
    check: 'well-formed',
    meaning:
      'An SD-JWT that cannot be read: a part that is not JSON, a disclosure that would overwrite a claim ...',
  },
  'unsupported-sd-alg': {
    check: 'well-formed',
    meaning: 'SD-JWT digests made with another algorithm than sha-256.',
  },
  'unreferenced-disclosure': {
    check: 'well-formed',
    meaning: 'A disclosure whose digest the issuer did not sign (tampered with, or from another credential).',
  },
  'duplicate-disclosure': { check: 'well-formed', meaning: 'A disclosure or digest that appears twice.' },
  'unknown-credential-type': {
    check: 'well-formed',
    meaning: 'An SD-JWT VC whose vct or typ is not the SkillPass certificate (docs/sd-jwt-vc.md).',
  },
  // proof: is the signature valid, by a key the issuer controls?
  'no-proof': { check: 'proof', meaning: 'The credential carries no proof.' },
  'too-many-proofs': { check: 'proof', meaning: 'More proofs than the verifier checks (4).' },
  'unsupported-proof': {
    check: 'proof',
    meaning: 'A proof type or cryptosuite this hub does not implement (indeterminate).',
  },
  'no-verification-method': { check: 'proof', meaning: 'A proof names no verification method.' },
  'key-issuer-mismatch': {
    check: 'proof',
    meaning: "No proof is made with a key of the credential's issuer.",
  },
  'multiple-issuer-proofs': {
    check: 'proof',
    meaning: 'The issuer signed more than once, so the issuance time cannot be told.',
  },
  'key-suite-mismatch': {
    check: 'proof',
    meaning: "The key is not of the kind the proof's suite signs with.",
  },
  'unknown-key': {
    check: 'proof',
    meaning: "The signing key is not listed for assertions in the issuer's DID document.",
  },
  'did-not-resolvable': {
    check: 'proof',
    meaning: "The issuer's DID cannot be resolved offline (indeterminate).",
  },
  'bad-signature': {
    check: 'proof',
    meaning: 'The signature does not match the contents: changed after signing, or forged.',
  },
  'unsupported-alg': { check: 'proof', meaning: 'A JWT algorithm other than EdDSA.' },
  'no-kid': { check: 'proof', meaning: 'The JWT header names no key.' },
  'kid-issuer-mismatch': { check: 'proof', meaning: "The JWT's key does not belong to its issuer." },
  // issuer: a registered centre, with a key valid for it at issuance time?
  'issuer-not-registered': {
    check: 'issuer',
    meaning: 'The issuer is not a testing centre registered with this hub.',
  },
  'key-not-registered': {
    check: 'issuer',
    meaning: 'The signing key is not a registered key of the centre (or of the hub).',
  },
  'missing-issuance-time': { check: 'issuer', meaning: 'The certificate does not say when it was issued.' },
  'key-not-yet-valid': {
    check: 'issuer',
    meaning: "The key was not yet the centre's when the certificate says it was issued.",
  },
  'key-rotated-out': {
    check: 'issuer',
    meaning: 'The key had been rotated out when the certificate says it was issued.',
  },
  'key-compromised': {
    check: 'issuer',
    meaning: 'The key was reported compromised from a time at or before the issuance.',
  },
  'issuance-time-mismatch': {
    check: 'issuer',
    meaning: "The signature's time and the certificate's issuance time disagree by more than 5 minutes.",
  },
  'registry-stale': {
    check: 'issuer',
    meaning: 'The registry data (a saved trust list) is past its nextUpdate (indeterminate).',
  },
  // accreditation: accredited for the qualification at issuance time?
  'unknown-qualification': {
    check: 'accreditation',
    meaning: "The qualification is not in this hub's registry.",
  },
  'not-accredited': {
    check: 'accreditation',
    meaning: 'The centre was not accredited for the qualification at issuance time.',
  },
  'accreditation-suspended': {
    check: 'accreditation',
    meaning: "The centre's accreditation was suspended at issuance time.",
  },
  'accreditation-withdrawn': {
    check: 'accreditation',
    meaning: "The centre's accreditation had been withdrawn at issuance time.",
  },
  // level: does the AQRF level match the registry's referencing at issuance time?
  'level-missing': { check: 'level', meaning: 'The certificate states no AQRF level.' },
  'level-mismatch': {
    check: 'level',
    meaning: 'The stated AQRF level is not the one the referencing in force gives.',
  },
  'national-level-mismatch': {
    check: 'level',
    meaning: "The stated national framework level is not the qualification's.",
  },
  'level-not-referenced': {
    check: 'level',
    meaning: 'The national level had no AQRF referencing in force at issuance time.',
  },
  'unknown-framework': { check: 'level', meaning: "The qualification's framework is not in the registry." },
  // validity: is now within validFrom..validUntil?
  expired: { check: 'validity', meaning: 'Now is after validUntil.' },
  'not-yet-valid': { check: 'validity', meaning: 'Now is before validFrom.' },
  // status: neither revoked nor suspended?
  revoked: { check: 'status', meaning: 'Revoked by its testing centre or the hub (final).' },
  suspended: {
    check: 'status',
    meaning: 'Suspended by its testing centre or the hub (it may be reinstated).',
  },
  'status-unavailable': { check: 'status', meaning: 'A status list could not be read (indeterminate).' },
  'status-list-issuer-mismatch': { check: 'status', meaning: 'A status list belongs to another issuer.' },
  'unsupported-status-entry': { check: 'status', meaning: 'A status entry this verifier cannot read.' },
  // holder-binding (presentations only): presented by the credential's holder, for this verifier?
  'no-key-binding': {
    check: 'holder-binding',
    meaning: 'A challenge was set but the presentation carries no Key Binding JWT or holder proof.',
  },
  'key-binding-invalid': {
    check: 'holder-binding',
    meaning: "The Key Binding JWT or the holder's proof is not valid (signature, typ, sd_hash, iat).",
  },
  'challenge-mismatch': {
    check: 'holder-binding',
    meaning:
      'The presentation was made for another verifier or another request (aud, nonce, domain, challenge).',
  },
  'holder-mismatch': {
    check: 'holder-binding',
    meaning: "The presentation's holder is not the credential's subject (credentialSubject.id).",
  },
  'key-binding-stale': {
    check: 'holder-binding',
    meaning: 'The Key Binding JWT was not made within 5 minutes of the verification.',
  },
} as const satisfies Record<string, { check: CheckId; meaning: string }>;

export type CheckCode = keyof typeof CHECK_CODES;
