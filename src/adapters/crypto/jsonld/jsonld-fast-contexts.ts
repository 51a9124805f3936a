/**
 * jsonld.js deep-clones the whole active context (every term definition of the VC 2.0
 * and Open Badges contexts, recursively with its previous contexts) each time it enters a
 * node and each time it reverts a type-scoped context: for a credential that is most of
 * the time spent verifying a Data Integrity proof (see bench/). Term definitions are never
 * mutated once created and a context is always cloned before it is updated
 * (jsonld/lib/context.js: "clone context before updating it"), so a copy of the maps that
 * shares the definitions and the previous context gives the same results, far cheaper.
 *
 * Installed on jsonld's cached initial contexts, whose clones inherit it. Correctness is
 * checked by test/adapters/jsonld-fast-contexts.test.ts (identical canonical N-Quads with
 * and without it) and every proof test; SKILLPASS_JSONLD_STOCK=1 turns it off (./jsonld.ts).
 */

interface ActiveContext {
  mappings: Map<string, unknown>;
  protected: Record<string, unknown>;
  previousContext?: ActiveContext;
  inverse: unknown;
  clone(this: ActiveContext): ActiveContext;
  revertToPreviousContext(this: ActiveContext): ActiveContext;
  getInverse: unknown;
  '@base'?: unknown;
  '@language'?: unknown;
  '@vocab'?: unknown;
}

function sharedClone(this: ActiveContext): ActiveContext {
  const child: ActiveContext = {
    mappings: new Map(this.mappings),
    protected: { ...this.protected },
    inverse: null,
    clone: this.clone,
    revertToPreviousContext: this.revertToPreviousContext,
    getInverse: this.getInverse,
  };
  if (this.previousContext) child.previousContext = this.previousContext;
  if ('@base' in this) child['@base'] = this['@base'];
  if ('@language' in this) child['@language'] = this['@language'];
  if ('@vocab' in this) child['@vocab'] = this['@vocab'];
  return child;
}

function sharedRevert(this: ActiveContext): ActiveContext {
  return this.previousContext ?? this;
}

export interface JsonldWithContexts {
  processContext(a: unknown, l: unknown, o: Record<string, unknown>): Promise<unknown>;
}

export async function installFastContexts(jsonld: JsonldWithContexts): Promise<void> {
  for (const processingMode of [undefined, 'json-ld-1.1', 'json-ld-1.0']) {
    const initial = (await jsonld.processContext(
      null,
      null,
      processingMode ? { processingMode } : {},
    )) as ActiveContext;
    initial.clone = sharedClone;
    initial.revertToPreviousContext = sharedRevert;
  }
}
