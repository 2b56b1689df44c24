// The page shells around the screens: router parameters in, WeChat's share handlers registered
// with what was loaded and who shares it.
import { render, screen } from '@testing-library/react';
import ProductPage from '../../miniprogram/src/pages/product';
import ShopPage from '../../miniprogram/src/pages/shop';
import { setLocale } from '../../miniprogram/src/i18n';
import { saveSession } from '../../miniprogram/src/services/session';
import { millet, publicShop } from './fixtures';
import { resetTaro, setRouterParams, taro, useShareAppMessage, useShareTimeline } from './stubs/taro';

type ShareHandler = () => Record<string, string>;
const lastHandler = (hook: jest.Mock): ShareHandler => hook.mock.calls[hook.mock.calls.length - 1][0] as ShareHandler;

beforeEach(() => {
  resetTaro();
  useShareAppMessage.mockClear();
  useShareTimeline.mockClear();
  setLocale('zh-CN');
  saveSession({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', userId: 'u5' });
  taro.request.mockImplementation(({ url }: { url: string }) => {
    const data = url.includes('/scenes/')
      ? { scene: 'k3 x', productId: 'p1', shopId: 'shop1', sharerId: null }
      : url.includes('/products/')
        ? millet
        : url.includes('/shops/shop1/products')
          ? { items: [], page: 1, pageSize: 20, total: 0 }
          : publicShop;
    return Promise.resolve({ statusCode: 200, data, header: {} });
  });
});

test('a product opened from a mini-program code resolves its (URL-encoded) scene and shares with the sharer', async () => {
  setRouterParams({ scene: encodeURIComponent('k3 x') });
  render(<ProductPage />);
  expect(await screen.findByText('东北小米')).toBeInTheDocument();
  expect(taro.request.mock.calls.map(([o]) => (o as { url: string }).url)).toEqual([
    'http://localhost:3000/api/v1/scenes/k3%20x',
    'http://localhost:3000/api/v1/products/p1',
  ]);
  expect(lastHandler(useShareAppMessage)()).toEqual({
    title: '东北小米 ¥38.00起',
    path: 'pages/product/index?id=p1&from=u5',
    imageUrl: `http://localhost:3000${millet.photos[0].url}`,
  });
  expect(lastHandler(useShareTimeline)()).toMatchObject({ title: '东北小米 ¥38.00起', query: 'id=p1' });
});

test('the shop page shares the shop and titles itself with its name', async () => {
  setRouterParams({ id: 'shop1' });
  render(<ShopPage />);
  expect(await screen.findByText('还没有在卖的商品')).toBeInTheDocument();
  expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '克东王家合作社' });
  expect(lastHandler(useShareAppMessage)()).toMatchObject({ title: '克东王家合作社', path: 'pages/shop/index?id=shop1&from=u5' });
});
