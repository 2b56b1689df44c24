// A user document → the API's User shape. The one place that decides what of a user leaves the server.
import type { UserView } from '../../../contract/users';
import type { UserDoc } from '../models/user';
import { API_PREFIX } from '../../../contract/paths';

export const avatarUrl = (fileId: string) => `${API_PREFIX}/files/${fileId}`;

export function presentUser(user: UserDoc): UserView {
  return {
    id: user.id as string,
    nickname: user.nickname,
    avatarUrl: user.avatarFileId ? avatarUrl(user.avatarFileId) : null,
    roles: user.roles,
    createdAt: user.createdAt.toISOString(),
  };
}
