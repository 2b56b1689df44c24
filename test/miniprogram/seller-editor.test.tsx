// The product editor with a fake seller API: typed prices and weights become exact fen and grams,
// errors show by their field (the phone's own checks and the server's paths alike), a stale
// version asks for a reload, stock changes go as deltas, photos upload with retry; unsaved edits
// survive a failed save, leaving the page and a changed product.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { CreateProductRequest, ProductView, StockChangeRequest, UpdateProductRequest } from '../../contract/products';
import { EditorScreen, type EditorSeller } from '../../miniprogram/src/subpackages/seller/pages/editor/EditorScreen';
import { setLocale } from '../../miniprogram/src/i18n';
import { clearAllDrafts, draftKeys, loadDraft } from '../../miniprogram/src/services/form-drafts';
import { ApiError, apiError } from '../../miniprogram/src/services/http';
import { isProductDraft } from '../../miniprogram/src/subpackages/seller/pages/editor/draft';
import { loadRegions, milletListing, myShop, photo } from './fixtures';
import { taro } from './stubs/taro';

beforeEach(() => {
  setLocale('zh-CN');
  clearAllDrafts();
});

function created(request: CreateProductRequest, extra: Partial<ProductView> = {}): ProductView {
  return {
    ...milletListing,
    id: 'new1',
    version: 0,
    title: request.title,
    photos: (request.photoIds ?? []).map((_, i) => photo(10 + i)),
    photoIds: request.photoIds ?? [],
    variants: request.variants.map((v, i) => ({
      id: String(i + 1).repeat(24),
      name: v.name,
      priceFen: v.priceFen,
      netWeightGrams: v.netWeightGrams,
      unitPriceFenPer500g: 0,
      unitPriceFenPerKg: 0,
      soldOut: false,
      fewLeft: null,
      stock: v.stock ?? 0,
      available: v.stock ?? 0,
    })),
    description: [],
    status: 'draft',
    ...extra,
  };
}

function fakeSeller(): jest.Mocked<EditorSeller> {
  return {
    myShop: jest.fn(async () => myShop),
    listing: jest.fn(async (_id: string) => milletListing),
    createListing: jest.fn(async (_shopId: string, request: CreateProductRequest) => created(request)),
    updateListing: jest.fn(async (_id: string, _request: UpdateProductRequest) => ({ ...milletListing, version: milletListing.version + 1 })),
    publishListing: jest.fn(async (id: string, version: number) => ({ ...milletListing, id, version: version + 1, status: 'on_sale' as const })),
    unpublishListing: jest.fn(async (_id: string, _version: number) => ({ ...milletListing, status: 'off_shelf' as const })),
    deleteListing: jest.fn(async (_id: string) => undefined),
    changeStock: jest.fn(async (_id: string, _request: StockChangeRequest) => milletListing),
  };
}

interface Options {
  productId?: string;
  seller?: jest.Mocked<EditorSeller>;
  upload?: jest.Mock;
  pick?: jest.Mock;
}

function renderEditor({ productId, seller = fakeSeller(), upload, pick }: Options = {}) {
  const props = {
    productId,
    seller,
    loadRegions,
    uploadPhoto: upload ?? jest.fn(async (path: string, progress?: (p: number) => void) => {
      progress?.(50);
      return photo(path.length);
    }),
    pickImages: pick ?? jest.fn(async () => ['blob:one', 'blob:two']),
    confirm: jest.fn(async () => true),
    go: jest.fn(),
    leave: jest.fn(),
    today: '2026-11-28',
  };
  const { unmount } = render(<EditorScreen {...props} />);
  return { ...props, unmount };
}

const draftOf = (key: string) => loadDraft(key, isProductDraft);

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const pick = (label: string, index: number) => fireEvent.change(screen.getByLabelText(label), { target: { value: String(index) } });

