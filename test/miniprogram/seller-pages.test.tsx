// The seller's hub, shop form (with the province → city → county picker), products tabs and
// poster, each with a fake seller API.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ListingPage, ProductStatus } from '../../contract/products';
import type { CreateShopRequest, ShopView } from '../../contract/shops';
import { SellerHomeScreen } from '../../miniprogram/src/subpackages/seller/pages/home/SellerHomeScreen';
import { ListingsScreen } from '../../miniprogram/src/subpackages/seller/pages/products/ListingsScreen';
import { PosterScreen } from '../../miniprogram/src/subpackages/seller/pages/poster/PosterScreen';
import { ShopFormScreen, type ShopFormScreenProps } from '../../miniprogram/src/subpackages/seller/pages/shop/ShopFormScreen';
import { setLocale } from '../../miniprogram/src/i18n';
import { clearAllDrafts, draftKeys, loadDraft } from '../../miniprogram/src/services/form-drafts';
import { ApiError, apiError } from '../../miniprogram/src/services/http';
import { listingCard, loadRegions, myShop, photo } from './fixtures';

beforeEach(() => {
  setLocale('zh-CN');
  loadRegions.mockClear();
  clearAllDrafts();
});

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const choose = async (label: string, name: string) => {
  const select = screen.getByLabelText(label) as HTMLSelectElement;
  await waitFor(() => expect(within(select).getByText(name)).toBeInTheDocument());
  const option = within(select).getByText(name) as HTMLOptionElement;
  fireEvent.change(select, { target: { value: option.value } });
  // The next level's list is fetched at once; let it land inside act.
  await act(async () => undefined);
};

/** The hub's order side, quiet: no orders today, alerts not configured. */
function homeOrders() {
  return {
    orders: {
      shopDashboard: jest.fn(async () => ({ today: { orders: 0, revenueFen: 0, date: '2026-11-28' }, counts: { awaiting_payment: 0, paid: 0, shipped: 0, completed: 0, cancelled: 0 }, openRefundRequests: 0, lowStock: [] })),
      reportSubscriptions: jest.fn(),
    },
    alerts: { config: jest.fn(async () => ({ simulatorLoginCodePath: null, simulatorSubscribePath: null, simulatorPaySheetPath: null, subscribeTemplates: { order_paid: null, order_shipped: null, new_order: null }, apiVersion: 'v1' as const })), requestSubscribe: jest.fn() },
  };
}

describe('seller centre hub', () => {
  test('with no shop: one big "open my shop"', async () => {
    const go = jest.fn();
    render(<SellerHomeScreen seller={{ myShop: jest.fn(async () => null) }} {...homeOrders()} go={go} openLogin={jest.fn()} />);
    fireEvent.click(await screen.findByText('开我的小店'));
    expect(go).toHaveBeenCalledWith('sellerShop');
  });

  test('with a shop: status, counts, low-stock warning and the ways on', async () => {
    const go = jest.fn();
    render(<SellerHomeScreen seller={{ myShop: jest.fn(async () => myShop) }} {...homeOrders()} go={go} openLogin={jest.fn()} />);
    expect(await screen.findByText('克东王家合作社')).toBeInTheDocument();
    expect(screen.getByText('营业中')).toBeInTheDocument();
    expect(screen.getByText('有 1 件商品库存不多了，记得补货')).toBeInTheDocument();
    fireEvent.click(screen.getByText('发布新商品'));
    expect(go).toHaveBeenCalledWith('sellerEditor');
    fireEvent.click(screen.getByText('草稿').parentElement!);
    expect(go).toHaveBeenCalledWith('sellerProducts', { status: 'draft' });
  });

  test('not logged in: a way to log in', async () => {
    const openLogin = jest.fn();
    render(<SellerHomeScreen seller={{ myShop: jest.fn().mockRejectedValue(apiError('LOGIN_REQUIRED')) }} {...homeOrders()} go={jest.fn()} openLogin={openLogin} />);
    fireEvent.click(await screen.findByText('去登录'));
    expect(openLogin).toHaveBeenCalled();
  });

  test('a suspended shop shows the platform’s reason', async () => {
    const suspended: ShopView = { ...myShop, suspended: { at: myShop.updatedAt, reason: '售卖假货' } };
    render(<SellerHomeScreen seller={{ myShop: jest.fn(async () => suspended) }} {...homeOrders()} go={jest.fn()} openLogin={jest.fn()} />);
    expect(await screen.findByText('小店已被平台暂停：售卖假货')).toBeInTheDocument();
    expect(screen.getByText('已被平台暂停')).toBeInTheDocument();
  });
});

