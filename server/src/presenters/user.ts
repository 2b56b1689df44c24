// A user document → the API's User shape. The one place that decides what of a user leaves the server.
import type { UserView } from '../../../contract/users';
import type { UserDoc } from '../models/user';
import { fileUrl } from '../../../contract/paths';

export function presentUser(user: UserDoc): UserView {
  return {
    id: user.id as string,
    nickname: user.nickname,
    avatarUrl: user.avatarFileId ? fileUrl(user.avatarFileId) : null,
    roles: user.roles,
    createdAt: user.createdAt.toISOString(),
  };
}