test('typed yuan and weights become exact fen and grams, with a live unit price', async () => {
  const seller = fakeSeller();
  renderEditor({ seller });
  await screen.findByLabelText('商品名');
  type('商品名', '东北小米 新米');
  expect(screen.getByText('7/60')).toBeInTheDocument();
  pick('分类', 0);
  expect(screen.getAllByText('五谷杂粮').length).toBeGreaterThan(0);
  type('第 1 个规格的名字', '2.5公斤袋装');
  type('第 1 个规格的价格', '38');
  type('第 1 个规格的净重', '2.5');
  expect(screen.getByText('单价：¥7.60/斤 · ¥15.20/kg')).toBeInTheDocument();
  type('第 1 个规格的库存', '100');

  fireEvent.click(screen.getByText('＋ 加一个规格'));
  type('第 2 个规格的名字', '5公斤箱装');
  type('第 2 个规格的价格', '72.50');
  type('第 2 个规格的净重', '10');
  // 10 斤 instead of kg: the unit buttons beside the weight.
  const second = screen.getByLabelText('第 2 个规格');
  fireEvent.click(within(second).getByText('斤'));
  expect(within(second).getByText('单价：¥7.25/斤 · ¥14.50/kg')).toBeInTheDocument();

  fireEvent.click(screen.getByText('存草稿'));
  await waitFor(() => expect(seller.createListing).toHaveBeenCalled());
  const [shopId, request] = seller.createListing.mock.calls[0];
  expect(shopId).toBe('shop1');
  expect(request).toMatchObject({
    title: '东北小米 新米',
    category: 'grain',
    stockMode: 'per_variant',
    publish: false,
    variants: [
      { name: '2.5公斤袋装', priceFen: 3800, netWeightGrams: 2500, stock: 100 },
      { name: '5公斤箱装', priceFen: 7250, netWeightGrams: 5000, stock: 0 },
    ],
  });
  expect(await screen.findByText('已保存')).toBeInTheDocument();
});

test("the phone's own checks show beside each field and nothing is sent", async () => {
  const seller = fakeSeller();
  renderEditor({ seller });
  await screen.findByLabelText('商品名');
  type('第 1 个规格的价格', '38.505');
  type('第 1 个规格的净重', 'abc');
  fireEvent.click(screen.getByText('存草稿'));
  expect(await screen.findByText('有几项没填对，请看红字提示')).toBeInTheDocument();
  expect(screen.getByText('这一项要填')).toBeInTheDocument();
  const first = screen.getByLabelText('第 1 个规格');
  expect(within(first).getByText('价格最多到分（小数点后两位）')).toBeInTheDocument();
  expect(within(first).getByText('请填数字')).toBeInTheDocument();
  expect(within(first).getByText('规格名要填，如“2.5公斤袋装”')).toBeInTheDocument();
  expect(screen.getByText('请选一个分类')).toBeInTheDocument();
  expect(seller.createListing).not.toHaveBeenCalled();
});

test('publishing needs a photo', async () => {
  const seller = fakeSeller();
  renderEditor({ seller });
  await screen.findByLabelText('商品名');
  type('商品名', '小米');
  pick('分类', 0);
  type('第 1 个规格的名字', '袋装');
  type('第 1 个规格的价格', '38');
  type('第 1 个规格的净重', '2.5');
  fireEvent.click(screen.getByText('上架'));
  expect(await screen.findByText('上架至少要一张照片')).toBeInTheDocument();
  expect(seller.createListing).not.toHaveBeenCalled();
});

test("the server's field errors appear beside the field its path names", async () => {
  const seller = fakeSeller();
  seller.updateListing.mockRejectedValue(
    new ApiError('VALIDATION_FAILED', '填写的内容不对，请检查后再试', 400, 'r1', {
      fields: [
        { path: 'variants.1.priceFen', message: 'Number must be greater than or equal to 1', code: 'too_small' },
        { path: 'title', message: 'String must contain at most 60 character(s)', code: 'too_big' },
      ],
    }),
  );
  renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  fireEvent.click(screen.getByText('存草稿'));
  expect(await screen.findByText('填写的内容不对，请检查后再试')).toBeInTheDocument();
  expect(within(screen.getByLabelText('第 2 个规格')).getByText('价格不对，请填 0.01 到 100000 元')).toBeInTheDocument();
  expect(within(screen.getByLabelText('第 1 个规格')).queryByText('价格不对，请填 0.01 到 100000 元')).not.toBeInTheDocument();
  expect(screen.getByText('商品名要填')).toBeInTheDocument();
});