describe('shop form', () => {
  function fakeSeller(shop: ShopView | null) {
    return {
      myShop: jest.fn(async () => shop),
      openShop: jest.fn(async (request: CreateShopRequest) => ({ ...myShop, name: request.name, version: 0 })),
      updateShop: jest.fn(async () => ({ ...myShop, version: myShop.version + 1 })),
      pauseShop: jest.fn(async () => ({ ...myShop, status: 'paused' as const, acceptingOrders: false })),
      reopenShop: jest.fn(async () => myShop),
    };
  }

  async function renderForm(seller: ReturnType<typeof fakeSeller>, extra: Partial<ShopFormScreenProps> = {}) {
    const props: ShopFormScreenProps = {
      seller,
      loadRegions,
      uploadPhoto: jest.fn(async () => photo(7)),
      pickImages: jest.fn(async () => ['blob:logo']),
      confirm: jest.fn(async () => true),
      opened: jest.fn(),
      ...extra,
    };
    render(<ShopFormScreen {...props} />);
    // The province list arrives right after the form; let it land before the test goes on.
    await waitFor(() => expect(props.loadRegions).toHaveBeenCalled());
    await act(async () => undefined);
    return props;
  }

  test('opening a shop: name, phone, logo and a region picked province → city → county', async () => {
    const seller = fakeSeller(null);
    const props = await renderForm(seller);
    await screen.findByLabelText('店名');
    type('店名', '  克东王家合作社 ');
    expect(screen.getByText('7/30')).toBeInTheDocument();
    type('简介', '自家种的小米');
    type('联系电话', '13800138000');
    fireEvent.click(screen.getByText('上传头像'));
    await waitFor(() => expect(props.uploadPhoto).toHaveBeenCalledWith('blob:logo', expect.any(Function)));

    expect(screen.getByLabelText('选择城市')).toBeDisabled();
    await choose('选择省份', '黑龙江省');
    await choose('选择城市', '齐齐哈尔市');
    await choose('选择区县', '克东县');
    expect(loadRegions.mock.calls.map(([parent]) => parent)).toEqual([undefined, '230000', '230200']);
    expect(screen.getByText('克东县', { selector: 'span' })).toBeInTheDocument();

    fireEvent.click(screen.getByText('开店'));
    await waitFor(() => expect(seller.openShop).toHaveBeenCalled());
    expect(seller.openShop).toHaveBeenCalledWith({
      name: '克东王家合作社',
      intro: '自家种的小米',
      phone: '13800138000',
      regionCode: '230230',
      logoPhotoId: photo(7).id,
    });
    expect(await screen.findByText('开店成功！')).toBeInTheDocument();
    expect(props.opened).toHaveBeenCalled();
  });

  test('changing the province clears the city and county below it', async () => {
    await renderForm(fakeSeller(null));
    await screen.findByLabelText('店名');
    await choose('选择省份', '黑龙江省');
    await choose('选择城市', '哈尔滨市');
    await choose('选择区县', '道里区');
    await choose('选择省份', '北京市');
    expect(screen.queryByText('道里区')).not.toBeInTheDocument();
    expect(screen.getByText('选择城市')).toBeInTheDocument();
    expect(screen.getByText('选择区县')).toBeInTheDocument();
  });

  test('missing fields are pointed out beside each field before anything is sent', async () => {
    const seller = fakeSeller(null);
    await renderForm(seller);
    await screen.findByLabelText('店名');
    fireEvent.click(screen.getByText('开店'));
    expect(await screen.findByText('有几项没填对，请看红字提示')).toBeInTheDocument();
    expect(screen.getAllByText('这一项要填')).toHaveLength(2);
    expect(screen.getByText('请选到区县')).toBeInTheDocument();
    expect(seller.openShop).not.toHaveBeenCalled();
  });

  test("the server's phone error shows beside the phone", async () => {
    const seller = fakeSeller(myShop);
    seller.updateShop.mockRejectedValue(
      new ApiError('VALIDATION_FAILED', '填写的内容不对，请检查后再试', 400, 'r', { fields: [{ path: 'phone', message: 'bad', code: 'invalid_string' }] }),
    );
    await renderForm(seller);
    expect(await screen.findByDisplayValue('克东王家合作社')).toBeInTheDocument();
    type('联系电话', '12345');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('请填手机号，或带区号的座机（如 0452-1234567）')).toBeInTheDocument();
  });

  test('editing keeps the region and sends the version', async () => {
    const seller = fakeSeller(myShop);
    await renderForm(seller);
    expect(await screen.findByDisplayValue('克东王家合作社')).toBeInTheDocument();
    expect(screen.getByText('黑龙江省', { selector: 'span' })).toBeInTheDocument();
    expect(screen.getByText('克东县', { selector: 'span' })).toBeInTheDocument();
    type('简介', '新简介');
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(seller.updateShop).toHaveBeenCalled());
    expect(seller.updateShop).toHaveBeenCalledWith('shop1', expect.objectContaining({ intro: '新简介', regionCode: '230230', version: 3, logoPhotoId: photo(1).id }));
    expect(await screen.findByText('已保存')).toBeInTheDocument();
  });

  test('pausing asks first, then shows the paused state; reopening is offered', async () => {
    const seller = fakeSeller(myShop);
    const confirm = jest.fn().mockResolvedValueOnce(false).mockResolvedValue(true);
    await renderForm(seller, { confirm });
    await screen.findByDisplayValue('克东王家合作社');
    fireEvent.click(screen.getByRole('button', { name: '暂停营业' }));
    await waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    expect(seller.pauseShop).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '暂停营业' }));
    await waitFor(() => expect(seller.pauseShop).toHaveBeenCalledWith('shop1'));
    expect(await screen.findByText('已暂停营业')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '恢复营业' })).toBeInTheDocument();
  });

  test('an edit whose save failed is offered back when the form opens again; discarding shows the saved shop', async () => {
    const seller = fakeSeller(myShop);
    seller.updateShop.mockRejectedValue(apiError('NETWORK'));
    await renderForm(seller);
    await screen.findByDisplayValue('克东王家合作社');
    type('简介', '新简介，还没存上');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('网络不好，请稍后再试')).toBeInTheDocument();
    cleanup();
    expect(loadDraft(draftKeys.shop('shop1'), (_data): _data is unknown => true)).toMatchObject({ version: 3 });

    const props = await renderForm(fakeSeller(myShop));
    expect(await screen.findByText('已恢复上次没保存的内容')).toBeInTheDocument();
    expect(screen.getByLabelText('简介')).toHaveValue('新简介，还没存上');
    expect(screen.getByText('克东县', { selector: 'span' })).toBeInTheDocument();
    fireEvent.click(screen.getByText('放弃，用已保存的'));
    await waitFor(() => expect(screen.getByLabelText('简介')).toHaveValue(myShop.intro));
    expect(props.confirm).toHaveBeenCalled();
    expect(screen.queryByText('已恢复上次没保存的内容')).not.toBeInTheDocument();
  });

  test('a half-filled new shop survives leaving the page, and opening the shop forgets it', async () => {
    await renderForm(fakeSeller(null));
    await screen.findByLabelText('店名');
    type('店名', '王家合作社');
    type('联系电话', '13800138000');
    cleanup();

    const seller = fakeSeller(null);
    await renderForm(seller);
    expect(await screen.findByDisplayValue('王家合作社')).toBeInTheDocument();
    expect(screen.getByDisplayValue('13800138000')).toBeInTheDocument();
    expect(screen.getByText('放弃，重新填')).toBeInTheDocument();
    await choose('选择省份', '黑龙江省');
    await choose('选择城市', '齐齐哈尔市');
    await choose('选择区县', '克东县');
    fireEvent.click(screen.getByText('开店'));
    expect(await screen.findByText('开店成功！')).toBeInTheDocument();
    expect(seller.openShop).toHaveBeenCalledWith(expect.objectContaining({ name: '王家合作社', phone: '13800138000' }));
    expect(screen.queryByText('已恢复上次没保存的内容')).not.toBeInTheDocument();
    cleanup();
    expect(loadDraft(draftKeys.newShop(null), (_data): _data is unknown => true)).toBeNull();
  });

  test('a region list that fails to load offers a retry', async () => {
    const flaky = jest.fn().mockRejectedValueOnce(apiError('NETWORK')).mockImplementation(loadRegions);
    await renderForm(fakeSeller(null), { loadRegions: flaky });
    expect(await screen.findByText('网络不好，请稍后再试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    await choose('选择省份', '北京市');
  });
});

