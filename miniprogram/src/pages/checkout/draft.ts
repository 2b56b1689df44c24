// The checkout form kept on the phone (services/form-drafts) until the order is placed, so a
// dropped network, a refused order or a closed app loses neither the address, the note nor how
// the buyer chose to pay.
import { PaymentMethod } from '../../../../contract/orders';
import type { AddressForm } from '../../utils/address';
import { isAddressForm } from '../../utils/address';
import { isRecord, isString } from '../../utils/shapes';

export interface CheckoutDraft {
  /** A saved address's id, or null for the typed one. */
  addressId: string | null;
  form: AddressForm;
  note: string;
  saveAddress: boolean;
  /**
   * How the buyer chose to pay, when the shop offers a choice; absent: the default (WeChat Pay
   * where offered). Optional so drafts kept before there was a choice still load.
   */
  paymentMethod?: PaymentMethod;
}

export const checkoutDraftKey = (shopId: string) => `checkout:${shopId}`;

export function isCheckoutDraft(value: unknown): value is CheckoutDraft {
  return (
    isRecord(value) &&
    (value.addressId === null || isString(value.addressId)) &&
    isAddressForm(value.form) &&
    isString(value.note) &&
    typeof value.saveAddress === 'boolean' &&
    (value.paymentMethod === undefined || PaymentMethod.safeParse(value.paymentMethod).success)
  );
}
