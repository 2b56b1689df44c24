// The one logger. Redacts anything that could carry a secret, a token or a full phone number.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          '*.secret',
          '*.session_key',
          '*.sessionKey',
          '*.token',
          '*.access_token',
          '*.phone',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