describe('products tabs', () => {
  function fakeSeller() {
    const pages: Record<ProductStatus, ListingPage> = {
      on_sale: {
        items: [
          listingCard(1),
          listingCard(2, { title: '黄豆', lowStock: true, available: 3 }),
          listingCard(3, { title: '黑木耳', soldOut: true, available: 0 }),
          listingCard(4, { title: '蜂蜜', review: { state: 'flagged', reason: null, check: { label: 'advertising', keywords: ['最好'] }, at: null } }),
        ],
        page: 1, pageSize: 20, total: 4, counts: { on_sale: 4, off_shelf: 0, draft: 1 },
      },
      off_shelf: { items: [], page: 1, pageSize: 20, total: 0, counts: { on_sale: 4, off_shelf: 0, draft: 1 } },
      draft: { items: [listingCard(5, { title: '新米草稿', status: 'draft' })], page: 1, pageSize: 20, total: 1, counts: { on_sale: 4, off_shelf: 0, draft: 1 } },
    };
    return {
      myShop: jest.fn(async () => myShop),
      listings: jest.fn(async (_shopId: string, query: { status: ProductStatus }) => pages[query.status]),
    };
  }

  test('tabs with counts; cards show sold out, running low and under review; tap opens the editor', async () => {
    const seller = fakeSeller();
    const go = jest.fn();
    render(<ListingsScreen seller={seller} go={go} />);
    expect(await screen.findByText('黄豆')).toBeInTheDocument();
    const tabs = screen.getByRole('tablist');
    expect(within(tabs).getByText('在售 4')).toHaveAttribute('aria-selected', 'true');
    expect(within(tabs).getByText('已下架 0')).toBeInTheDocument();
    expect(within(tabs).getByText('草稿 1')).toBeInTheDocument();
    expect(within(screen.getByRole('link', { name: '黄豆' })).getByText('库存不多：还剩 3 件')).toBeInTheDocument();
    expect(within(screen.getByRole('link', { name: '黑木耳' })).getByText('已售完')).toBeInTheDocument();
    expect(within(screen.getByRole('link', { name: '蜂蜜' })).getByText('待平台审核')).toBeInTheDocument();

    fireEvent.click(within(tabs).getByText('草稿 1'));
    expect(await screen.findByText('新米草稿')).toBeInTheDocument();
    expect(seller.listings).toHaveBeenLastCalledWith('shop1', { status: 'draft', page: 1, pageSize: 20 });
    fireEvent.click(screen.getByRole('link', { name: '新米草稿' }));
    expect(go).toHaveBeenCalledWith('sellerEditor', { id: 'p5' });

    fireEvent.click(within(tabs).getByText('已下架 0'));
    expect(await screen.findByText('没有下架的商品')).toBeInTheDocument();
    fireEvent.click(screen.getByText('发布新商品'));
    expect(go).toHaveBeenCalledWith('sellerEditor');
  });

  test('opens on the tab asked for', async () => {
    const seller = fakeSeller();
    render(<ListingsScreen seller={seller} go={jest.fn()} initialStatus='draft' />);
    expect(await screen.findByText('新米草稿')).toBeInTheDocument();
  });
});

