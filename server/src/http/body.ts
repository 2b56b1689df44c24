// JSON body parsing with a size limit. Other content types are left for the routes that want
// them (uploads stream multipart themselves).
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors';
import type { AppMiddleware } from './context';

export type JsonBody = { value: unknown; text: string } | { problem: 'too_large' | 'bad_json' };

/** Reads a JSON body of at most `limitBytes`, stopping as soon as it is over; empty reads as {}. */
export async function readJson(req: IncomingMessage, limitBytes: number): Promise<JsonBody> {
  if (Number(req.headers['content-length'] ?? 0) > limitBytes) return { problem: 'too_large' };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) return { problem: 'too_large' };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return { value: {}, text };
  try {
    return { value: JSON.parse(text), text };
  } catch {
    return { problem: 'bad_json' };
  }
}

export function jsonBody(limitBytes: number): AppMiddleware {
  return async (ctx, next) => {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) || !ctx.is('application/json', '+json')) {
      return next();
    }
    const body = await readJson(ctx.req, limitBytes);
    if ('problem' in body) {
      throw body.problem === 'too_large'
        ? new AppError('PAYLOAD_TOO_LARGE', `Request body is over ${limitBytes} bytes`)
        : new AppError('BAD_JSON', 'Request body is not valid JSON');
    }
    (ctx.request as { body?: unknown }).body = body.value;
    // The exact text, for what is verified by signature over it (WeChat Pay's notifications).
    (ctx.request as { rawBody?: string }).rawBody = body.text;
    await next();
  };
}
