// The buyer's product page: variant picker with price, weight and unit price, few left, sold out,
// origin and keeping, opening by id or by a mini-program code's scene, and the share cards.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { ProductScreen } from '../../miniprogram/src/pages/product/ProductScreen';
import { productShareMessage, productShareTimeline } from '../../miniprogram/src/pages/product/share';
import { setLocale } from '../../miniprogram/src/i18n';
import { apiError } from '../../miniprogram/src/services/http';
import { millet } from './fixtures';

beforeEach(() => setLocale('zh-CN'));

function fakeCatalog() {
  return {
    product: jest.fn(async () => millet),
    scene: jest.fn(async (scene: string) => ({ scene, productId: 'p1', shopId: 'shop1', sharerId: 'u7' })),
  };
}

test('each variant shows its name, price, net weight and unit price per 斤 and per kg', async () => {
  render(<ProductScreen productId='p1' catalog={fakeCatalog()} go={jest.fn()} />);
  expect(await screen.findByText('东北小米')).toBeInTheDocument();
  const picker = screen.getByRole('radiogroup', { name: '规格' });
  const small = within(picker).getByRole('radio', { name: '2.5公斤袋装' });
  expect(small).toHaveTextContent('¥38.00');
  expect(small).toHaveTextContent('2.5 kg（5 斤）');
  expect(within(small).getByText('¥7.60/斤')).toBeInTheDocument();
  expect(within(small).getByText('¥15.20/kg')).toBeInTheDocument();
  expect(within(small).getByText('仅剩 3 件')).toBeInTheDocument();

  const big = within(picker).getByRole('radio', { name: '5公斤箱装' });
  expect(big).toHaveTextContent('¥72.00');
  expect(within(big).getByText('¥7.20/斤')).toBeInTheDocument();
  expect(within(big).getByText('¥14.40/kg')).toBeInTheDocument();
  expect(within(big).getByText('已售完')).toBeInTheDocument();
});

test('the first variant in stock is picked, and picking another changes the price shown', async () => {
  const product = { ...millet, variants: [{ ...millet.variants[1] }, { ...millet.variants[0] }] };
  const catalog = fakeCatalog();
  catalog.product.mockResolvedValue(product);
  render(<ProductScreen productId='p1' catalog={catalog} go={jest.fn()} />);
  await screen.findByText('东北小米');
  expect(screen.getByRole('radio', { name: '2.5公斤袋装' })).toHaveAttribute('aria-checked', 'true');
  expect(document.querySelector('.price--big')).toHaveTextContent('¥38.00');
  fireEvent.click(screen.getByRole('radio', { name: '5公斤箱装' }));
  expect(screen.getByRole('radio', { name: '5公斤箱装' })).toHaveAttribute('aria-checked', 'true');
  expect(document.querySelector('.price--big')).toHaveTextContent('¥72.00');
  expect(screen.getByText('¥7.20/斤 · ¥14.40/kg')).toBeInTheDocument();
});

test('origin, harvest date, shelf life, storage and the description', async () => {
  render(<ProductScreen productId='p1' catalog={fakeCatalog()} go={jest.fn()} />);
  await screen.findByText('东北小米');
  expect(screen.getByText('黑龙江省 齐齐哈尔市 克东县 前进村')).toBeInTheDocument();
  expect(screen.getByText('2026-10-01')).toBeInTheDocument();
  expect(screen.getByText('365 天')).toBeInTheDocument();
  expect(screen.getByText('阴凉干燥处保存')).toBeInTheDocument();
  expect(screen.getByText('黑土地上种的小米，熬粥有米油。')).toBeInTheDocument();
  expect(document.querySelector('.product__description-photo')).toHaveAttribute('src', `http://localhost:3000${millet.description[1].type === 'image' ? millet.description[1].photo.url : ''}`);
  expect(document.querySelectorAll('[data-swiper] img')).toHaveLength(2);
});

test('tapping a photo opens the full-size viewer', async () => {
  const preview = jest.fn();
  render(<ProductScreen productId='p1' catalog={fakeCatalog()} go={jest.fn()} preview={preview} />);
  await screen.findByText('东北小米');
  fireEvent.click(document.querySelectorAll('[data-swiper] img')[1]);
  expect(preview).toHaveBeenCalledWith(
    millet.photos.map((p) => `http://localhost:3000${p.largeUrl}`),
    `http://localhost:3000${millet.photos[1].largeUrl}`,
  );
});

test('buying and adding to the cart are open for a pack in stock; the shop is one tap away', async () => {
  const go = jest.fn();
  render(<ProductScreen productId='p1' catalog={fakeCatalog()} go={go} />);
  await screen.findByText('东北小米');
  expect(screen.getByText('立即购买')).not.toBeDisabled();
  expect(screen.getByText('加入购物车')).not.toBeDisabled();
  fireEvent.click(screen.getByText('进店看看 ›'));
  expect(go).toHaveBeenCalledWith('shop', { id: 'shop1' });
});

test('a paused shop shows a notice on its products', async () => {
  const catalog = fakeCatalog();
  catalog.product.mockResolvedValue({ ...millet, shop: { ...millet.shop, acceptingOrders: false } });
  render(<ProductScreen productId='p1' catalog={catalog} go={jest.fn()} />);
  expect(await screen.findByText('小店暂停营业，现在不能下单')).toBeInTheDocument();
});

test('opened from a mini-program code, the scene is resolved to the product', async () => {
  const catalog = fakeCatalog();
  const onLoaded = jest.fn();
  render(<ProductScreen scene='k3xQ9' catalog={catalog} go={jest.fn()} onLoaded={onLoaded} />);
  expect(await screen.findByText('东北小米')).toBeInTheDocument();
  expect(catalog.scene).toHaveBeenCalledWith('k3xQ9');
  expect(catalog.product).toHaveBeenCalledWith('p1');
  expect(onLoaded).toHaveBeenCalledWith(millet);
});

test('a product taken off sale reads as "not found", with a retry', async () => {
  const catalog = fakeCatalog();
  catalog.product.mockRejectedValueOnce(apiError('NOT_FOUND', 404));
  render(<ProductScreen productId='p1' catalog={catalog} go={jest.fn()} />);
  expect(await screen.findByRole('alert')).toHaveTextContent('没有找到这个内容');
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('东北小米')).toBeInTheDocument();
});

test('share cards: title with the price, cover, and the path with the product and the sharer', () => {
  expect(productShareMessage(millet, 'u42')).toEqual({
    title: '东北小米 ¥38.00起',
    path: 'pages/product/index?id=p1&from=u42',
    imageUrl: `http://localhost:3000${millet.photos[0].url}`,
  });
  expect(productShareMessage(millet, null).path).toBe('pages/product/index?id=p1');
  expect(productShareTimeline(millet)).toEqual({
    title: '东北小米 ¥38.00起',
    query: 'id=p1',
    imageUrl: `http://localhost:3000${millet.photos[0].url}`,
  });
});

test('in English the unit prices read per jin and per kg', async () => {
  setLocale('en');
  render(<ProductScreen productId='p1' catalog={fakeCatalog()} go={jest.fn()} />);
  await screen.findByText('东北小米');
  expect(screen.getAllByText('¥7.60/jin').length).toBeGreaterThan(0);
  expect(screen.getByText('Only 3 left')).toBeInTheDocument();
});
