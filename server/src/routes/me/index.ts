// The logged-in person: read, rename, new avatar.
import { UpdateMeRequest, UserView } from '../../../../contract/users';
import { paths } from '../../../../contract/paths';
import { defineRoute, singleFileUpload, type AnyRoute } from '../../http/route';
import { readSingleFile } from '../../http/multipart';
import { presentUser } from '../../presenters/user';
import { updateProfile, setAvatar } from '../../domain/users';
import type { Services } from '../../services';

export const meRoutes = (services: Services): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: paths.me,
    summary: 'The logged-in user',
    tags: ['me'],
    access: 'user',
    response: UserView,
    handler: async ({ user }) => presentUser(user),
  }),
  defineRoute({
    method: 'patch',
    path: paths.me,
    summary: 'Change nickname',
    tags: ['me'],
    access: 'user',
    body: UpdateMeRequest,
    response: UserView,
    handler: async ({ user, body }) => presentUser(await updateProfile(services, user, body)),
  }),
  defineRoute({
    method: 'post',
    path: paths.meAvatar,
    rateLimit: { name: 'avatar', perMinute: 10 },
    summary: 'Upload a new avatar (multipart field `file`: JPEG, PNG or WebP)',
    tags: ['me'],
    access: 'user',
    response: UserView,
    requestContent: singleFileUpload(),
    handler: async ({ user, ctx }) => {
      const upload = await readSingleFile(ctx, 'file', services.config.uploadLimitBytes);
      return presentUser(await setAvatar(services, user, upload.bytes));
    },
  }),
];
