import { SkillPassError } from './errors.js';

/**
 * Bounds on JSON text from outside, checked on the text BEFORE it is parsed and long before
 * anything recursive (JSON-LD expansion and canonicalisation, structured cloning to the proof
 * workers, schema validation) walks it: a 5,000-deep array is a few kilobytes and overflowed
 * the stack of those walks (a 500). One check for every way JSON reaches the hub: request
 * bodies (src/http/plugins/json-body.ts), a JWT's payload, an `SKP1:` QR payload, a credential
 * pasted into a page's form or a CSV cell, a file given to the CLI.
 *
 * A real credential nests fewer than 12 levels (a presentation or a bulk check adds 3 or 4);
 * 64 leaves room for every legitimate document and none for a stack overflow.
 *
 * The same scan refuses a key named after a member of Object.prototype (`toString`,
 * `valueOf`, `__proto__`, `constructor`...): parsed, `{"toString": 1}` is an object that
 * String(), Number() and template literals cannot convert (a TypeError, a 500, wherever a
 * message quoted a field), and `__proto__` is the classic prototype-pollution key. No
 * document this hub reads uses such a key (fastify's own parser already refused `__proto__`).
 * It refuses a NUL character (`\u0000`) in a string too: PostgreSQL cannot hold one in text
 * (a lookup or write with it failed there), and no name, id or credential field needs it; a
 * CSV file with a NUL byte is refused the same way (src/adapters/csv/csv-input.ts).
 */
export const MAX_JSON_DEPTH = 64;
/** JSON decoded from inside a request (a JWT payload, a QR payload, a form field, a CSV cell): characters */
export const MAX_EMBEDDED_JSON_LENGTH = 256 * 1024;

export interface JsonLimits {
  maxDepth: number;
  maxLength: number;
}
export type JsonBoundsCode = 'too-deep' | 'too-large' | 'forbidden-key' | 'nul-character';
export interface JsonBoundsProblem {
  code: JsonBoundsCode;
  message: string;
  limit?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;

/** Object.prototype's own members (test/domain/json-bounds.test.ts holds the list to the runtime's) */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);
const SHORTEST_KEY = 7;
const LONGEST_KEY = 20;
/** first characters of the forbidden keys, and a backslash (an escaped key is decoded before it is compared) */
const KEY_STARTS = new Set([...FORBIDDEN_KEYS].map((k) => k.charCodeAt(0)).concat(BACKSLASH));
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Whether the text holds the escape \u0000 (a backslash that is not itself escaped, then u0000). */
function escapedNul(text: string): boolean {
  for (let at = text.indexOf('\\u0000'); at !== -1; at = text.indexOf('\\u0000', at + 1)) {
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return true;
  }
  return false;
}

/** The forbidden key the string text[start..end] (quotes included) is, when it is a key (a colon follows). */
function forbiddenKeyAt(text: string, start: number, end: number): string | undefined {
  const length = end - start - 1;
  if (length < SHORTEST_KEY || length > LONGEST_KEY * 6 || !KEY_STARTS.has(text.charCodeAt(start + 1)))
    return undefined;
  let next = end + 1;
  while (isSpace(text.charCodeAt(next))) next++;
  if (text.charCodeAt(next) !== COLON) return undefined;
  const raw = text.slice(start + 1, end);
  let key = raw;
  if (raw.includes('\\')) {
    try {
      key = JSON.parse(`"${raw}"`) as string;
    } catch {
      return undefined;
    }
  }
  return FORBIDDEN_KEYS.has(key) ? key : undefined;
}

/**
 * Whether `text` (JSON, or what claims to be) stays within the limits: its length, and the
 * nesting of arrays and objects outside strings. A linear scan that jumps over strings with
 * indexOf; it does not validate the JSON (JSON.parse does that after). Pure.
 */
export function jsonBoundsProblem(
  text: string,
  limits: Partial<JsonLimits> = {},
): JsonBoundsProblem | undefined {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const maxLength = limits.maxLength ?? MAX_EMBEDDED_JSON_LENGTH;
  if (text.length > maxLength)
    return {
      code: 'too-large',
      message: `The JSON is ${text.length} characters long; at most ${maxLength} are read.`,
      limit: maxLength,
    };
  if (escapedNul(text))
    return {
      code: 'nul-character',
      message: 'The JSON holds a NUL character (\\u0000) in a string; no document here uses one.',
    };
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // to the closing quote: the next one not escaped by an odd run of backslashes
      let end = text.indexOf('"', i + 1);
      while (end !== -1) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end === -1) return undefined; // an unterminated string: not JSON, JSON.parse says so
      const key = forbiddenKeyAt(text, i, end);
      if (key !== undefined)
        return {
          code: 'forbidden-key',
          message: `The JSON has a key "${key}", the name of a built-in property; no document here uses one.`,
        };
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth)
        return {
          code: 'too-deep',
          message: `The JSON nests arrays and objects more than ${maxDepth} levels deep.`,
          limit: maxDepth,
        };
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return undefined;
}

/** JSON.parse within the limits: a SkillPassError `too-deep`, `too-large`, `forbidden-key` or `nul-character` beyond them, JSON.parse's SyntaxError for bad JSON. */
export function parseBoundedJson(text: string, limits: Partial<JsonLimits> = {}): unknown {
  const problem = jsonBoundsProblem(text, limits);
  if (problem)
    throw new SkillPassError(
      problem.code,
      problem.message,
      problem.limit !== undefined ? { limit: problem.limit } : undefined,
    );
  return JSON.parse(text);
}

/** The bounds problem an error reports, if it is one (for callers that turn it into a verification check). */
export const jsonBoundsOf = (err: unknown): { code: JsonBoundsCode; message: string } | undefined =>
  err instanceof SkillPassError &&
  (err.code === 'too-deep' ||
    err.code === 'too-large' ||
    err.code === 'forbidden-key' ||
    err.code === 'nul-character')
    ? { code: err.code, message: err.message }
    : undefined;