test('editing a saved product sends the version and keeps variant ids, never their stock', async () => {
  const seller = fakeSeller();
  renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  expect(screen.getByLabelText('第 1 个规格的价格')).toHaveValue('38');
  expect(screen.getByLabelText('第 1 个规格的净重')).toHaveValue('2.5');
  expect(within(screen.getByLabelText('第 1 个规格')).getByText('kg')).toHaveAttribute('aria-checked', 'true');
  expect(screen.getByText('现有库存 3 件（用“调整库存”增减）')).toBeInTheDocument();
  type('第 1 个规格的价格', '39.9');
  fireEvent.click(screen.getByText('存草稿'));
  await waitFor(() => expect(seller.updateListing).toHaveBeenCalled());
  const [id, request] = seller.updateListing.mock.calls[0];
  expect(id).toBe('p1');
  expect(request.version).toBe(4);
  expect(request.variants?.[0]).toEqual({ id: 'a'.repeat(24), name: '2.5公斤袋装', priceFen: 3990, netWeightGrams: 2500 });
  expect(request.variants?.[1]).not.toHaveProperty('stock');
  expect(request.photoIds).toEqual(milletListing.photoIds);
  expect(request.origin).toEqual({ regionCode: '230230', village: '前进村' });
});

test('a version conflict says someone changed it and offers a reload that keeps what the seller typed', async () => {
  const seller = fakeSeller();
  seller.updateListing.mockRejectedValue(apiError('VERSION_CONFLICT', 409));
  renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  type('商品名', '我改的名字');
  fireEvent.click(screen.getByText('存草稿'));
  const alert = await screen.findByText(/这件商品刚被别人改过，请刷新/);
  expect(alert).toBeInTheDocument();
  seller.listing.mockResolvedValue({ ...milletListing, title: '别人改的名字', version: 5 });
  fireEvent.click(screen.getByText('重新加载'));
  // The reload brings the newer product, but the seller's text stays, with the choice spelled out.
  expect(await screen.findByText('已恢复上次没保存的内容')).toBeInTheDocument();
  expect(seller.listing).toHaveBeenCalledTimes(2);
  expect(screen.getByDisplayValue('我改的名字')).toBeInTheDocument();
  expect(screen.getByText(/已保存的内容在别处被改过了/)).toBeInTheDocument();

  // Saving before choosing meets the conflict again rather than overwriting the other change.
  fireEvent.click(screen.getByText('存草稿'));
  await waitFor(() => expect(seller.updateListing).toHaveBeenCalledTimes(2));
  expect(seller.updateListing.mock.calls[1][1].version).toBe(4);

  // "Keep mine": the next save goes over the newer version, and then the draft is gone.
  seller.updateListing.mockResolvedValue({ ...milletListing, title: '我改的名字', version: 6 });
  fireEvent.click(screen.getByText('用我这份'));
  fireEvent.click(screen.getByText('存草稿'));
  expect(await screen.findByText('已保存')).toBeInTheDocument();
  expect(seller.updateListing.mock.calls[2][1]).toMatchObject({ title: '我改的名字', version: 5 });
  expect(screen.queryByText('已恢复上次没保存的内容')).not.toBeInTheDocument();
  expect(draftOf(draftKeys.product('p1'))).toBeNull();
});

test('after a conflict, discarding the kept text shows the other change', async () => {
  const seller = fakeSeller();
  seller.updateListing.mockRejectedValue(apiError('VERSION_CONFLICT', 409));
  const props = renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  type('商品名', '我改的名字');
  fireEvent.click(screen.getByText('存草稿'));
  await screen.findByText(/这件商品刚被别人改过，请刷新/);
  seller.listing.mockResolvedValue({ ...milletListing, title: '别人改的名字', version: 5 });
  fireEvent.click(screen.getByText('重新加载'));
  fireEvent.click(await screen.findByText('放弃，用已保存的'));
  expect(await screen.findByDisplayValue('别人改的名字')).toBeInTheDocument();
  expect(props.confirm).toHaveBeenCalledWith('放弃没保存的内容？', '放弃后找不回来。', '放弃', '取消');
  expect(screen.queryByText('已恢复上次没保存的内容')).not.toBeInTheDocument();
  expect(draftOf(draftKeys.product('p1'))).toBeNull();
});

