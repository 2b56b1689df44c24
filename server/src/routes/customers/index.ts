// The shop's buyers: the list (search, tags), one buyer, the seller's note and tags. Reading is
// for the owner and operators (404 for others); notes and tags are the owner's (403 otherwise).
import { z } from 'zod';
import { CustomerPage, CustomerQuery, CustomerView, UpdateCustomerRequest } from '../../../../contract/orders';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { customerToInspect, listCustomers, updateCustomer } from '../../domain/customers';
import { presentCustomer, presentCustomerCard } from '../../presenters/customer';
import type { Services } from '../../services';
import { ShopParams } from '../params';

const id = z.string().regex(/^[a-f0-9]{24}$/, 'must be an id');
const CustomerParams = z.object({ shopId: id, customerId: id }).strict();

export const customerRoutes = (services: Services): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: paths.shopCustomers,
    summary: "The shop's buyers, latest order first; find by name, phone or its last four digits, or by tag (owner, operators)",
    tags: ['customers'],
    access: 'user',
    params: ShopParams,
    query: CustomerQuery,
    response: CustomerPage,
    handler: async ({ user, params, query }) => {
      const page = await listCustomers(services, user, params.shopId, query);
      return { ...page, items: page.items.map(presentCustomerCard) };
    },
  }),
  defineRoute({
    method: 'get',
    path: paths.shopCustomer,
    summary: 'One buyer of the shop, with the addresses they used (phones masked) (owner, operators)',
    tags: ['customers'],
    access: 'user',
    params: CustomerParams,
    response: CustomerView,
    handler: async ({ user, params }) => presentCustomer(await customerToInspect(services, user, params.shopId, params.customerId)),
  }),
  defineRoute({
    method: 'patch',
    path: paths.shopCustomer,
    summary: "The seller's note and tags for a buyer (owner); a stale version is VERSION_CONFLICT",
    tags: ['customers'],
    access: 'user',
    params: CustomerParams,
    body: UpdateCustomerRequest,
    response: CustomerView,
    handler: async ({ user, params, body }) => presentCustomer(await updateCustomer(services, user, params.shopId, params.customerId, body)),
  }),
];
