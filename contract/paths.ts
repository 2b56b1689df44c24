// URL paths of the API, shared so neither side spells one by hand.
export const API_PREFIX = '/api/v1';

export const paths = {
  login: '/auth/login',
  logout: '/auth/logout',
  me: '/me',
  meAvatar: '/me/avatar',
  clientConfig: '/client-config',
  file: '/files/:id',
  openapi: '/openapi.json',
} as const;

/** The URL (same origin as the API) of a stored file, e.g. an avatar. */
export const fileUrl = (id: string) => API_PREFIX + paths.file.replace(':id', id);

/** Where the WeChat simulator is mounted when the server hosts it. */
export const SIMULATOR_PREFIX = '/wechat-sim';
export const SIMULATOR_LOGIN_CODE_PATH = `${SIMULATOR_PREFIX}/dev/login-code`;
