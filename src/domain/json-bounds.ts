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
 */
export const MAX_JSON_DEPTH = 64;
/** JSON decoded from inside a request (a JWT payload, a QR payload, a form field, a CSV cell): characters */
export const MAX_EMBEDDED_JSON_LENGTH = 256 * 1024;

export interface JsonLimits { maxDepth: number; maxLength: number }
export type JsonBoundsCode = 'too-deep' | 'too-large';
export interface JsonBoundsProblem { code: JsonBoundsCode; message: string; limit: number }

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * Whether `text` (JSON, or what claims to be) stays within the limits: its length, and the
 * nesting of arrays and objects outside strings. A linear scan that jumps over strings with
 * indexOf; it does not validate the JSON (JSON.parse does that after). Pure.
 */
export function jsonBoundsProblem(text: string, limits: Partial<JsonLimits> = {}): JsonBoundsProblem | undefined {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const maxLength = limits.maxLength ?? MAX_EMBEDDED_JSON_LENGTH;
  if (text.length > maxLength) return { code: 'too-large', message: `The JSON is ${text.length} characters long; at most ${maxLength} are read.`, limit: maxLength };
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
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth) return { code: 'too-deep', message: `The JSON nests arrays and objects more than ${maxDepth} levels deep.`, limit: maxDepth };
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return undefined;
}

/** JSON.parse within the limits: a SkillPassError `too-deep` or `too-large` beyond them, JSON.parse's SyntaxError for bad JSON. */
export function parseBoundedJson(text: string, limits: Partial<JsonLimits> = {}): unknown {
  const problem = jsonBoundsProblem(text, limits);
  if (problem) throw new SkillPassError(problem.code, problem.message, { limit: problem.limit });
  return JSON.parse(text);
}

/** The bounds problem an error reports, if it is one (for callers that turn it into a verification check). */
export const jsonBoundsOf = (err: unknown): { code: JsonBoundsCode; message: string } | undefined =>
  err instanceof SkillPassError && (err.code === 'too-deep' || err.code === 'too-large') ? { code: err.code, message: err.message } : undefined;
