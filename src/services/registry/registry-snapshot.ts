import type { Repositories } from '../ports.js';
import type { RegistryView } from '../verification/verify-credential.js';

/**
 * The registry reads a verification makes (the centre by DID, the signing key, the
 * centre's accreditations, the qualification and its framework), kept per registry version.
 * Every registry change bumps the version in the same unit of work (registry-service,
 * accreditation-lifecycle, key-lifecycle, seed-demo), and each verification reads the version
 * first, so a snapshot never answers for a registry that has changed since: a withdrawn
 * accreditation or a compromised key is seen by the next verification, on every replica.
 * Status is not part of it: status bits are read for every verification.
 */
type Source = Pick<Repositories, 'spokes' | 'qualifications' | 'frameworks'>;

/** Only found entries are kept, up to this many per kind: lookups of unknown ids (anyone can send one) are not remembered. */
const MAX_ENTRIES = 10_000;

/** Shared by every verification of this version, so frozen: a stray mutation throws instead of leaking into the next answer. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Reads through to `read`, keeping found answers (frozen, bounded) for the life of the returned function: one registry version. */
export function remembered<A extends string, R>(read: (a: A) => Promise<R>): (a: A) => Promise<R> {
  const found = new Map<A, R>();
  return async (a) => {
    if (found.has(a)) return found.get(a)!;
    const value = await read(a);
    if (value !== undefined && found.size < MAX_ENTRIES) found.set(a, deepFreeze(value));
    return value;
  };
}

function snapshotOf(source: Source): RegistryView {
  return {
    spokes: {
      ...source.spokes,
      getByDid: remembered((did) => source.spokes.getByDid(did)),
      key: remembered((id) => source.spokes.key(id)),
      accreditations: remembered((slug) => source.spokes.accreditations(slug)),
    },
    qualifications: { ...source.qualifications, get: remembered((code) => source.qualifications.get(code)) },
    frameworks: { ...source.frameworks, get: remembered((id) => source.frameworks.get(id)) },
  };
}

/** What `make` builds, kept while the registry version stays and built afresh when it moves. */
export function perRegistryVersion<T>(make: () => T): (version: number) => T {
  let held: { version: number; value: T } | undefined;
  return (version) => {
    if (held?.version !== version) held = { version, value: make() };
    return held.value;
  };
}

const latest = new WeakMap<Source, (version: number) => RegistryView>();

/** The registry view for this version: the same snapshot while the version stays, a new one when it moves. */
export function registryAt(source: Source, version: number): RegistryView {
  let at = latest.get(source);
  if (!at) latest.set(source, (at = perRegistryVersion(() => snapshotOf(source))));
  return at(version);
}