test('a save that fails on the network keeps the edits: opening the editor again restores them', async () => {
  const seller = fakeSeller();
  seller.updateListing.mockRejectedValue(apiError('NETWORK'));
  const first = renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  type('商品名', '东北小米 今年新米');
  type('第 1 个规格的价格', '39.9');
  type('第 1 段文字', '今年新米，十月收的。');
  fireEvent.click(screen.getByText('存草稿'));
  expect(await screen.findByText('网络不好，请稍后再试')).toBeInTheDocument();
  // The phone closes the mini-program (or the seller goes back) before trying again.
  first.unmount();
  expect(draftOf(draftKeys.product('p1'))).toMatchObject({ version: 4 });

  const again = fakeSeller();
  renderEditor({ productId: 'p1', seller: again });
  expect(await screen.findByText('已恢复上次没保存的内容')).toBeInTheDocument();
  expect(screen.getByDisplayValue('东北小米 今年新米')).toBeInTheDocument();
  expect(screen.getByLabelText('第 1 个规格的价格')).toHaveValue('39.9');
  expect(screen.getByLabelText('第 1 段文字')).toHaveValue('今年新米，十月收的。');
  // Same version as the server's: nothing changed elsewhere, so no warning and no "keep mine".
  expect(screen.queryByText('用我这份')).not.toBeInTheDocument();

  fireEvent.click(screen.getByText('存草稿'));
  expect(await screen.findByText('已保存')).toBeInTheDocument();
  expect(again.updateListing.mock.calls[0][1]).toMatchObject({ title: '东北小米 今年新米', version: 4 });
  expect(again.updateListing.mock.calls[0][1].variants?.[0]).toMatchObject({ priceFen: 3990 });
  expect(screen.queryByText('已恢复上次没保存的内容')).not.toBeInTheDocument();
  expect(draftOf(draftKeys.product('p1'))).toBeNull();
});

test('leaving by accident keeps the edits; discarding asks, then shows the saved product and forgets them', async () => {
  const first = renderEditor({ productId: 'p1' });
  await screen.findByDisplayValue('东北小米');
  type('储存方法', '冷藏');
  first.unmount();

  const props = renderEditor({ productId: 'p1' });
  expect(await screen.findByDisplayValue('冷藏')).toBeInTheDocument();
  fireEvent.click(screen.getByText('放弃，用已保存的'));
  await waitFor(() => expect(screen.queryByText('已恢复上次没保存的内容')).not.toBeInTheDocument());
  expect(props.confirm).toHaveBeenCalled();
  expect(screen.getByLabelText('储存方法')).toHaveValue(milletListing.storageNote);
  props.unmount();
  expect(draftOf(draftKeys.product('p1'))).toBeNull();

  renderEditor({ productId: 'p1' });
  await screen.findByDisplayValue('东北小米');
  expect(screen.queryByText('已恢复上次没保存的内容')).not.toBeInTheDocument();
});

test('declining the discard question keeps the restored edits', async () => {
  const first = renderEditor({ productId: 'p1' });
  await screen.findByDisplayValue('东北小米');
  type('商品名', '别丢了');
  first.unmount();
  const seller = fakeSeller();
  render(
    <EditorScreen productId='p1' seller={seller} loadRegions={loadRegions} uploadPhoto={jest.fn()} pickImages={jest.fn()} confirm={jest.fn(async () => false)} go={jest.fn()} leave={jest.fn()} />,
  );
  fireEvent.click(await screen.findByText('放弃，用已保存的'));
  await act(async () => undefined);
  expect(screen.getByDisplayValue('别丢了')).toBeInTheDocument();
  expect(screen.getByText('已恢复上次没保存的内容')).toBeInTheDocument();
});

