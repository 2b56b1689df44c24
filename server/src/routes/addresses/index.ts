// The buyer's address book: list, add, edit, delete. Only one's own; another person's id is 404.
import { z } from 'zod';
import { SaveAddressRequest, SavedAddressList, SavedAddressView, UpdateAddressRequest } from '../../../../contract/addresses';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { addAddress, deleteAddress, myAddresses, updateAddress } from '../../domain/addresses';
import { presentAddress } from '../../presenters/address';
import type { Services } from '../../services';

const AddressParams = z.object({ addressId: z.string().regex(/^[a-f0-9]{24}$/, 'must be an id') }).strict();

export const addressRoutes = (services: Services): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: paths.myAddresses,
    summary: "The caller's saved addresses, the default first",
    tags: ['addresses'],
    access: 'user',
    response: SavedAddressList,
    handler: async ({ user }) => ({ items: (await myAddresses(services, user)).map(presentAddress) }),
  }),
  defineRoute({
    method: 'post',
    path: paths.myAddresses,
    idempotent: true,
    summary: 'Save an address (the first one is the default); ADDRESS_BOOK_FULL past the limit',
    tags: ['addresses'],
    access: 'user',
    body: SaveAddressRequest,
    response: SavedAddressView,
    status: 201,
    handler: async ({ user, body }) => presentAddress(await addAddress(services, user, body)),
  }),
  defineRoute({
    method: 'patch',
    path: paths.myAddress,
    summary: 'Edit a saved address, or make it the default',
    tags: ['addresses'],
    access: 'user',
    params: AddressParams,
    body: UpdateAddressRequest,
    response: SavedAddressView,
    handler: async ({ user, params, body }) => presentAddress(await updateAddress(services, user, params.addressId, body)),
  }),
  defineRoute({
    method: 'delete',
    path: paths.myAddress,
    summary: 'Delete a saved address (deleting the default makes the newest the default)',
    tags: ['addresses'],
    access: 'user',
    params: AddressParams,
    status: 204,
    handler: async ({ user, params }) => deleteAddress(services, user, params.addressId),
  }),
];
