// What a buyer does with orders: price a cart, place an order, pay it with WeChat Pay, follow and
// cancel it, confirm receipt, ask for money back; the saved delivery addresses; and passing on
// which messages the buyer agreed to get.
import type { SavedAddressList, SavedAddressView, SaveAddressRequest } from '../../../contract/addresses';
import type {
  OrderPage, OrderStatus, OrderView, PlaceOrderRequest, QuoteRequest, QuoteView, SubscribeResultRequest,
  SubscriptionCreditsView,
} from '../../../contract/orders';
import type { PayOrderResponse, RequestRefundRequest } from '../../../contract/payments';
import { API_PREFIX, pathTo, paths } from '../../../contract/paths';
import type { Http } from './http';
import { withQuery } from './query';

export interface Orders {
  /** Prices lines (and shipping, once a region is known); nothing is reserved. */
  quote(request: QuoteRequest): Promise<QuoteView>;
  /** Sent with an Idempotency-Key, so a retry after a timeout never places two orders. */
  placeOrder(request: PlaceOrderRequest): Promise<OrderView>;
  myOrders(query: { status?: OrderStatus; page?: number; pageSize?: number }): Promise<OrderPage>;
  order(orderId: string): Promise<OrderView>;
  cancelOrder(orderId: string, reason: string): Promise<OrderView>;
  confirmReceipt(orderId: string): Promise<OrderView>;
  /**
   * The signed parameters for WeChat's pay sheet. Sent with an Idempotency-Key, so a retried
   * timeout gets the same prepay order instead of a second one.
   */
  pay(orderId: string): Promise<PayOrderResponse>;
  /** After the pay sheet said yes: the server asks WeChat Pay and answers the order as it now is. */
  checkPayment(orderId: string): Promise<OrderView>;
  /** Asks the seller for money back (all or part of what is refundable), with a reason. */
  requestRefund(orderId: string, request: RequestRefundRequest): Promise<OrderView>;

  myAddresses(): Promise<SavedAddressView[]>;
  addAddress(request: SaveAddressRequest): Promise<SavedAddressView>;
  updateAddress(addressId: string, request: Partial<SaveAddressRequest>): Promise<SavedAddressView>;
  deleteAddress(addressId: string): Promise<void>;

  /** What WeChat's subscribe dialog answered, passed on as it came. */
  reportSubscriptions(results: SubscribeResultRequest['results']): Promise<SubscriptionCreditsView>;
}

const api = (path: string): string => API_PREFIX + path;

export function createOrders(http: Http): Orders {
  return {
    quote(request) {
      return http.request<QuoteView>({ method: 'POST', path: api(paths.orderQuote), body: request });
    },
    placeOrder(request) {
      return http.request<OrderView>({ method: 'POST', path: api(paths.orders), body: request, idempotent: true });
    },
    myOrders(query) {
      return http.request<OrderPage>({
        method: 'GET',
        path: api(withQuery(paths.myOrders, { status: query.status, page: query.page, pageSize: query.pageSize })),
      });
    },
    order(orderId) {
      return http.request<OrderView>({ method: 'GET', path: api(pathTo(paths.order, { orderId })) });
    },
    cancelOrder(orderId, reason) {
      return http.request<OrderView>({ method: 'POST', path: api(pathTo(paths.orderCancel, { orderId })), body: { reason } });
    },
    confirmReceipt(orderId) {
      return http.request<OrderView>({ method: 'POST', path: api(pathTo(paths.orderConfirmReceipt, { orderId })) });
    },
    pay(orderId) {
      return http.request<PayOrderResponse>({ method: 'POST', path: api(pathTo(paths.orderPay, { orderId })), idempotent: true });
    },
    checkPayment(orderId) {
      return http.request<OrderView>({ method: 'POST', path: api(pathTo(paths.orderPayCheck, { orderId })) });
    },
    requestRefund(orderId, request) {
      return http.request<OrderView>({ method: 'POST', path: api(pathTo(paths.orderRefundRequest, { orderId })), body: request });
    },
    async myAddresses() {
      return (await http.request<SavedAddressList>({ method: 'GET', path: api(paths.myAddresses) })).items;
    },
    addAddress(request) {
      return http.request<SavedAddressView>({ method: 'POST', path: api(paths.myAddresses), body: request, idempotent: true });
    },
    updateAddress(addressId, request) {
      return http.request<SavedAddressView>({ method: 'PATCH', path: api(pathTo(paths.myAddress, { addressId })), body: request });
    },
    async deleteAddress(addressId) {
      await http.request<unknown>({ method: 'DELETE', path: api(pathTo(paths.myAddress, { addressId })) });
    },
    reportSubscriptions(results) {
      return http.request<SubscriptionCreditsView>({ method: 'POST', path: api(paths.mySubscriptions), body: { results } });
    },
  };
}
