/**
 * The VC Data Model 2.0 MUSTs an issuer checks on a credential it is asked to sign
 * (https://www.w3.org/TR/vc-data-model-2.0/): it refuses what breaks them instead of repairing
 * it. Pure: the caller says which issuer is allowed.
 */
export interface ModelProblem {
  field: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const values = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** "a URL" (VC 2.0 §4.4 and friends): an absolute URL, a DID or a urn:uuid, with no spaces */
export function isUrl(v: unknown): v is string {
  if (typeof v !== 'string' || v.length === 0 || /\s/.test(v)) return false;
  try {
    return new URL(v).protocol.length > 1;
  } catch {
    return false;
  }
}

/** §4.10-§4.12, §5.2-§5.6: each value of these properties is an object with a `type`. */
const TYPED_PROPERTIES = [
  'credentialStatus',
  'termsOfUse',
  'evidence',
  'refreshService',
  'credentialSchema',
] as const;

export function credentialModelProblems(
  credential: Record<string, unknown>,
  expectedIssuer: string,
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field: `credential.${field}`, message });

  // §4.4 Identifiers: if present, id is a single URL
  if ('id' in credential && !isUrl(credential.id)) add('id', 'id must be a single URL (or be left out).');

  // §4.7 Issuer: a URL, or an object whose id is one; this centre only
  const issuer = credential.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : isObject(issuer) ? issuer.id : undefined;
  if (issuer === undefined) add('issuer', `issuer is required: this centre's DID ${expectedIssuer}.`);
  else if (!isUrl(issuerId)) add('issuer', 'issuer must be a URL, or an object whose id is a URL.');
  else if (issuerId !== expectedIssuer)
    add('issuer', `The issuer must be this centre's DID ${expectedIssuer}.`);

  // §4.8 Credential Subject: one or more objects, each claiming something
  const subjects = credential.credentialSubject;
  if (subjects === undefined || values(subjects).length === 0)
    add('credentialSubject', 'credentialSubject is required.');
  else if (!values(subjects).every((s) => isObject(s) && Object.keys(s).length > 0))
    add('credentialSubject', 'Each credentialSubject must be an object with at least one claim.');

  for (const name of TYPED_PROPERTIES) {
    if (!(name in credential)) continue;
    const items = values(credential[name]);
    if (
      items.length === 0 ||
      !items.every(
        (v) => isObject(v) && (typeof v.type === 'string' || (Array.isArray(v.type) && v.type.length > 0)),
      )
    ) {
      add(name, `Each ${name} must be an object with a type.`);
    }
    if (name === 'credentialSchema' && !items.every((v) => isObject(v) && isUrl(v.id)))
      add(name, 'Each credentialSchema must have an id that is a URL.');
    if (name === 'credentialStatus' && !items.every((v) => !isObject(v) || v.id === undefined || isUrl(v.id)))
      add(name, 'A credentialStatus id must be a URL.');
  }

  // §5.3 Integrity of Related Resources
  if ('relatedResource' in credential) {
    const seen = new Set<string>();
    for (const r of values(credential.relatedResource)) {
      if (!isObject(r)) {
        add('relatedResource', 'Each relatedResource must be an object.');
        break;
      }
      if (!isUrl(r.id)) {
        add('relatedResource', 'Each relatedResource must have an id that is a URL.');
        break;
      }
      if (seen.has(r.id)) {
        add('relatedResource', `relatedResource ${r.id} is listed twice.`);
        break;
      }
      seen.add(r.id);
      if (r.digestSRI === undefined && r.digestMultibase === undefined) {
        add('relatedResource', `relatedResource ${r.id} needs digestSRI or digestMultibase.`);
        break;
      }
    }
  }
  return problems;
}
