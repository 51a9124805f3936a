import { toMillis } from '../dates.js';

/** An instant `seconds` later, in whole seconds (`2026-11-20T10:00:00Z`): wallet instants compare as text on both engines. */
export const addSeconds = (instant: string, seconds: number): string =>
  new Date(toMillis(instant) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const epochSeconds = (instant: string): number => Math.floor(toMillis(instant) / 1000);
