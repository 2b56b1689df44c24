// Reads exactly one file field from a multipart/form-data request (what Taro.uploadFile sends),
// streaming with a byte limit so an oversized upload is cut off rather than buffered.
import Busboy from 'busboy';
import { AppError, validationError } from '../errors';
import type { AppContext } from './context';

export interface UploadedFile {
  field: string;
  bytes: Buffer;
  filename: string;
  fields: Record<string, string>;
}

export async function readSingleFile(ctx: AppContext, fieldName: string, limitBytes: number): Promise<UploadedFile> {
  if (!ctx.is('multipart/form-data')) {
    throw validationError([{ path: fieldName, message: 'Expected a multipart/form-data upload', code: 'invalid_type' }]);
  }
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({ headers: ctx.req.headers, limits: { files: 1, fileSize: limitBytes, fields: 20, fieldSize: 4096 } });
    } catch {
      reject(validationError([{ path: fieldName, message: 'Malformed multipart body', code: 'invalid_type' }]));
      return;
    }
    const fields: Record<string, string> = {};
    let file: UploadedFile | null = null;
    let failure: Error | null = null;
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== fieldName || file) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failure = new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(limitBytes / 1024 / 1024)} MB`, { field: fieldName });
      });
      stream.on('end', () => {
        file = { field: name, bytes: Buffer.concat(chunks), filename: info.filename ?? '', fields };
      });
    });
    bb.on('error', () => reject(validationError([{ path: fieldName, message: 'Malformed multipart body', code: 'invalid_type' }])));
    bb.on('close', () => {
      if (failure) return reject(failure);
      if (!file || file.bytes.length === 0) {
        return reject(validationError([{ path: fieldName, message: 'A file is required', code: 'invalid_type' }]));
      }
      resolve(file);
    });
    ctx.req.pipe(bb);
  });
}
