// POST /photos — upload one photo (what Taro.uploadFile sends); answers its three sized URLs.
import { PhotoView } from '../../../../contract/photos';
import { paths } from '../../../../contract/paths';
import { defineRoute, singleFileUpload, type AnyRoute } from '../../http/route';
import { readSingleFile } from '../../http/multipart';
import { storePhoto } from '../../domain/photos';
import { presentPhoto } from '../../presenters/photo';
import type { Services } from '../../services';

export const photoRoutes = (services: Services): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: paths.photos,
    rateLimit: { name: 'photos', perMinute: 60 },
    summary: 'Upload a photo (multipart field `file`: JPEG, PNG or WebP); stored without metadata in three sizes',
    tags: ['photos'],
    access: 'user',
    status: 201,
    response: PhotoView,
    requestContent: singleFileUpload(),
    handler: async ({ user, ctx }) => {
      const upload = await readSingleFile(ctx, 'file', services.config.uploadLimitBytes);
      return presentPhoto(await storePhoto(services, user._id, upload.bytes));
    },
  }),
];
