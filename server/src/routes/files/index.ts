// GET /files/:id — stored images. Content-addressed, so they are cached forever and the ETag is the id.
import { z } from '../../../../contract/openapi';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { FILE_ID } from '../../storage/files';
import { notFound } from '../../errors';
import type { Services } from '../../services';

const Params = z.object({ id: z.string().regex(FILE_ID, 'must be a file id') });

export const fileRoutes = ({ files }: Services): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: paths.file,
    summary: 'Download a stored file',
    tags: ['files'],
    access: 'public',
    params: Params,
    raw: true,
    rawContentType: 'image/*',
    handler: async ({ params, ctx }) => {
      const etag = `"${params.id}"`;
      const stat = await files.stat(params.id);
      if (!stat) throw notFound('File');
      ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
      ctx.set('ETag', etag);
      if (ctx.get('if-none-match') === etag) {
        ctx.status = 304;
        return;
      }
      ctx.type = stat.contentType;
      ctx.length = stat.length;
      ctx.body = files.open(params.id);
    },
  }),
];
