// The seller's dashboard and the pick list (CSV) of orders to pack: owner and operators.
import { z } from 'zod';
import { SellerDashboardView } from '../../../../contract/orders';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { attachment } from '../../http/csv';
import { sellerDashboard } from '../../domain/dashboard';
import { pickList } from '../../domain/pick-list';
import type { Services } from '../../services';
import { ShopParams } from '../params';

const PickListQuery = z.object({ status: z.enum(['paid', 'shipped']).default('paid') }).strict();

export const dashboardRoutes = (services: Services): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: paths.shopDashboard,
    summary: "Today's orders and takings (China's day), orders by status, products running low (owner, operators)",
    tags: ['orders'],
    access: 'user',
    params: ShopParams,
    response: SellerDashboardView,
    handler: async ({ user, params }) => sellerDashboard(services, user, params.shopId),
  }),
  defineRoute({
    method: 'get',
    path: paths.shopPickList,
    summary: 'Orders to pack as CSV (UTF-8 with BOM, one row per order, oldest first, full phones for waybills) (owner, operators)',
    tags: ['orders'],
    access: 'user',
    params: ShopParams,
    query: PickListQuery,
    raw: true,
    rawContentType: 'text/csv',
    handler: async ({ user, params, query, ctx }) => {
      const list = await pickList(services, user, params.shopId, query.status);
      ctx.status = 200;
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', attachment(list.filename, list.asciiFilename));
      // Full names, phones and addresses: never kept by a shared cache or the browser.
      ctx.set('Cache-Control', 'private, no-store');
      ctx.body = list.csv;
    },
  }),
];
