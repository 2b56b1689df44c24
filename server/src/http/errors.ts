// The one place where any thrown error becomes the API's error body. No stack traces leave.
import { ZodError } from 'zod';
import { AppError } from '../errors';
import { zodIssues } from './validate';
import type { AppMiddleware } from './context';
import type { ErrorCode } from '../../../contract/errors';

interface HttpishError extends Error {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
}

function classify(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    return new AppError('VALIDATION_FAILED', 'Invalid request', { fields: zodIssues(err) });
  }
  const e = err as HttpishError;
  const status = e?.status ?? e?.statusCode;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large');
  if (status === 404) return new AppError('NOT_FOUND', 'Not found');
  if (status === 405) return new AppError('METHOD_NOT_ALLOWED', 'This method is not allowed here');
  if (status === 401) return new AppError('UNAUTHENTICATED', 'Please log in');
  if (status === 403) return new AppError('FORBIDDEN', 'Forbidden');
  if (status && status >= 400 && status < 500) {
    const code: ErrorCode = 'VALIDATION_FAILED';
    return new AppError(code, e.expose ? e.message : 'Bad request');
  }
  if (e?.name === 'MongoServerSelectionError' || e?.name === 'MongoNetworkError' || e?.name === 'MongoNotConnectedError') {
    return new AppError('DATABASE_UNAVAILABLE', 'The database is unavailable, please retry shortly');
  }
  return new AppError('INTERNAL', 'Something went wrong on our side');
}

export function errorHandler(): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined || ctx.body === null) {
        if (ctx.status === 404) throw new AppError('NOT_FOUND', `No route for ${ctx.method} ${ctx.path}`);
        // The router's answer for a known path: the Allow header it set stays on the response.
        if (ctx.status === 405 || ctx.status === 501) throw new AppError('METHOD_NOT_ALLOWED', `${ctx.method} is not allowed here`);
      }
    } catch (err) {
      const appErr = classify(err);
      const log = ctx.state.log;
      if (appErr.status >= 500) log?.error({ err }, 'request failed');
      else log?.debug({ code: appErr.code }, appErr.message);
      ctx.status = appErr.status;
      if (appErr.code === 'UNAUTHENTICATED' || appErr.code === 'SESSION_EXPIRED') {
        ctx.set('WWW-Authenticate', 'Bearer');
      }
      ctx.body = {
        error: {
          code: appErr.code,
          message: appErr.message,
          requestId: ctx.state.requestId,
          ...(appErr.details === undefined ? {} : { details: appErr.details }),
        },
      };
    }
  };
}
