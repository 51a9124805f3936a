import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

/**
 * The official 1EdTech Open Badges 3.0 AchievementCredential JSON Schema (draft 2019-09), kept
 * verbatim in test/fixtures/ob3/ (README there: source, commit, licence). The stored versions of
 * the 1EdTech repository that could be reached are the VC 1.1 form (issuanceDate,
 * expirationDate); the VC 2.0 form of the same schema names those two `validFrom` and
 * `validUntil`, and nothing else differs for the fields SkillPass writes. `vc2` applies exactly
 * that rename, in the credential and in EndorsementCredential, and nothing more.
 */
type Schema = Record<string, any>;
export const OB3_SCHEMA_VC11: Schema = JSON.parse(
  readFileSync(new URL('../fixtures/ob3/achievementcredential.json', import.meta.url), 'utf8'),
) as Schema;

const RENAMED: Record<string, string> = { issuanceDate: 'validFrom', expirationDate: 'validUntil' };

function renameDates(def: Schema): Schema {
  const properties = Object.fromEntries(
    Object.entries(def.properties as Schema).map(([k, v]) => [RENAMED[k] ?? k, v]),
  );
  return { ...def, properties, required: (def.required as string[]).map((k) => RENAMED[k] ?? k) };
}

export function vc2(schema: Schema): Schema {
  const copy = structuredClone(schema);
  return {
    ...renameDates(copy),
    $defs: { ...copy.$defs, EndorsementCredential: renameDates(copy.$defs.EndorsementCredential) },
  };
}

export const OB3_SCHEMA = vc2(OB3_SCHEMA_VC11);

export function ob3Validator(schema: Schema = OB3_SCHEMA): (doc: unknown) => string[] {
  const ajv = new Ajv2019.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  return (doc) =>
    validate(doc)
      ? []
      : (validate.errors ?? []).map(
          (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );
}
