// The buyer's shop page and the home directory, with fake catalogues.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ProductCardPage } from '../../contract/products';
import type { ShopPage } from '../../contract/shops';
import { HomeScreen } from '../../miniprogram/src/pages/index/HomeScreen';
import { ShopScreen } from '../../miniprogram/src/pages/shop/ShopScreen';
import { shopShareMessage, shopShareTimeline } from '../../miniprogram/src/pages/shop/share';
import { setLocale } from '../../miniprogram/src/i18n';
import { apiError } from '../../miniprogram/src/services/http';
import { card, publicShop } from './fixtures';

beforeEach(() => setLocale('zh-CN'));

function page<T>(items: T[], pageNo: number, total: number) {
  return { items, page: pageNo, pageSize: 2, total };
}

function fakeCatalog() {
  return {
    shop: jest.fn(async () => publicShop),
    shopProducts: jest.fn(async (_id: string, query: { page?: number; category?: string } = {}): Promise<ProductCardPage> => {
      if (query.category === 'beans') return page([card(9, { title: '黑豆', category: 'beans' })], 1, 1);
      return query.page === 2 ? page([card(3, { soldOut: true })], 2, 3) : page([card(1), card(2)], 1, 3);
    }),
  };
}

describe('shop page', () => {
  test('shows the shop, its products with price from and price per 斤, and loads more', async () => {
    const catalog = fakeCatalog();
    const go = jest.fn();
    render(<ShopScreen shopId='shop1' catalog={catalog} go={go} />);
    expect(await screen.findByText('克东王家合作社')).toBeInTheDocument();
    expect(screen.getByText('自家种的小米和黄豆')).toBeInTheDocument();
    expect(screen.getByText('黑龙江省 齐齐哈尔市 克东县')).toBeInTheDocument();
    expect(await screen.findByText('东北小米 1')).toBeInTheDocument();
    expect(screen.getAllByText('¥38.00起')).toHaveLength(2);
    expect(screen.getAllByText('¥7.20/斤')).toHaveLength(2);
    expect(screen.queryByText('小店暂停营业，现在不能下单，可以先看看')).not.toBeInTheDocument();

    fireEvent.click(screen.getByText('加载更多'));
    expect(await screen.findByText('东北小米 3')).toBeInTheDocument();
    expect(screen.getByText('已售完')).toBeInTheDocument();
    expect(catalog.shopProducts).toHaveBeenLastCalledWith('shop1', { page: 2, pageSize: 20, category: undefined });
    expect(screen.getByText('已经到底了')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('link', { name: '东北小米 3' }));
    expect(go).toHaveBeenCalledWith('product', { id: 'p3' });
  });

  test('reaching the bottom of the page loads the next page', async () => {
    const catalog = fakeCatalog();
    const { rerender } = render(<ShopScreen shopId='shop1' catalog={catalog} go={jest.fn()} reachedBottom={0} />);
    await screen.findByText('东北小米 1');
    rerender(<ShopScreen shopId='shop1' catalog={catalog} go={jest.fn()} reachedBottom={1} />);
    expect(await screen.findByText('东北小米 3')).toBeInTheDocument();
  });

  test('category chips filter the products', async () => {
    const catalog = fakeCatalog();
    render(<ShopScreen shopId='shop1' catalog={catalog} go={jest.fn()} />);
    await screen.findByText('东北小米 1');
    const chips = screen.getByRole('tablist');
    expect(within(chips).getByText('全部')).toBeInTheDocument();
    fireEvent.click(within(chips).getByText('豆类 1'));
    expect(await screen.findByText('黑豆')).toBeInTheDocument();
    expect(screen.queryByText('东北小米 1')).not.toBeInTheDocument();
    expect(catalog.shopProducts).toHaveBeenLastCalledWith('shop1', { page: 1, pageSize: 20, category: 'beans' });
  });

  test('a paused shop tells buyers so', async () => {
    const catalog = fakeCatalog();
    catalog.shop.mockResolvedValue({ ...publicShop, status: 'paused', acceptingOrders: false });
    render(<ShopScreen shopId='shop1' catalog={catalog} go={jest.fn()} />);
    expect(await screen.findByText('小店暂停营业，现在不能下单，可以先看看')).toBeInTheDocument();
  });

  test('a shop with nothing on sale says so', async () => {
    const catalog = fakeCatalog();
    catalog.shopProducts.mockResolvedValue(page([], 1, 0));
    render(<ShopScreen shopId='shop1' catalog={catalog} go={jest.fn()} />);
    expect(await screen.findByText('还没有在卖的商品')).toBeInTheDocument();
  });

  test('a weak network gets plain words and a retry', async () => {
    const catalog = fakeCatalog();
    catalog.shop.mockRejectedValueOnce(apiError('NETWORK'));
    render(<ShopScreen shopId='shop1' catalog={catalog} go={jest.fn()} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('网络不好，请稍后再试');
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('克东王家合作社')).toBeInTheDocument();
  });

  test('shares with the shop name, cover and the sharer', () => {
    expect(shopShareMessage(publicShop, 'u9')).toEqual({
      title: '克东王家合作社',
      path: 'pages/shop/index?id=shop1&from=u9',
      imageUrl: `http://localhost:3000${publicShop.cover!.url}`,
    });
    expect(shopShareTimeline(publicShop)).toMatchObject({ title: '克东王家合作社', query: 'id=shop1' });
  });
});

describe('home directory', () => {
  test('lists shops as cards that open the shop', async () => {
    const go = jest.fn();
    const shops = jest.fn(async (): Promise<ShopPage> => page([publicShop, { ...publicShop, id: 'shop2', name: '山里蜂蜜', acceptingOrders: false, status: 'paused' }], 1, 2));
    render(<HomeScreen catalog={{ shops }} go={go} />);
    expect(await screen.findByText('克东王家合作社')).toBeInTheDocument();
    expect(screen.getByText('暂停营业')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('link', { name: '山里蜂蜜' }));
    expect(go).toHaveBeenCalledWith('shop', { id: 'shop2' });
    expect(screen.queryByText('加载更多')).not.toBeInTheDocument();
  });

  test('with no shops yet, the friendly empty state', async () => {
    render(<HomeScreen catalog={{ shops: jest.fn(async () => page([], 1, 0)) }} go={jest.fn()} />);
    expect(await screen.findByText('小店正在上架')).toBeInTheDocument();
  });

  test('a failed load can be retried', async () => {
    const shops = jest.fn().mockRejectedValueOnce(apiError('TIMEOUT')).mockResolvedValue(page([publicShop], 1, 1));
    render(<HomeScreen catalog={{ shops }} go={jest.fn()} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('网络太慢了');
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(screen.getByText('克东王家合作社')).toBeInTheDocument());
  });
});