test('a product changed elsewhere since the draft began: the draft is kept, the seller is told, saving meets the conflict', async () => {
  const first = renderEditor({ productId: 'p1' });
  await screen.findByDisplayValue('东北小米');
  type('商品名', '我改的名字');
  first.unmount();

  const seller = fakeSeller();
  seller.listing.mockResolvedValue({ ...milletListing, title: '别人改的名字', version: 7 });
  seller.updateListing.mockRejectedValue(apiError('VERSION_CONFLICT', 409));
  renderEditor({ productId: 'p1', seller });
  expect(await screen.findByDisplayValue('我改的名字')).toBeInTheDocument();
  expect(screen.getByText(/已保存的内容在别处被改过了/)).toBeInTheDocument();
  fireEvent.click(screen.getByText('存草稿'));
  expect(await screen.findByText(/这件商品刚被别人改过，请刷新/)).toBeInTheDocument();
  expect(seller.updateListing.mock.calls[0][1].version).toBe(4);
  expect(draftOf(draftKeys.product('p1'))).toMatchObject({ version: 4 });
});

test('typing is written to the phone half a second after it pauses, and changing it back removes the draft', async () => {
  renderEditor({ productId: 'p1' });
  await screen.findByDisplayValue('东北小米');
  jest.useFakeTimers();
  try {
    type('商品名', '新名字');
    act(() => jest.advanceTimersByTime(400));
    expect(draftOf(draftKeys.product('p1'))).toBeNull();
    act(() => jest.advanceTimersByTime(100));
    expect(draftOf(draftKeys.product('p1'))?.data.form.title).toBe('新名字');
    type('商品名', '东北小米');
    expect(draftOf(draftKeys.product('p1'))).toBeNull();
  } finally {
    jest.useRealTimers();
  }
});

test('the app going to the background writes the waiting edits at once (the phone may close it there)', async () => {
  renderEditor({ productId: 'p1' });
  await screen.findByDisplayValue('东北小米');
  type('商品名', '切到后台前');
  expect(draftOf(draftKeys.product('p1'))).toBeNull();
  const listeners = taro.onAppHide.mock.calls.map(([listener]) => listener as () => void);
  act(() => listeners.forEach((listener) => listener()));
  expect(draftOf(draftKeys.product('p1'))?.data.form.title).toBe('切到后台前');
});

test('a new product is kept per shop, with its uploaded photos only; a successful save forgets it', async () => {
  const upload = jest.fn((path: string) => (path === 'blob:one' ? Promise.resolve(photo(21)) : new Promise<never>(() => undefined)));
  const first = renderEditor({ upload });
  await screen.findByLabelText('商品名');
  await act(async () => {
    fireEvent.click(screen.getByText('添加照片'));
  });
  type('商品名', '小米');
  pick('分类', 0);
  first.unmount();
  const kept = draftOf(draftKeys.newProduct('shop1'));
  expect(kept?.version).toBeNull();
  expect(kept?.data.photos.map((p) => p.id)).toEqual([photo(21).id]);

  const seller = fakeSeller();
  renderEditor({ seller });
  expect(await screen.findByDisplayValue('小米')).toBeInTheDocument();
  expect(screen.getByText('放弃，重新填')).toBeInTheDocument();
  expect(screen.getByLabelText('第 1 张照片')).toBeInTheDocument();
  expect(screen.queryByLabelText('第 2 张照片')).not.toBeInTheDocument();
  type('第 1 个规格的名字', '袋装');
  type('第 1 个规格的价格', '38');
  type('第 1 个规格的净重', '2.5');
  fireEvent.click(screen.getByText('存草稿'));
  expect(await screen.findByText('已保存')).toBeInTheDocument();
  expect(seller.createListing.mock.calls[0][1]).toMatchObject({ title: '小米', category: 'grain', photoIds: [photo(21).id] });
  expect(draftOf(draftKeys.newProduct('shop1'))).toBeNull();
  expect(draftOf(draftKeys.product('new1'))).toBeNull();
});

test('unpublishing keeps unsaved edits in the form', async () => {
  const seller = fakeSeller();
  seller.listing.mockResolvedValue({ ...milletListing, status: 'on_sale' });
  renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  type('商品名', '还没保存的名字');
  fireEvent.click(screen.getByText('下架'));
  // The outcome and the status badge.
  expect(await screen.findAllByText('已下架')).toHaveLength(2);
  expect(screen.getByDisplayValue('还没保存的名字')).toBeInTheDocument();
});

