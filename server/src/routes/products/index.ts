// A product as buyers see it: on sale, in a shop they may see; no internal fields.
import { PublicProductView } from '../../../../contract/products';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { optionalUser } from '../../http/optional-user';
import { publicProduct } from '../../domain/catalog';
import { presentPublicProductPage } from '../../presenters/product-page';
import type { Services } from '../../services';
import { ProductParams } from '../params';

export const productRoutes = (services: Services): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: paths.product,
    summary: 'A product on sale (a paused shop\'s products show with acceptingOrders false)',
    tags: ['products'],
    access: 'public',
    params: ProductParams,
    response: PublicProductView,
    handler: async ({ params, ctx }) => {
      const { product, shop } = await publicProduct(services, await optionalUser(services, ctx), params.productId);
      return presentPublicProductPage(services, product, shop);
    },
  }),
];
