// JSON body parsing with a size limit. Other content types are left for the routes that want
// them (uploads stream multipart themselves).
import { AppError } from '../errors';
import type { AppMiddleware } from './context';

export function jsonBody(limitBytes: number): AppMiddleware {
  return async (ctx, next) => {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) || !ctx.is('application/json', '+json')) {
      return next();
    }
    const declared = Number(ctx.get('content-length') || 0);
    if (declared > limitBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Request body is over ${limitBytes} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req) {
      size += (chunk as Buffer).length;
      if (size > limitBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Request body is over ${limitBytes} bytes`);
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    let parsed: unknown = {};
    if (text.trim()) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new AppError('BAD_JSON', 'Request body is not valid JSON');
      }
    }
    (ctx.request as { body?: unknown }).body = parsed;
    await next();
  };
}
