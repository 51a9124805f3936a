import { hubDidFromPublicUrl } from './did-document.js';

/**
 * A hub that moves (a new domain, https instead of http) keeps every certificate it issued
 * before: its DIDs and URLs under the public URLs it had are still its own. The hub records
 * each public URL it starts under (services/registry/hub-move.ts); here, pure, is how an identifier
 * under a former public URL maps to the same thing under the current one (README "Moving a hub").
 * The former DIDs are listed as `alsoKnownAs` in the DID documents
 * (https://www.w3.org/TR/did-core/#also-known-as) and in the signed trust list.
 */
export interface HubAlias {
  publicUrl: string;
  did: string;
}

export interface HubAliases {
  /** the public URL and DID in use now */
  current: HubAlias;
  /** every public URL the hub had before (newest first), each with its DID */
  former: HubAlias[];
}

const strip = (url: string): string => url.replace(/\/+$/, '');

export function hubAliases(publicUrl: string, formerPublicUrls: readonly string[] = []): HubAliases {
  const current = { publicUrl: strip(publicUrl), did: hubDidFromPublicUrl(publicUrl) };
  const seen = new Set([current.publicUrl]);
  const former: HubAlias[] = [];
  for (const url of formerPublicUrls.map(strip)) {
    if (seen.has(url)) continue;
    seen.add(url);
    former.push({ publicUrl: url, did: hubDidFromPublicUrl(url) });
  }
  return { current, former };
}

/** Every public URL the hub answers for, the current one first. */
export const publicUrlsOf = (a: HubAliases): string[] => [
  a.current.publicUrl,
  ...a.former.map((f) => f.publicUrl),
];

/** Every DID the hub has had, the current one first (http and https of one host share a DID). */
export const hubDidsOf = (a: HubAliases): string[] => [
  ...new Set([a.current.did, ...a.former.map((f) => f.did)]),
];

/** The longest of `prefixes` that `value` starts with, followed by one of `boundaries` or nothing. */
function prefixOf(
  value: string,
  prefixes: readonly string[],
  boundaries: readonly string[],
): string | undefined {
  return [...prefixes]
    .sort((x, y) => y.length - x.length)
    .find((p) => value === p || boundaries.some((b) => value.startsWith(`${p}${b}`)));
}

const DID_BOUNDARIES = [':', '#', '?', '/'];

/** Which of the hub's DIDs `didOrDidUrl` is under (a path-style did:web: `<hub DID>:spokes:<slug>`), if any. */
export const hubDidOf = (a: HubAliases, didOrDidUrl: string): string | undefined =>
  prefixOf(didOrDidUrl, hubDidsOf(a), DID_BOUNDARIES);

/** The same DID (or DID URL) under another of the hub's DIDs; unchanged when it is not the hub's. */
export function didUnder(a: HubAliases, didOrDidUrl: string, hubDid: string): string {
  const from = hubDidOf(a, didOrDidUrl);
  return from === undefined ? didOrDidUrl : `${hubDid}${didOrDidUrl.slice(from.length)}`;
}

/**
 * The current form of a DID, DID URL or URL of this hub (a former one rewritten under the
 * current DID or public URL); anything that is not the hub's comes back unchanged. The trust
 * checks judge identifiers in this form, so a certificate issued under a former public URL is
 * matched against the registry as it stands.
 */
export function currentFormOf(a: HubAliases, id: string): string {
  if (id.startsWith('did:')) return didUnder(a, id, a.current.did);
  const from = prefixOf(id, publicUrlsOf(a), ['/', '#', '?']);
  return from === undefined ? id : `${a.current.publicUrl}${id.slice(from.length)}`;
}

/** The other DIDs of the same subject (`alsoKnownAs`): the DID under each of the hub's DIDs but its own. */
export const otherFormsOf = (a: HubAliases, did: string): string[] =>
  hubDidOf(a, did) === undefined
    ? []
    : hubDidsOf(a)
        .map((h) => didUnder(a, did, h))
        .filter((d) => d !== did);
