// The app's one API client, set up for the platform this build targets.
import { createClient } from './client';
import { apiBase, weChatLoginCode } from './platform';

export const client = createClient({ baseUrl: apiBase(), weChatLoginCode });

export { ApiError } from './http';
export type { Account, Client } from './client';
