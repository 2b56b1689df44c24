// What a platform operator (the county e-commerce centre) does from the phone: find shops and
// suspend or reinstate them, work through the products WeChat's content check flagged, and see
// what WeChat Pay reported that was not applied (payment incidents).
// Every call needs an operator's login; the server refuses anyone else (403).
import type { AdminShopPage, ShopView, SuspendShopRequest } from '../../../contract/shops';
import type { AdminProductPage, ListingCard, ProductView, TakeDownRequest } from '../../../contract/products';
import type { PaymentIncidentKind, PaymentIncidentPage } from '../../../contract/payments';
import { API_PREFIX, pathTo, paths } from '../../../contract/paths';
import type { Http } from './http';
import { withQuery } from './query';

/** Where a product stands in the platform's review: flagged, cleared, taken down, or none. */
export type ReviewState = ListingCard['review']['state'];

export interface AdminShopQuery {
  /** Part of a shop's name. */
  q?: string;
  /** true: only suspended shops; false: only the others; absent: every shop. */
  suspended?: boolean;
  page?: number;
  pageSize?: number;
}

export interface IncidentQuery {
  /** Only incidents of this kind; absent: every kind. */
  kind?: PaymentIncidentKind;
  page?: number;
  pageSize?: number;
}

export interface Operator {
  adminShops(query?: AdminShopQuery): Promise<AdminShopPage>;
  suspendShop(shopId: string, reason: string): Promise<ShopView>;
  unsuspendShop(shopId: string): Promise<ShopView>;
  /** Products in a review state, newest first (the queue: `flagged`). */
  reviewQueue(query?: { review?: ReviewState; page?: number; pageSize?: number }): Promise<AdminProductPage>;
  /** A flagged product looked at and fine. */
  clearProduct(productId: string): Promise<ProductView>;
  /** Off the shelf, with the reason its seller sees. */
  takeDownProduct(productId: string, reason: string): Promise<ProductView>;
  /** What WeChat Pay reported that was not applied (a wrong amount, an unknown order…), newest first. */
  paymentIncidents(query?: IncidentQuery): Promise<PaymentIncidentPage>;
}

const api = (path: string): string => API_PREFIX + path;

export function createOperator(http: Http): Operator {
  const post = <T>(path: string, body?: unknown) => http.request<T>({ method: 'POST', path: api(path), body });

  return {
    adminShops(query = {}) {
      const suspended = query.suspended === undefined ? undefined : String(query.suspended);
      const path = withQuery(paths.adminShops, { q: query.q?.trim(), suspended, page: query.page, pageSize: query.pageSize });
      return http.request<AdminShopPage>({ method: 'GET', path: api(path) });
    },
    suspendShop(shopId, reason) {
      const body: SuspendShopRequest = { reason };
      return post<ShopView>(pathTo(paths.adminShopSuspend, { shopId }), body);
    },
    unsuspendShop(shopId) {
      return post<ShopView>(pathTo(paths.adminShopUnsuspend, { shopId }));
    },
    reviewQueue(query = {}) {
      const path = withQuery(paths.adminProducts, { review: query.review, page: query.page, pageSize: query.pageSize });
      return http.request<AdminProductPage>({ method: 'GET', path: api(path) });
    },
    clearProduct(productId) {
      return post<ProductView>(pathTo(paths.adminProductClear, { productId }));
    },
    takeDownProduct(productId, reason) {
      const body: TakeDownRequest = { reason };
      return post<ProductView>(pathTo(paths.adminProductTakeDown, { productId }), body);
    },
    paymentIncidents(query = {}) {
      const path = withQuery(paths.adminPaymentIncidents, { kind: query.kind, page: query.page, pageSize: query.pageSize });
      return http.request<PaymentIncidentPage>({ method: 'GET', path: api(path) });
    },
  };
}
