// The public catalogue buyers browse without logging in: shops, their products, regions, scenes.
import type { Category, PublicShopView, ShopPage } from '../../../contract/shops';
import type { ProductCardPage, PublicProductView, SceneView } from '../../../contract/products';
import type { Region, RegionList } from '../../../contract/regions';
import { API_PREFIX, pathTo, paths } from '../../../contract/paths';
import type { Http } from './http';
import { withQuery } from './query';

export interface PageRequest {
  page?: number;
  pageSize?: number;
}

export interface Catalog {
  /** Provinces, or the cities of a province, or the counties of a city. */
  regions(parent?: string): Promise<Region[]>;
  /** The directory of open shops. */
  shops(paging?: PageRequest): Promise<ShopPage>;
  shop(shopId: string): Promise<PublicShopView>;
  shopProducts(shopId: string, query?: PageRequest & { category?: Category }): Promise<ProductCardPage>;
  product(productId: string): Promise<PublicProductView>;
  /** What a mini-program code's short scene opens. */
  scene(scene: string): Promise<SceneView>;
}

const api = (path: string): string => API_PREFIX + path;

export function createCatalog(http: Http): Catalog {
  const get = <T>(path: string) => http.request<T>({ method: 'GET', path: api(path), auth: false });
  // Regions never change while the app runs; asking again on a weak network wastes the person's time.
  const regionCache = new Map<string, Promise<Region[]>>();

  return {
    regions(parent) {
      const key = parent ?? '';
      let pending = regionCache.get(key);
      if (!pending) {
        pending = get<RegionList>(withQuery(paths.regions, { parent })).then((list) => list.items);
        regionCache.set(key, pending);
        pending.catch(() => regionCache.delete(key));
      }
      return pending;
    },
    shops(paging = {}) {
      return get<ShopPage>(withQuery(paths.shops, { page: paging.page, pageSize: paging.pageSize }));
    },
    shop(shopId) {
      return get<PublicShopView>(pathTo(paths.shop, { shopId }));
    },
    shopProducts(shopId, query = {}) {
      return get<ProductCardPage>(
        withQuery(pathTo(paths.shopProducts, { shopId }), { category: query.category, page: query.page, pageSize: query.pageSize }),
      );
    },
    product(productId) {
      return get<PublicProductView>(pathTo(paths.product, { productId }));
    },
    scene(scene) {
      return get<SceneView>(pathTo(paths.scene, { scene }));
    },
  };
}
