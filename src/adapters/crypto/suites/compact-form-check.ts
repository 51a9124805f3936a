/**
 * The compact-form check with jsonld.js (the rule and the comparison are pure:
 * ../../../domain/compact-form.ts): expand the document with its own contexts, compact the
 * expansion against the same context list (JSON-LD 1.1 API §4.1 and §6.1,
 * https://www.w3.org/TR/json-ld11-api/#compaction-algorithm), and require what comes back to
 * be what was received. The expansion is handed back too, so a Data Integrity check of the
 * same document signs over it instead of expanding a second time (./eddsa-rdfc-2022.ts).
 */
import jsonld from '../jsonld/jsonld.js';
import type { DocumentLoader } from './digitalbazaar.js';
import { compactWithMemo } from './compact-form-memo.js';
import type { FormVerdict } from '../../../services/crypto-ports.js';
import {
  compactFormDifference,
  formShapeProblem,
  withoutProofContexts,
} from '../../../domain/compact-form.js';

export const FORM_VALID: FormVerdict = { outcome: 'valid' };

const notCompact = (where: string, reason: string): FormVerdict => ({
  outcome: 'invalid',
  code: 'not-compact-form',
  message: `The JSON is not the compact form its JSON-LD contexts define (${reason} at ${where}), so it cannot be read as what was signed.`,
});

/** The expansion of `doc`, or the verdict when the document cannot be processed. */
export async function expandForForm(
  doc: Record<string, unknown>,
  documentLoader: DocumentLoader,
  known: (url: string) => boolean,
  safe = false,
): Promise<{ ok: true; expanded: unknown[] } | { ok: false; verdict: FormVerdict }> {
  const bare = withoutProofContexts(doc);
  if ('problem' in bare) return { ok: false, verdict: notCompact(bare.problem.path, bare.problem.reason) };
  const shape = formShapeProblem(bare.doc);
  if (shape) return { ok: false, verdict: notCompact(shape.path, shape.reason) };
  const unknown = ([] as unknown[]).concat(doc['@context']).find((c) => typeof c === 'string' && !known(c));
  if (unknown !== undefined) {
    return {
      ok: false,
      verdict: {
        outcome: 'indeterminate',
        code: 'unknown-context',
        message: `It uses a JSON-LD context this verifier does not hold (and will not fetch): ${String(unknown)}.`,
      },
    };
  }
  try {
    const expanded = await jsonld.expand(doc, { documentLoader, safe, base: null });
    return { ok: true, expanded };
  } catch (e) {
    return { ok: false, verdict: notCompact('$', `JSON-LD processing failed: ${(e as Error).message}`) };
  }
}

/**
 * Compacts `expanded` with the document's own contexts and compares it with the document. The
 * compaction goes through a memo of document shapes (./compact-form-memo.ts) unless `memo` is false.
 */
export async function judgeCompactForm(
  doc: Record<string, unknown>,
  expanded: unknown[],
  documentLoader: DocumentLoader,
  { memo = true }: { memo?: boolean } = {},
): Promise<FormVerdict> {
  const compact = (input: unknown[]): Promise<unknown> =>
    jsonld.compact(
      input,
      { '@context': doc['@context'] },
      { documentLoader, skipExpansion: true, base: null, compactToRelative: false },
    );
  let compacted: unknown;
  try {
    compacted = memo
      ? await compactWithMemo(expanded, doc['@context'], documentLoader, compact)
      : await compact(expanded);
  } catch (e) {
    return notCompact('$', `JSON-LD compaction failed: ${(e as Error).message}`);
  }
  // a proof's copy of the document's contexts defines nothing new (checked in expandForForm); compaction does not write it
  const bare = withoutProofContexts(doc);
  if ('problem' in bare) return notCompact(bare.problem.path, bare.problem.reason);
  const difference = compactFormDifference(bare.doc, compacted);
  return difference ? notCompact(difference.path, difference.reason) : FORM_VALID;
}

export async function checkCompactForm(
  doc: Record<string, unknown>,
  documentLoader: DocumentLoader,
  known: (url: string) => boolean,
): Promise<FormVerdict> {
  const expansion = await expandForForm(doc, documentLoader, known);
  return expansion.ok ? judgeCompactForm(doc, expansion.expanded, documentLoader) : expansion.verdict;
}
