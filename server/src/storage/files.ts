// Content-addressed file storage. GridFS by default, so one database holds everything and any
// number of server instances serve the same files; FileStore is the seam for object storage later.
import { createHash } from 'node:crypto';
import { GridFSBucket, type Db } from 'mongodb';
import type { Readable } from 'node:stream';

export interface StoredFile {
  id: string;
  contentType: string;
  length: number;
}

export interface FileStore {
  /** Stores bytes under their SHA-256; storing the same bytes twice keeps one copy. */
  put(bytes: Buffer, contentType: string): Promise<StoredFile>;
  stat(id: string): Promise<StoredFile | null>;
  open(id: string): Readable;
  /** The whole file in memory, or null when there is none: one look-up, not stat() then open(). */
  read(id: string): Promise<Buffer | null>;
}

export const FILE_ID = /^[a-f0-9]{64}$/;

export class GridFsFileStore implements FileStore {
  private readonly bucket: GridFSBucket;
  constructor(db: Db, bucketName = 'files') {
    this.bucket = new GridFSBucket(db, { bucketName });
  }

  async put(bytes: Buffer, contentType: string): Promise<StoredFile> {
    const id = createHash('sha256').update(bytes).digest('hex');
    const existing = await this.stat(id);
    if (existing) return existing;
    await new Promise<void>((resolve, reject) => {
      const up = this.bucket.openUploadStream(id, { metadata: { contentType } });
      up.once('error', reject).once('finish', () => resolve());
      up.end(bytes);
    });
    return { id, contentType, length: bytes.length };
  }

  async stat(id: string): Promise<StoredFile | null> {
    if (!FILE_ID.test(id)) return null;
    const [f] = await this.bucket.find({ filename: id }).limit(1).toArray();
    return f ? { id, contentType: (f.metadata?.contentType as string) ?? 'application/octet-stream', length: f.length } : null;
  }

  open(id: string): Readable {
    return this.bucket.openDownloadStreamByName(id);
  }

  async read(id: string): Promise<Buffer | null> {
    if (!FILE_ID.test(id)) return null;
    const [f] = await this.bucket.find({ filename: id }).limit(1).toArray();
    if (!f) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of this.bucket.openDownloadStream(f._id)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}
