import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { noCompanion, purposeMismatch, type StatusView } from '../../services/verification/status-view.js';
import type { BitLookup, StatusLookup } from '../../domain/checks/status-check.js';
import type { ProofVerifier } from '../../services/crypto-ports.js';
import { decodeList, getBit } from '../../domain/bitstring.js';
import { companionOf } from '../../domain/status-list-credential.js';
import { parseBoundedJson } from '../../domain/json-bounds.js';

/**
 * Status lists saved earlier (GET /status-lists/:id responses, one JSON file each) as the
 * status source for offline verification. Each list credential's own proof is verified
 * once before its bits are trusted; a missing or unverifiable list is "not found", which
 * makes the status check indeterminate. A revocation entry on one of the hub's lists reads the
 * companion suspension list beside it (same index), found by its name (`-revocation` ->
 * `-suspension`, ../../domain/status-list-credential.ts): when that list is not saved, a
 * certificate that is not revoked cannot be confirmed (indeterminate, `status-unavailable`).
 */
export interface SavedStatusList {
  url: string;
  issuer: string;
  validFrom: string;
  file: string;
}

/**
 * `canonical`: the hub's identifiers in their current form (../../domain/hub-aliases.ts): a list
 * saved from the hub at its new public URL answers for a certificate issued under the old one.
 * `hubPublicUrl`: the hub's current public URL (the trust list's): its lists have companions.
 */
export function statusListFiles(
  dir: string | undefined,
  proofs: ProofVerifier,
  canonical: (id: string) => string = (id) => id,
  hubPublicUrl?: string,
): { view: StatusView; lists: SavedStatusList[] } {
  const hubPrefix = hubPublicUrl === undefined ? undefined : `${hubPublicUrl}/status-lists/`;
  const byUrl = new Map<string, { credential: Record<string, any>; file: string }>();
  if (dir) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      try {
        // bounded like any credential from outside: a list nested too deeply is not a list file
        const credential = parseBoundedJson(readFileSync(join(dir, name), 'utf8')) as Record<string, any>;
        if (
          typeof credential.id === 'string' &&
          ([] as unknown[]).concat(credential.type).includes('BitstringStatusListCredential')
        )
          byUrl.set(canonical(credential.id), { credential, file: name });
      } catch {
        /* not a list file */
      }
    }
  }
  const verified = new Map<
    string,
    Promise<{ ok: true; bits: Uint8Array } | { ok: false; message: string }>
  >();
  const load = (url: string) => {
    let p = verified.get(url);
    if (!p) {
      const entry = byUrl.get(url)!;
      p = proofs.verifyDataIntegrity(entry.credential).then((r) =>
        r.outcome === 'valid'
          ? { ok: true as const, bits: decodeList(String(entry.credential.credentialSubject?.encodedList)) }
          : {
              ok: false as const,
              message: `the saved list ${entry.file} does not verify (${r.code ?? r.outcome})`,
            },
      );
      verified.set(url, p);
    }
    return p;
  };
  return {
    lists: [...byUrl.values()].map(({ credential, file }) => ({
      url: String(credential.id),
      issuer: String(credential.issuer),
      validFrom: String(credential.validFrom),
      file,
    })),
    view: {
      lookupAll: (entries) => Promise.all(entries.map((e) => lookupEntry(e.listUrl, e.index, e.purpose))),
    },
  };

  async function lookupEntry(given: string, index: number, purpose: string): Promise<StatusLookup> {
    const listUrl = canonical(given);
    const own = await lookup(listUrl, index, purpose);
    if (!own.found || purpose !== 'revocation' || !hubPrefix || !listUrl.startsWith(hubPrefix)) return own;
    const companionUrl = companionOf(listUrl);
    if (!companionUrl) return { ...own, suspension: noCompanion(listUrl) };
    const companion = byUrl.has(companionUrl)
      ? await lookup(companionUrl, index, 'suspension')
      : { found: false as const, message: `the companion suspension list ${companionUrl} is not saved` };
    return { ...own, suspension: { listUrl: companionUrl, ...companion } };
  }

  async function lookup(listUrl: string, index: number, purpose: string): Promise<BitLookup> {
    const entry = byUrl.get(listUrl);
    if (!entry) return { found: false, message: `no saved copy of ${listUrl}` };
    const loaded = await load(listUrl);
    if (!loaded.ok) return { found: false, message: loaded.message };
    const listPurpose = String(entry.credential.credentialSubject?.statusPurpose);
    if (listPurpose !== purpose) return purposeMismatch(listUrl, listPurpose, purpose);
    if (!Number.isSafeInteger(index) || index < 0 || index >= loaded.bits.length * 8)
      return { found: false, message: `index ${index} is outside the list` };
    return {
      found: true,
      set: getBit(loaded.bits, index),
      listIssuer: canonical(String(entry.credential.issuer)),
      version: String(entry.credential.validFrom),
    };
  }
}