describe('poster', () => {
  const baseProps = () => ({
    productId: 'p1',
    seller: { downloadPoster: jest.fn(async () => 'wxfile://tmp/poster.png') },
    saveToAlbum: jest.fn(async () => 'saved' as const),
    openSettings: jest.fn(),
    preview: jest.fn(),
  });

  test('inside WeChat: saved to the album', async () => {
    const props = baseProps();
    render(<PosterScreen {...props} canSaveToAlbum />);
    fireEvent.click(await screen.findByText('保存到相册'));
    expect(await screen.findByText('已保存到相册，可以发朋友圈或群里了')).toBeInTheDocument();
    expect(props.saveToAlbum).toHaveBeenCalledWith('wxfile://tmp/poster.png');
  });

  test('album permission refused: plain words and a way to the settings', async () => {
    const props = { ...baseProps(), saveToAlbum: jest.fn(async () => 'denied' as const) };
    render(<PosterScreen {...props} canSaveToAlbum />);
    fireEvent.click(await screen.findByText('保存到相册'));
    expect(await screen.findByText(/没有保存到相册的权限/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('去设置'));
    expect(props.openSettings).toHaveBeenCalled();
  });

  test('in the browser: the image with a long-press hint', async () => {
    render(<PosterScreen {...baseProps()} canSaveToAlbum={false} />);
    expect(await screen.findByText('长按图片保存到手机，再发到朋友圈或群里')).toBeInTheDocument();
    expect(document.querySelector('img.poster__image')).toHaveAttribute('src', 'wxfile://tmp/poster.png');
    expect(screen.queryByText('保存到相册')).not.toBeInTheDocument();
  });

  test('a failed download can be retried', async () => {
    const props = baseProps();
    props.seller.downloadPoster.mockRejectedValueOnce(apiError('TIMEOUT'));
    render(<PosterScreen {...props} canSaveToAlbum />);
    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('保存到相册')).toBeInTheDocument();
  });
});
