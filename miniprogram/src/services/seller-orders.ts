// What a seller does with orders from the phone: the day's figures, orders by tab or found by
// number, name or phone, confirming payment, shipping parcels (with what was really packed),
// answering a refund request, refunding, notes, the pick list, shipping and payment settings and
// the shop's buyers. Every call needs the shop owner's login. Reading one
// order, cancelling it and recording subscribe taps are shared with the buyer (services/orders).
import type {
  CustomerPage, CustomerView, OrderPage, OrderSettingsView, OrderStatus, OrderView, SellerDashboardView, ShipOrderRequest,
  UpdateCustomerRequest, UpdateOrderSettingsRequest,
} from '../../../contract/orders';
import { API_PREFIX, pathTo, paths } from '../../../contract/paths';
import type { AnswerRefundRequest, PaymentSettingsView, SellerRefundRequest, UpdatePaymentSettingsRequest } from '../../../contract/payments';
import type { Http } from './http';
import { withQuery } from './query';

export interface ShopOrdersQuery {
  status?: OrderStatus;
  /** One buyer's orders (the customer page). */
  customerId?: string;
  /** An order number, a receiver's name or phone (or its last digits). */
  q?: string;
  /** Only orders whose buyer's refund request waits for an answer. */
  refundRequest?: 'open';
  page?: number;
  pageSize?: number;
}

export interface CustomersQuery {
  q?: string;
  tag?: string;
  page?: number;
  pageSize?: number;
}

export interface SellerOrders {
  shopDashboard(shopId: string): Promise<SellerDashboardView>;
  shopOrders(shopId: string, query?: ShopOrdersQuery): Promise<OrderPage>;
  /** The buyer paid directly (transfer, cash): the order moves to "to ship". */
  confirmPayment(orderId: string): Promise<OrderView>;
  /** Ships; `packedWeights` (lines packed short) refunds the shortfall (多退少补). */
  shipOrder(orderId: string, request: ShipOrderRequest): Promise<OrderView>;
  /** More parcels for an order already shipped. */
  addParcels(orderId: string, request: ShipOrderRequest): Promise<OrderView>;
  setSellerNote(orderId: string, sellerNote: string): Promise<OrderView>;
  /** Approves the buyer's open refund request (the amount asked is refunded), or declines it with a reason. */
  answerRefund(orderId: string, answer: AnswerRefundRequest): Promise<OrderView>;
  /** Refunds part or all of what is still refundable, of the seller's own accord. */
  refund(orderId: string, request: SellerRefundRequest): Promise<OrderView>;
  /** The paid orders' pick list (CSV); resolves to a local path (WeChat) or blob URL (H5). */
  downloadPickList(shopId: string): Promise<string>;

  orderSettings(shopId: string): Promise<OrderSettingsView>;
  updateOrderSettings(shopId: string, request: UpdateOrderSettingsRequest): Promise<OrderSettingsView>;
  /** How the shop's buyers pay (the owner's and the operators' view). */
  paymentSettings(shopId: string): Promise<PaymentSettingsView>;
  updatePaymentSettings(shopId: string, request: UpdatePaymentSettingsRequest): Promise<PaymentSettingsView>;

  shopCustomers(shopId: string, query?: CustomersQuery): Promise<CustomerPage>;
  shopCustomer(shopId: string, customerId: string): Promise<CustomerView>;
  updateCustomer(shopId: string, customerId: string, request: UpdateCustomerRequest): Promise<CustomerView>;
}

const api = (path: string): string => API_PREFIX + path;

export function createSellerOrders(http: Http): SellerOrders {
  const get = <T>(path: string) => http.request<T>({ method: 'GET', path: api(path) });
  const post = <T>(path: string, body?: unknown) => http.request<T>({ method: 'POST', path: api(path), body });
  const order = (orderId: string) => ({ orderId });

  return {
    shopDashboard(shopId) {
      return get<SellerDashboardView>(pathTo(paths.shopDashboard, { shopId }));
    },
    shopOrders(shopId, query = {}) {
      const { status, customerId, q, refundRequest, page, pageSize } = query;
      return get<OrderPage>(withQuery(pathTo(paths.shopOrders, { shopId }), { status, customerId, q, refundRequest, page, pageSize }));
    },
    // These moves are guarded by the order's status on the server, so a repeat after a timeout
    // answers ORDER_NOT_* instead of acting twice; the screen then reloads the order.
    confirmPayment(orderId) {
      return post<OrderView>(pathTo(paths.orderConfirmPayment, order(orderId)));
    },
    shipOrder(orderId, request) {
      return post<OrderView>(pathTo(paths.orderShip, order(orderId)), request);
    },
    addParcels(orderId, request) {
      return post<OrderView>(pathTo(paths.orderParcels, order(orderId)), request);
    },
    // An answer is guarded on the server (only an open request can be answered), so a repeat
    // after a timeout cannot refund twice.
    answerRefund(orderId, answer) {
      return post<OrderView>(pathTo(paths.orderRefundAnswer, order(orderId)), answer);
    },
    // A refund of ¥10 sent twice would be two refunds: the Idempotency-Key makes the retry after a
    // timeout replay the first answer instead.
    refund(orderId, request) {
      return http.request<OrderView>({ method: 'POST', path: api(pathTo(paths.orderRefunds, order(orderId))), body: request, idempotent: true });
    },
    setSellerNote(orderId, sellerNote) {
      return http.request<OrderView>({ method: 'PUT', path: api(pathTo(paths.orderSellerNote, order(orderId))), body: { sellerNote } });
    },
    downloadPickList(shopId) {
      return http.download({ path: api(pathTo(paths.shopPickList, { shopId })) });
    },

    orderSettings(shopId) {
      return get<OrderSettingsView>(pathTo(paths.shopOrderSettings, { shopId }));
    },
    updateOrderSettings(shopId, request) {
      return http.request<OrderSettingsView>({ method: 'PUT', path: api(pathTo(paths.shopOrderSettings, { shopId })), body: request });
    },
    paymentSettings(shopId) {
      return get<PaymentSettingsView>(pathTo(paths.shopPaymentSettings, { shopId }));
    },
    updatePaymentSettings(shopId, request) {
      return http.request<PaymentSettingsView>({ method: 'PUT', path: api(pathTo(paths.shopPaymentSettings, { shopId })), body: request });
    },

    shopCustomers(shopId, query = {}) {
      const { q, tag, page, pageSize } = query;
      return get<CustomerPage>(withQuery(pathTo(paths.shopCustomers, { shopId }), { q, tag, page, pageSize }));
    },
    shopCustomer(shopId, customerId) {
      return get<CustomerView>(pathTo(paths.shopCustomer, { shopId, customerId }));
    },
    updateCustomer(shopId, customerId, request) {
      return http.request<CustomerView>({ method: 'PATCH', path: api(pathTo(paths.shopCustomer, { shopId, customerId })), body: request });
    },
  };
}
