import yazl from 'yazl';
import type { Readable } from 'node:stream';
import type { ZipWriter } from '../../services/format-ports.js';

/** A streamed ZIP archive (yazl): entries are added in order and the bytes flow as they are made. */
export type { ZipWriter };

export function createZip(mtime = new Date()): ZipWriter {
  const zip = new yazl.ZipFile();
  return {
    // PNG and PDF are compressed already: store them
    add: (name, data, compress = true) =>
      zip.addBuffer(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, name, { mtime, compress }),
    end: () => zip.end(),
    stream: zip.outputStream as unknown as Readable,
  };
}
