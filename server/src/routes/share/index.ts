// Sharing: the poster a seller saves for a listing, and the scene inside its mini-program code
// resolved back to what it opens (the product page calls this on a scan).
import { z } from '../../../../contract/openapi';
import { paths } from '../../../../contract/paths';
import { SCENE_MAX } from '../../../../contract/limits';
import { SceneView } from '../../../../contract/products';
import { defineRoute, type AnyRoute } from '../../http/route';
import { makePoster, posterEtag, posterSubject } from '../../domain/poster';
import { resolveScene } from '../../domain/share';
import type { Services } from '../../services';
import { ProductParams } from '../params';

const SceneParams = z.object({ scene: z.string().regex(/^[0-9A-Za-z]+$/, 'must be letters and digits').max(SCENE_MAX) }).strict();

export const shareRoutes = (services: Services): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: paths.listingPoster,
    rateLimit: { name: 'poster', perMinute: 20 },
    summary: 'A PNG poster of an on-sale listing with a mini-program code that opens it (owner or operator)',
    tags: ['share'],
    // Sellers and operators (who need not be sellers); posterSubject() decides which listing.
    access: 'user',
    params: ProductParams,
    raw: true,
    rawContentType: 'image/png',
    handler: async ({ user, params, ctx }) => {
      const subject = await posterSubject(services, user, params.productId);
      const etag = posterEtag(subject, user._id);
      // Private: the code inside names this seller as the sharer. Five minutes, then revalidate.
      ctx.set('Cache-Control', 'private, max-age=300');
      ctx.set('ETag', etag);
      if (ctx.get('if-none-match') === etag) {
        ctx.status = 304;
        return;
      }
      const started = Date.now();
      const png = await makePoster(services, subject, user);
      ctx.state.log.debug({ ms: Date.now() - started, bytes: png.length }, 'poster rendered');
      ctx.type = 'image/png';
      ctx.body = png;
    },
  }),
  defineRoute({
    method: 'get',
    path: paths.scene,
    summary: 'What a mini-program code scene opens: shop, product and who shared it',
    tags: ['share'],
    access: 'public',
    params: SceneParams,
    response: SceneView,
    handler: async ({ params }) => resolveScene(services, params.scene),
  }),
];
