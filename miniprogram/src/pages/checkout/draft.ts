// The checkout form kept on the phone (services/form-drafts) until the order is placed, so a
// dropped network, a refused order or a closed app loses neither the address nor the note.
import type { AddressForm } from '../../utils/address';
import { isAddressForm } from '../../utils/address';
import { isRecord, isString } from '../../utils/shapes';

export interface CheckoutDraft {
  /** A saved address's id, or null for the typed one. */
  addressId: string | null;
  form: AddressForm;
  note: string;
  saveAddress: boolean;
}

export const checkoutDraftKey = (shopId: string) => `checkout:${shopId}`;

export function isCheckoutDraft(value: unknown): value is CheckoutDraft {
  return (
    isRecord(value) &&
    (value.addressId === null || isString(value.addressId)) &&
    isAddressForm(value.form) &&
    isString(value.note) &&
    typeof value.saveAddress === 'boolean'
  );
}
