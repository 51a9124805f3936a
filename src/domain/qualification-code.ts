/**
 * How a qualification is named, in a request or in a credential, and how that name is matched
 * to the registry. Pure. One normalisation for every way in (POST /certificates, cohort rows,
 * POST /credentials/issue), so a spelling the registry would match can never slip past the
 * accreditation rule because one path matched it and another did not.
 */

/** The registry's code syntax (schemas/QualificationRequest.json `code`). */
export const QUALIFICATION_CODE = /^[A-Z0-9][A-Z0-9-]{1,63}$/;

/**
 * A code as people (or spreadsheets) write it, in the registry's form: compatibility-normalised
 * (full-width letters, look-alike compatibility characters), trimmed, upper case. "th-brick-1"
 * and " TH-BRICK-1 " are TH-BRICK-1.
 */
export const normaliseQualificationCode = (text: string): string =>
  text.normalize('NFKC').trim().toUpperCase();

/** Does this text, normalised, have the shape of a registry code (whether or not the registry holds it)? */
export const looksLikeQualificationCode = (text: string): boolean =>
  QUALIFICATION_CODE.test(normaliseQualificationCode(text));

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
/** the string values of a JSON-LD property: a string, a value object {"@value": ...}, or an array of them */
const strings = (v: unknown): string[] =>
  asArray(v).flatMap((x) =>
    typeof x === 'string' ? [x] : isObject(x) && typeof x['@value'] === 'string' ? [x['@value']] : [],
  );

/** The code in one of this hub's qualification URLs (`<publicUrl>/registry/qualifications/<code>`), if it is one. */
export function codeInQualificationUrl(url: string, publicUrl: string): string | undefined {
  const prefix = `${publicUrl}/registry/qualifications/`;
  // scheme and host are case-insensitive; a query, fragment or trailing slash does not change what is named
  if (url.length <= prefix.length || url.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase())
    return undefined;
  const rest = url
    .slice(prefix.length)
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  try {
    return normaliseQualificationCode(decodeURIComponent(rest));
  } catch {
    return normaliseQualificationCode(rest);
  }
}

/**
 * Every registry qualification an Open Badges credential names in a way the registry could
 * match, normalised and without repeats: for each achievement of each credential subject, its
 * `humanCode` when it has the shape of a registry code (in any case), and the code in its `id`
 * when that is this hub's qualification URL (under any of its public URLs). A humanCode of another shape ("Bricklaying (in
 * house)") names none: a centre may sign its own achievements, which verification then reports
 * as not in the registry.
 */
export function qualificationsNamed(
  credential: Record<string, unknown>,
  publicUrls: string | readonly string[],
): string[] {
  // a hub that moved still names its qualifications under every public URL it had (README "Moving a hub")
  const urls = typeof publicUrls === 'string' ? [publicUrls] : publicUrls;
  const named = new Set<string>();
  for (const subject of asArray(credential.credentialSubject).filter(isObject)) {
    for (const achievement of asArray(subject.achievement).filter(isObject)) {
      for (const code of strings(achievement.humanCode))
        if (looksLikeQualificationCode(code)) named.add(normaliseQualificationCode(code));
      for (const id of [...strings(achievement.id), ...strings(achievement['@id'])]) {
        for (const publicUrl of urls) {
          const code = codeInQualificationUrl(id, publicUrl);
          if (code !== undefined) named.add(code);
        }
      }
    }
  }
  return [...named];
}
