/**
 * jsonld.js caches a processed context per (context, active context) pair, keyed by the
 * active context object. But a type-scoped context (Open Badges' `AchievementSubject`,
 * `Achievement`, `Result`...) is processed with propagate: false, and jsonld.js starts that
 * by cloning the active context into a new object (jsonld/lib/context.js, api.process:
 * "clone `rval` context before updating"), so its cache never hits again: every node of
 * every credential re-defines the scoped terms from scratch. That was about two thirds of
 * a Data Integrity verification (bench/, and the profile in the README's speed section).
 *
 * This wraps api.process with a memo keyed the same way jsonld.js keys its own cache (the
 * active context object, the local context, the flags, the document loader), so the same
 * inputs give back the same, already processed context object. That is what jsonld.js
 * already returns on its own cache hits; active contexts are never mutated once returned
 * (it clones before every update). Only results whose processing raised no event (a
 * warning that safe mode may turn into an error) are kept, so a hit never skips one.
 *
 * expand.js takes `process` by destructuring when it is first loaded, so this must run
 * before jsonld itself is loaded: ./jsonld.ts does both, in that order.
 * Correctness: test/adapters/jsonld-fast-contexts.test.ts (identical canonical N-Quads).
 */
type ActiveContext = object;
type DocumentLoader = (...args: never[]) => unknown;
interface ProcessArgs {
  activeCtx: ActiveContext;
  localCtx: unknown;
  options: {
    documentLoader?: DocumentLoader;
    processingMode?: string;
    base?: unknown;
    eventHandler?: unknown;
  };
  propagate?: boolean;
  overrideProtected?: boolean;
  cycles?: Set<unknown>;
}
type Process = (args: ProcessArgs) => Promise<ActiveContext>;
type EventHandler = (e: { event: unknown; next: () => void }) => void;

/** Per active context: results for context URLs (and lists of them) and for context objects. */
interface Memo {
  byUrl: Map<string, ActiveContext>;
  byObject: WeakMap<object, Map<string, ActiveContext>>;
}

/** Context URLs this hub knows are few; a bound keeps odd inputs from growing the memo. */
const MAX_URL_KEYS_PER_CONTEXT = 256;

export interface ContextMemoStats {
  hits: number;
  misses: number;
}

export function installContextMemo(contextApi: { process: Process }): ContextMemoStats {
  const original = contextApi.process;
  const stats: ContextMemoStats = { hits: 0, misses: 0 };
  const memos = new WeakMap<DocumentLoader, WeakMap<ActiveContext, Memo>>();

  contextApi.process = async function processWithMemo(args: ProcessArgs): Promise<ActiveContext> {
    const { activeCtx, localCtx, options, propagate = true, overrideProtected = false, cycles } = args;
    const loader = options.documentLoader;
    // nested processing inside a term definition (cycle detection under way) is left alone
    if (!loader || (cycles && cycles.size > 0)) return original(args);
    const flags = `${propagate}|${overrideProtected}|${String(options.processingMode)}|${String(options.base)}`;
    let urlKey: string | undefined;
    if (typeof localCtx === 'string') urlKey = JSON.stringify([localCtx, flags]);
    else if (Array.isArray(localCtx) && localCtx.every((c) => typeof c === 'string'))
      urlKey = JSON.stringify([localCtx, flags, 'list']);
    else if (localCtx === null || typeof localCtx !== 'object') return original(args);

    let perLoader = memos.get(loader);
    if (!perLoader) memos.set(loader, (perLoader = new WeakMap()));
    let memo = perLoader.get(activeCtx);
    if (!memo) perLoader.set(activeCtx, (memo = { byUrl: new Map(), byObject: new WeakMap() }));
    const cached =
      urlKey !== undefined ? memo.byUrl.get(urlKey) : memo.byObject.get(localCtx as object)?.get(flags);
    if (cached) {
      stats.hits++;
      return cached;
    }
    stats.misses++;
    let sawEvent = false;
    const capture: EventHandler = ({ next }) => {
      sawEvent = true;
      next();
    };
    const eventHandler = [capture, ...(options.eventHandler ? [options.eventHandler] : [])];
    const result = await original({ ...args, options: { ...options, eventHandler } });
    if (!sawEvent) {
      if (urlKey !== undefined) {
        if (memo.byUrl.size < MAX_URL_KEYS_PER_CONTEXT) memo.byUrl.set(urlKey, result);
      } else {
        let byFlags = memo.byObject.get(localCtx as object);
        if (!byFlags) memo.byObject.set(localCtx as object, (byFlags = new Map()));
        byFlags.set(flags, result);
      }
    }
    return result;
  };
  return stats;
}
