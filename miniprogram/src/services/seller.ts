// What a seller does from the phone: open and edit their shop, manage listings and stock,
// upload photos and fetch posters. Every call needs the owner's login.
import type { PhotoView } from '../../../contract/photos';
import type { CreateShopRequest, ShopView, UpdateShopRequest } from '../../../contract/shops';
import type {
  CreateProductRequest, ListingPage, ProductStatus, ProductView, StockChangeRequest, UpdateProductRequest,
} from '../../../contract/products';
import { API_PREFIX, pathTo, paths } from '../../../contract/paths';
import { ApiError, type Http } from './http';
import { withQuery } from './query';

export interface Seller {
  /** The person's own shop, or null when they have not opened one. */
  myShop(): Promise<ShopView | null>;
  openShop(request: CreateShopRequest): Promise<ShopView>;
  updateShop(shopId: string, request: UpdateShopRequest): Promise<ShopView>;
  pauseShop(shopId: string): Promise<ShopView>;
  reopenShop(shopId: string): Promise<ShopView>;

  listings(shopId: string, query: { status: ProductStatus; page?: number; pageSize?: number }): Promise<ListingPage>;
  createListing(shopId: string, request: CreateProductRequest): Promise<ProductView>;
  listing(productId: string): Promise<ProductView>;
  updateListing(productId: string, request: UpdateProductRequest): Promise<ProductView>;
  publishListing(productId: string, version: number): Promise<ProductView>;
  unpublishListing(productId: string, version: number): Promise<ProductView>;
  deleteListing(productId: string): Promise<void>;
  changeStock(productId: string, request: StockChangeRequest): Promise<ProductView>;
  /** Downloads the listing's poster PNG; resolves to a local path (WeChat) or blob URL (H5). */
  downloadPoster(productId: string): Promise<string>;

  /** One photo, one request; progress in percent where the platform reports it. */
  uploadPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<PhotoView>;
}

const api = (path: string): string => API_PREFIX + path;

export function createSeller(http: Http): Seller {
  return {
    async myShop() {
      try {
        return await http.request<ShopView>({ method: 'GET', path: api(paths.myShop) });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    openShop(request) {
      return http.request<ShopView>({ method: 'POST', path: api(paths.shops), body: request, idempotent: true });
    },
    updateShop(shopId, request) {
      return http.request<ShopView>({ method: 'PATCH', path: api(pathTo(paths.shop, { shopId })), body: request });
    },
    pauseShop(shopId) {
      return http.request<ShopView>({ method: 'POST', path: api(pathTo(paths.shopPause, { shopId })) });
    },
    reopenShop(shopId) {
      return http.request<ShopView>({ method: 'POST', path: api(pathTo(paths.shopReopen, { shopId })) });
    },

    listings(shopId, query) {
      const path = withQuery(pathTo(paths.shopListings, { shopId }), { status: query.status, page: query.page, pageSize: query.pageSize });
      return http.request<ListingPage>({ method: 'GET', path: api(path) });
    },
    createListing(shopId, request) {
      return http.request<ProductView>({ method: 'POST', path: api(pathTo(paths.shopListings, { shopId })), body: request, idempotent: true });
    },
    listing(productId) {
      return http.request<ProductView>({ method: 'GET', path: api(pathTo(paths.listing, { productId })) });
    },
    updateListing(productId, request) {
      return http.request<ProductView>({ method: 'PATCH', path: api(pathTo(paths.listing, { productId })), body: request });
    },
    publishListing(productId, version) {
      return http.request<ProductView>({ method: 'POST', path: api(pathTo(paths.listingPublish, { productId })), body: { version } });
    },
    unpublishListing(productId, version) {
      return http.request<ProductView>({ method: 'POST', path: api(pathTo(paths.listingUnpublish, { productId })), body: { version } });
    },
    async deleteListing(productId) {
      await http.request<void>({ method: 'DELETE', path: api(pathTo(paths.listing, { productId })) });
    },
    changeStock(productId, request) {
      return http.request<ProductView>({ method: 'POST', path: api(pathTo(paths.listingStock, { productId })), body: request, idempotent: true });
    },
    downloadPoster(productId) {
      return http.download({ path: api(pathTo(paths.listingPoster, { productId })) });
    },

    uploadPhoto(filePath, onProgress) {
      return http.upload<PhotoView>({ path: api(paths.photos), filePath, field: 'file', onProgress });
    },
  };
}
