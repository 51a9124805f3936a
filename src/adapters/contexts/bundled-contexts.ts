import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagedContexts } from '../crypto/suites/digitalbazaar-contexts.js';
import {
  SKILLPASS_CONTEXT_V1_URL,
  SKILLPASS_HOLDER_CONTEXT_V1_URL,
  SKILLPASS_RECOGNITION_CONTEXT_V1_URL,
  skillpassContextUrl,
  skillpassRecognitionContextUrl,
} from '../../domain/contexts.js';

/**
 * Every JSON-LD context verification may need, bundled with the code: verification is
 * offline by default (docs/architecture.md), so an unknown context is an error, never a fetch.
 */
const require = createRequire(import.meta.url);
const didContexts = (require('did-context') as { contexts: Map<string, unknown> }).contexts;

export const SKILLPASS_CONTEXT_V1: unknown = JSON.parse(
  readFileSync(new URL('./skillpass-v1.json', import.meta.url), 'utf8'),
);
/** The W3C VC 2.0 examples context, which the standard test vectors name (https://www.w3.org/TR/vc-data-model-2.0/#example-contexts). */
export const W3C_EXAMPLES_V2_URL = 'https://www.w3.org/ns/credentials/examples/v2';
const W3C_EXAMPLES_V2: unknown = JSON.parse(
  readFileSync(new URL('./w3c-credentials-examples-v2.json', import.meta.url), 'utf8'),
);
/** The recognition receipt's terms (a new version file: published contexts are never edited). */
export const SKILLPASS_RECOGNITION_CONTEXT_V1: unknown = JSON.parse(
  readFileSync(new URL('./skillpass-recognition-v1.json', import.meta.url), 'utf8'),
);

/** The holder's Latin-letters name (`nameLatin`): a new version file, as above. */
export const SKILLPASS_HOLDER_CONTEXT_V1: unknown = JSON.parse(
  readFileSync(new URL('./skillpass-holder-v1.json', import.meta.url), 'utf8'),
);

/**
 * `publicUrls`: every public URL the hub has had (current first): credentials issued under
 * each named the hub's contexts at that origin, and keep verifying after a move.
 */
export function bundledContexts(publicUrls: string | readonly string[]): Map<string, unknown> {
  const map = packagedContexts();
  for (const [url, ctx] of didContexts) map.set(url, ctx);
  map.set(W3C_EXAMPLES_V2_URL, W3C_EXAMPLES_V2);
  map.set(SKILLPASS_CONTEXT_V1_URL, SKILLPASS_CONTEXT_V1);
  map.set(SKILLPASS_RECOGNITION_CONTEXT_V1_URL, SKILLPASS_RECOGNITION_CONTEXT_V1);
  map.set(SKILLPASS_HOLDER_CONTEXT_V1_URL, SKILLPASS_HOLDER_CONTEXT_V1);
  for (const publicUrl of typeof publicUrls === 'string' ? [publicUrls] : publicUrls) {
    map.set(skillpassContextUrl(publicUrl), SKILLPASS_CONTEXT_V1);
    map.set(skillpassRecognitionContextUrl(publicUrl), SKILLPASS_RECOGNITION_CONTEXT_V1);
  }
  // contexts are immutable once published: freeze them so nothing edits a shared copy
  for (const ctx of map.values()) deepFreeze(ctx);
  return map;
}

function deepFreeze(value: unknown): void {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
}
