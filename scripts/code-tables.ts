/**
 * Prints the README's code tables from the typed catalogues (`npm run gen:codes`), so the README
 * lists exactly the codes the service gives; test/domain/check-codes.test.ts compares them.
 */
import { CHECK_CODES } from '../src/domain/check-codes.js';
import { ERROR_CATALOGUE } from '../src/domain/errors.js';
import { PROBLEM_STATUS } from '../src/http/plugins/problem-status.js';

export function checkCodeTable(): string {
  return [
    '| check | code | meaning |',
    '| --- | --- | --- |',
    ...Object.entries(CHECK_CODES).map(
      ([code, { check, meaning }]) => `| ${check} | \`${code}\` | ${meaning.replace(/\|/g, '\\|')} |`,
    ),
  ].join('\n');
}

export function errorCodeTable(): string {
  return [
    '| status | code | title |',
    '| ---: | --- | --- |',
    ...Object.entries(ERROR_CATALOGUE).map(
      ([code, { title }]) =>
        `| ${PROBLEM_STATUS[code as keyof typeof PROBLEM_STATUS]} | \`${code}\` | ${title.replace(/\|/g, '\\|')} |`,
    ),
  ].join('\n');
}

if (process.argv[1]?.endsWith('code-tables.ts')) console.log(`${checkCodeTable()}\n\n${errorCodeTable()}`);