test('publishing saves first, then publishes with the saved version; a flagged product says so', async () => {
  const seller = fakeSeller();
  seller.publishListing.mockResolvedValue({ ...milletListing, status: 'on_sale', review: { state: 'flagged', reason: null, check: { label: 'advertising', keywords: ['最好'] }, at: null } });
  renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  fireEvent.click(screen.getByText('上架'));
  expect(await screen.findByText('已上架，平台还会再审核一下内容')).toBeInTheDocument();
  // What WeChat found, in the seller's language.
  expect(await screen.findByText('微信内容检查认为可能涉及广告（最好）')).toBeInTheDocument();
  expect(seller.publishListing).toHaveBeenCalledWith('p1', 5);
  expect(screen.getAllByText('待平台审核').length).toBeGreaterThan(0);
  expect(screen.getByText('下架')).toBeInTheDocument();
  expect(screen.getByText('生成海报')).toBeInTheDocument();
});

test("WeChat's content check refusing the text shows its reason", async () => {
  const seller = fakeSeller();
  seller.publishListing.mockRejectedValue(new ApiError('CONTENT_RISKY', '内容没有通过微信的安全检查，请修改后再发布', 422, 'r', { suggest: 'risky', label: 20008, labelName: 'fraud', keywords: ['神药', '包治百病'] }));
  renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  fireEvent.click(screen.getByText('上架'));
  expect(await screen.findByText('内容没有通过微信的安全检查，请修改后再发布')).toBeInTheDocument();
  expect(screen.getByText('原因：欺诈（神药、包治百病）')).toBeInTheDocument();
});

test('adjusting stock sends deltas for the variants changed', async () => {
  const seller = fakeSeller();
  renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  fireEvent.click(screen.getByText('调整库存'));
  type('2.5公斤袋装增减几件', '+20');
  type('5公斤箱装增减几件', '-0');
  fireEvent.click(screen.getByText('确认调整'));
  await waitFor(() => expect(seller.changeStock).toHaveBeenCalled());
  expect(seller.changeStock).toHaveBeenCalledWith('p1', { variants: [{ variantId: 'a'.repeat(24), delta: 20 }] });
  expect(await screen.findByText('库存已更新')).toBeInTheDocument();
});

test('bulk stock: one total in kg for a new product, no per-variant stock', async () => {
  const seller = fakeSeller();
  renderEditor({ seller });
  await screen.findByLabelText('商品名');
  type('商品名', '小米');
  pick('分类', 0);
  fireEvent.click(screen.getByRole('radio', { name: '按总重量' }));
  expect(screen.queryByLabelText('第 1 个规格的库存')).not.toBeInTheDocument();
  type('总库存（公斤）', '1000');
  type('第 1 个规格的名字', '袋装');
  type('第 1 个规格的价格', '38');
  type('第 1 个规格的净重', '2.5');
  fireEvent.click(screen.getByText('存草稿'));
  await waitFor(() => expect(seller.createListing).toHaveBeenCalled());
  const request = seller.createListing.mock.calls[0][1];
  expect(request.stockMode).toBe('bulk');
  expect(request.bulkStockGrams).toBe(1_000_000);
  expect(request.variants[0]).not.toHaveProperty('stock');
});

test('photos upload one by one with progress; a failed one can be retried; they can be reordered', async () => {
  let failOnce = true;
  const upload = jest.fn(async (path: string, progress?: (p: number) => void) => {
    progress?.(40);
    if (path === 'blob:two' && failOnce) {
      failOnce = false;
      throw apiError('NETWORK');
    }
    return photo(path === 'blob:one' ? 21 : 22);
  });
  const seller = fakeSeller();
  renderEditor({ seller, upload });
  await screen.findByLabelText('商品名');
  await act(async () => {
    fireEvent.click(screen.getByText('添加照片'));
  });
  await screen.findByText('重传');
  expect(upload).toHaveBeenCalledTimes(2);
  await act(async () => {
    fireEvent.click(screen.getByText('重传'));
  });
  await waitFor(() => expect(screen.queryByText('重传')).not.toBeInTheDocument());
  expect(upload).toHaveBeenCalledTimes(3);

  // The second photo becomes the cover.
  fireEvent.click(within(screen.getByLabelText('第 2 张照片')).getByLabelText('往前移'));
  type('商品名', '小米');
  pick('分类', 0);
  type('第 1 个规格的名字', '袋装');
  type('第 1 个规格的价格', '38');
  type('第 1 个规格的净重', '2.5');
  fireEvent.click(screen.getByText('存草稿'));
  await waitFor(() => expect(seller.createListing).toHaveBeenCalled());
  expect(seller.createListing.mock.calls[0][1].photoIds).toEqual([photo(22).id, photo(21).id]);
});

