import { describe, expect, it } from 'vitest';
import { postgresProjectRuns } from '../../scripts/postgres-cluster.js';

/**
 * README "Two commands": without PostgreSQL binaries `npm test` leaves the postgres project out
 * (with a notice), except where PostgreSQL is required (CI) or a cluster is given.
 */
describe('the postgres test project', () => {
  const bin = '/usr/lib/postgresql/15/bin';
  it('runs where PostgreSQL is installed or a cluster is given', () => {
    expect(postgresProjectRuns({}, bin)).toBe(true);
    expect(postgresProjectRuns({ SKILLPASS_TEST_PG_URL: 'postgres://localhost/x' }, undefined)).toBe(true);
  });
  it('runs (and then fails on the missing binaries) where it is required: CI, SKILLPASS_REQUIRE_POSTGRES', () => {
    expect(postgresProjectRuns({ CI: 'true' }, undefined)).toBe(true);
    expect(postgresProjectRuns({ SKILLPASS_REQUIRE_POSTGRES: '1' }, undefined)).toBe(true);
  });
  it('is left out anywhere else, instead of failing every test for want of a cluster', () => {
    expect(postgresProjectRuns({}, undefined)).toBe(false);
  });
});
