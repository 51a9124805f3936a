import type { StatusBit, StatusListRepository } from '../../services/ports.js';
import { STATUS_PURPOSES, statusListId, type StatusPair } from '../../domain/status-list-credential.js';
import { toStatusList, type Row } from './row-mappers.js';
import type { SqlExec } from './shared-repositories.js';

/**
 * Status lists and their index allocations, written once for both engines. What differs per
 * engine is handed in: reading one byte of a list's BLOB (substr / get_byte) and setting one bit
 * without losing a concurrent update (a synchronous read-modify-write on SQLite, set_bit on PostgreSQL).
 */
export type EngineStatusBits = Pick<StatusListRepository, 'bits' | 'setBit'>;

export const STATUS_LIST_BY_ID = 'SELECT * FROM status_lists WHERE id = ?';
/** An index handed out: the list pair's count on its revocation row (migration 005), in the same unit of work. */
const COUNT_ALLOCATION =
  "UPDATE status_lists SET allocated = allocated + 1 WHERE spoke = ? AND list_number = ? AND purpose = 'revocation'";

/** A list number's two lists, by purpose; undefined unless both are there. */
export function toStatusPair(rows: readonly Row[]): StatusPair | undefined {
  const ids = Object.fromEntries(rows.map((r) => [String(r.purpose), String(r.id)]));
  return rows.length === 2 && ids.revocation && ids.suspension
    ? { revocation: ids.revocation, suspension: ids.suspension }
    : undefined;
}
/** The byte (0-based) of a list's bitstring that holds index `index`. */
export const byteOf = (index: number): number => Math.floor(index / 8);
/** An entry's bit from the byte that holds it (index 0 the most significant bit), with the list facts the status check compares (an index past the list reads clear: the caller checks `size`). */
export function statusBit(r: Row, byte: number, index: number): StatusBit {
  return {
    set: index < Number(r.size) && (byte & (0x80 >> (index % 8))) !== 0,
    purpose: String(r.purpose),
    spoke: String(r.spoke),
    issuer: String(r.issuer),
    version: Number(r.version),
    size: Number(r.size),
  };
}

/** Status bits are read this many per query at most: one statement text per count, so a credential with many entries cannot grow the statement cache. */
export const BITS_PER_QUERY = 4;

/** Reads `lookups` in chunks of BITS_PER_QUERY with `read`, which answers rows tagged with their position `n` in its chunk. */
export async function bitsInChunks<R extends { n: number }, B>(
  lookups: readonly { id: string; index: number }[],
  read: (chunk: readonly { id: string; index: number }[]) => Promise<R[]>,
  toBit: (row: R, index: number) => B,
): Promise<(B | undefined)[]> {
  const out: (B | undefined)[] = new Array<B | undefined>(lookups.length).fill(undefined);
  for (let start = 0; start < lookups.length; start += BITS_PER_QUERY) {
    const chunk = lookups.slice(start, start + BITS_PER_QUERY);
    for (const row of await read(chunk)) out[start + row.n] = toBit(row, chunk[row.n]!.index);
  }
  return out;
}

export function statusListRepository(ex: SqlExec, engine: EngineStatusBits): StatusListRepository {
  const one = async (sql: string, params: unknown[] = []) => (await ex.all(sql, params))[0];
  return {
    get: async (id) => {
      const r = await one(STATUS_LIST_BY_ID, [id]);
      return r ? toStatusList(r) : undefined;
    },
    bits: engine.bits,
    listIds: async (spoke, n) =>
      toStatusPair(
        await ex.all('SELECT id, purpose FROM status_lists WHERE spoke = ? AND list_number = ?', [spoke, n]),
      ),
    openList: async (spoke) => {
      const r = await one(
        `SELECT list_number AS n, size, allocated FROM status_lists WHERE spoke = ? AND purpose = 'revocation' ORDER BY list_number DESC LIMIT 1`,
        [spoke],
      );
      return r
        ? { listNumber: Number(r.n), allocated: Number(r.allocated), size: Number(r.size) }
        : undefined;
    },
    createLists: async (spoke, n, size, now) => {
      for (const purpose of STATUS_PURPOSES) {
        // two replicas may open the same new list at once: the second insert is a no-op
        await ex.run(
          'INSERT INTO status_lists (id, spoke, list_number, purpose, size, bits, version, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT DO NOTHING',
          [statusListId(spoke, n, purpose), spoke, n, purpose, size, Buffer.alloc(size / 8), now],
        );
      }
    },
    tryAllocate: async (a) => {
      if (
        (await ex.run(
          'INSERT INTO status_allocations (spoke, list_number, idx, certificate_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
          [a.spoke, a.listNumber, a.index, a.certificateId],
        )) !== 1
      )
        return false;
      await ex.run(COUNT_ALLOCATION, [a.spoke, a.listNumber]);
      return true;
    },
    allocationFor: async (id) => {
      const r = await one('SELECT * FROM status_allocations WHERE certificate_id = ?', [id]);
      return r
        ? {
            spoke: String(r.spoke),
            listNumber: Number(r.list_number),
            index: Number(r.idx),
            certificateId: String(r.certificate_id),
          }
        : undefined;
    },
    release: async (id) => {
      await ex.run(
        `UPDATE status_lists SET allocated = allocated - 1 WHERE purpose = 'revocation'
        AND EXISTS (SELECT 1 FROM status_allocations a WHERE a.certificate_id = ? AND a.spoke = status_lists.spoke AND a.list_number = status_lists.list_number)`,
        [id],
      );
      await ex.run('DELETE FROM status_allocations WHERE certificate_id = ?', [id]);
    },
    setBit: engine.setBit,
    saveSigned: async (id, version, credential) => {
      await ex.run(
        'UPDATE status_lists SET signed_version = ?, signed_credential = ? WHERE id = ? AND version = ?',
        [version, credential, id, version],
      );
    },
  };
}