test('saving waits while a photo is still uploading', async () => {
  const seller = fakeSeller();
  const upload = jest.fn(() => new Promise<never>(() => undefined));
  renderEditor({ seller, upload, pick: jest.fn(async () => ['blob:slow']) });
  await screen.findByLabelText('商品名');
  await act(async () => {
    fireEvent.click(screen.getByText('添加照片'));
  });
  fireEvent.click(screen.getByText('存草稿'));
  expect(await screen.findByText('照片还在上传，请等一下')).toBeInTheDocument();
  expect(seller.createListing).not.toHaveBeenCalled();
});

test('a draft can be deleted after confirming', async () => {
  const seller = fakeSeller();
  const props = renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  fireEvent.click(screen.getByText('删除商品'));
  await waitFor(() => expect(seller.deleteListing).toHaveBeenCalledWith('p1'));
  expect(props.confirm).toHaveBeenCalled();
  await waitFor(() => expect(props.leave).toHaveBeenCalled());
});

test('without a shop the editor sends the seller to open one', async () => {
  const seller = fakeSeller();
  seller.myShop.mockResolvedValue(null);
  const props = renderEditor({ seller });
  fireEvent.click(await screen.findByText('开我的小店'));
  expect(props.go).toHaveBeenCalledWith('sellerShop');
});

test('description paragraphs are sent in order; an empty one is pointed out', async () => {
  const seller = fakeSeller();
  renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  fireEvent.click(screen.getByText('＋ 加一段文字'));
  fireEvent.click(screen.getByText('存草稿'));
  expect(await screen.findByText('这一段是空的，请填写或删掉')).toBeInTheDocument();
  type('第 3 段文字', '今年新米，十月收的。');
  fireEvent.click(screen.getByText('存草稿'));
  await waitFor(() => expect(seller.updateListing).toHaveBeenCalled());
  expect(seller.updateListing.mock.calls[0][1].description).toEqual([
    { type: 'text', text: '黑土地上种的小米，熬粥有米油。' },
    { type: 'image', photoId: photo(5).id },
    { type: 'text', text: '今年新米，十月收的。' },
  ]);
});

test('switching a bulk product to per-variant stock asks every variant for its packs, in the same save', async () => {
  const seller = fakeSeller();
  seller.listing.mockResolvedValue({ ...milletListing, stockMode: 'bulk', bulkStockGrams: 1_000_000, variants: milletListing.variants.map((v) => ({ ...v, stock: null })) });
  renderEditor({ productId: 'p1', seller });
  await screen.findByDisplayValue('东北小米');
  expect(screen.getByText('现有总库存 1000 kg（用“调整库存”增减）')).toBeInTheDocument();
  fireEvent.click(screen.getByRole('radio', { name: '每个规格单独数件' }));
  expect(screen.getByText('换了库存算法：请填好新的库存再保存。')).toBeInTheDocument();
  type('第 1 个规格的库存', '30');
  type('第 2 个规格的库存', '12');
  fireEvent.click(screen.getByText('存草稿'));
  await waitFor(() => expect(seller.updateListing).toHaveBeenCalled());
  const request = seller.updateListing.mock.calls[0][1];
  expect(request.stockMode).toBe('per_variant');
  expect(request.variants?.map((v) => [v.id, v.stock])).toEqual([['a'.repeat(24), 30], ['b'.repeat(24), 12]]);
  expect(request).not.toHaveProperty('bulkStockGrams');
});
