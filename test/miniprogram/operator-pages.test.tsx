// The platform operators' pages with a fake operator API: shops searched, filtered, suspended
// with a reason (never without one) and reinstated; the review queue cleared and taken down; the
// Me page's way in shown only to operators; and the client's paths for all of it.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { PaymentSettingsView, UpdatePaymentSettingsRequest } from '../../contract/payments';
import type { AdminProductPage, ProductView } from '../../contract/products';
import type { AdminShopPage, ShopView } from '../../contract/shops';
import type { UserView } from '../../contract/users';
import { MeScreen } from '../../miniprogram/src/pages/me/MeScreen';
import { OperatorShopsScreen, type OperatorShopsScreenProps } from '../../miniprogram/src/subpackages/operator/pages/shops/OperatorShopsScreen';
import { ReviewScreen, type QueueItem, type ReviewScreenProps } from '../../miniprogram/src/subpackages/operator/pages/review/ReviewScreen';
import { setLocale } from '../../miniprogram/src/i18n';
import { createClient } from '../../miniprogram/src/services/client';
import type { AdminShopQuery } from '../../miniprogram/src/services/operator';
import { apiError } from '../../miniprogram/src/services/http';
import { saveSession } from '../../miniprogram/src/services/session';
import { listingCard, milletListing, myShop, NOW, photo } from './fixtures';
import { resetTaro, taro } from './stubs/taro';

beforeEach(() => setLocale('zh-CN'));

const suspendedShop: ShopView = {
  ...myShop,
  id: 'shop2',
  name: '黑河假蜂蜜店',
  status: 'open',
  acceptingOrders: false,
  suspended: { at: '2026-11-27T02:30:00.000Z', reason: '卖假蜂蜜' },
};

const pageOf = <T,>(items: T[]) => ({ items, page: 1, pageSize: 20, total: items.length });

function fakeShopsOperator(shops: ShopView[] = [myShop, suspendedShop]) {
  return {
    adminShops: jest.fn(async (query: AdminShopQuery = {}): Promise<AdminShopPage> =>
      pageOf(shops.filter((s) => (!query.q || s.name.includes(query.q)) && (query.suspended === undefined || !!s.suspended === query.suspended))),
    ),
    suspendShop: jest.fn(async (shopId: string, reason: string): Promise<ShopView> => ({
      ...shops.find((s) => s.id === shopId)!,
      acceptingOrders: false,
      suspended: { at: NOW, reason },
    })),
    unsuspendShop: jest.fn(async (shopId: string): Promise<ShopView> => ({ ...shops.find((s) => s.id === shopId)!, acceptingOrders: true, suspended: null })),
  };
}

/** Every shop under a service provider; the first has its sub-merchant id, the others none yet. */
function fakePayments(settings: Record<string, PaymentSettingsView> = {}) {
  const stored: Record<string, PaymentSettingsView> = {
    shop1: { mode: 'partner', wechatPay: true, subMchid: '1900000109', version: 2 },
    ...settings,
  };
  return {
    paymentSettings: jest.fn(async (shopId: string) => stored[shopId] ?? { mode: 'partner' as const, wechatPay: false, subMchid: null, version: 0 }),
    updatePaymentSettings: jest.fn(async (shopId: string, request: UpdatePaymentSettingsRequest): Promise<PaymentSettingsView> => {
      const now = stored[shopId] ?? { mode: 'partner' as const, wechatPay: false, subMchid: null, version: 0 };
      if (request.version !== now.version) throw apiError('VERSION_CONFLICT');
      stored[shopId] = { ...now, subMchid: request.subMchid, wechatPay: request.subMchid !== null, version: now.version + 1 };
      return stored[shopId];
    }),
  };
}

function renderShops(operator = fakeShopsOperator(), extra: Partial<OperatorShopsScreenProps> = {}) {
  const props: OperatorShopsScreenProps = { operator, payments: fakePayments(), go: jest.fn(), openLogin: jest.fn(), confirm: jest.fn(async () => true), ...extra };
  render(<OperatorShopsScreen {...props} />);
  return props;
}

const typeInto = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('operator shops', () => {
  test("each shop's WeChat Pay, read from its payment settings", async () => {
    const payments = fakePayments({ shop2: { mode: 'partner', wechatPay: false, subMchid: null, version: 0 } });
    renderShops(undefined, { payments });
    const open = await screen.findByRole('button', { name: '克东王家合作社' });
    expect(await within(open).findByText('微信支付：已开通（子商户号 1900000109）')).toBeInTheDocument();
    expect(await within(screen.getByRole('button', { name: '黑河假蜂蜜店' })).findByText('微信支付：未开通（未填子商户号）')).toBeInTheDocument();
    expect(payments.paymentSettings.mock.calls.map(([id]) => id).sort()).toEqual(['shop1', 'shop2']);
  });

  test('lists every shop with its region, status and the suspension reason', async () => {
    const { operator } = renderShops();
    expect(await screen.findByText('克东王家合作社')).toBeInTheDocument();
    expect(screen.getByText('共 2 家小店')).toBeInTheDocument();
    const suspended = screen.getByRole('button', { name: '黑河假蜂蜜店' });
    expect(within(suspended).getByText('已被平台暂停')).toBeInTheDocument();
    // 02:30 UTC is 10:30 in China.
    expect(within(suspended).getByText('2026-11-27 10:30 被暂停：卖假蜂蜜')).toBeInTheDocument();
    const open = screen.getByRole('button', { name: '克东王家合作社' });
    expect(within(open).getByText('营业中')).toBeInTheDocument();
    expect(within(open).getByText('黑龙江省 齐齐哈尔市 克东县')).toBeInTheDocument();
    expect(operator.adminShops).toHaveBeenCalledWith({ q: undefined, suspended: undefined, page: 1, pageSize: 20 });
  });

  test('searches by name, with the button or the keyboard’s search key', async () => {
    const { operator } = renderShops();
    await screen.findByText('克东王家合作社');
    typeInto('搜索店名', ' 蜂蜜 ');
    fireEvent.click(screen.getByText('搜索'));
    await waitFor(() => expect(screen.queryByText('克东王家合作社')).not.toBeInTheDocument());
    expect(screen.getByText('黑河假蜂蜜店')).toBeInTheDocument();
    expect(operator.adminShops).toHaveBeenLastCalledWith({ q: '蜂蜜', suspended: undefined, page: 1, pageSize: 20 });

    typeInto('搜索店名', '没有这家');
    fireEvent.keyDown(screen.getByLabelText('搜索店名'), { key: 'Enter' });
    expect(await screen.findByText('没有找到小店')).toBeInTheDocument();
  });

  test('filters: 全部 / 正常 / 已暂停', async () => {
    const { operator } = renderShops();
    await screen.findByText('克东王家合作社');
    fireEvent.click(screen.getByRole('tab', { name: '已暂停' }));
    await waitFor(() => expect(screen.queryByText('克东王家合作社')).not.toBeInTheDocument());
    expect(screen.getByText('黑河假蜂蜜店')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '已暂停' })).toHaveAttribute('aria-selected', 'true');
    expect(operator.adminShops).toHaveBeenLastCalledWith(expect.objectContaining({ suspended: true }));

    fireEvent.click(screen.getByRole('tab', { name: '正常' }));
    await waitFor(() => expect(screen.queryByText('黑河假蜂蜜店')).not.toBeInTheDocument());
    expect(screen.getByText('克东王家合作社')).toBeInTheDocument();
    expect(operator.adminShops).toHaveBeenLastCalledWith(expect.objectContaining({ suspended: false }));

    fireEvent.click(screen.getByRole('tab', { name: '全部' }));
    await screen.findByText('黑河假蜂蜜店');
    expect(operator.adminShops).toHaveBeenLastCalledWith(expect.objectContaining({ suspended: undefined }));
  });

  test('suspending needs a reason, asks first, and shows the shop suspended', async () => {
    const props = renderShops();
    const { operator } = props;
    fireEvent.click(await screen.findByRole('button', { name: '克东王家合作社' }));
    const sheet = screen.getByRole('dialog', { name: '克东王家合作社' });

    // No reason: refused on the phone, nothing asked, nothing sent.
    typeInto('原因（店主会看到）', '   ');
    fireEvent.click(within(sheet).getByText('暂停这家店'));
    expect(await within(sheet).findByText('请写明原因')).toBeInTheDocument();
    expect(props.confirm).not.toHaveBeenCalled();
    expect(operator.suspendShop).not.toHaveBeenCalled();

    typeInto('原因（店主会看到）', ' 多次发货缺斤少两 ');
    expect(within(sheet).getByText('8/200')).toBeInTheDocument();
    fireEvent.click(within(sheet).getByText('暂停这家店'));
    await waitFor(() => expect(operator.suspendShop).toHaveBeenCalledWith('shop1', '多次发货缺斤少两'));
    expect(props.confirm).toHaveBeenCalledWith('暂停“克东王家合作社”？', expect.stringContaining('买家将看不到这家店'), '暂停', '取消');
    expect(await screen.findByText('已暂停“克东王家合作社”')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const row = screen.getByRole('button', { name: '克东王家合作社' });
    expect(within(row).getByText('已被平台暂停')).toBeInTheDocument();
    expect(within(row).getByText('2026-11-28 16:00 被暂停：多次发货缺斤少两')).toBeInTheDocument();
  });

  test('saying no to the question changes nothing', async () => {
    const props = renderShops(fakeShopsOperator(), { confirm: jest.fn(async () => false) });
    fireEvent.click(await screen.findByRole('button', { name: '克东王家合作社' }));
    typeInto('原因（店主会看到）', '测试');
    fireEvent.click(screen.getByText('暂停这家店'));
    await waitFor(() => expect(props.confirm).toHaveBeenCalled());
    expect(props.operator.suspendShop).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  test('lifting a suspension, after a yes', async () => {
    const props = renderShops();
    fireEvent.click(await screen.findByRole('button', { name: '黑河假蜂蜜店' }));
    const sheet = screen.getByRole('dialog', { name: '黑河假蜂蜜店' });
    expect(within(sheet).getByText('2026-11-27 10:30 被暂停：卖假蜂蜜')).toBeInTheDocument();
    expect(within(sheet).queryByLabelText('原因（店主会看到）')).not.toBeInTheDocument();
    fireEvent.click(within(sheet).getByText('恢复这家店'));
    await waitFor(() => expect(props.operator.unsuspendShop).toHaveBeenCalledWith('shop2'));
    expect(props.confirm).toHaveBeenCalledWith('恢复“黑河假蜂蜜店”？', expect.any(String), '恢复', '取消');
    expect(await screen.findByText('已恢复“黑河假蜂蜜店”')).toBeInTheDocument();
    expect(within(screen.getByRole('button', { name: '黑河假蜂蜜店' })).getByText('营业中')).toBeInTheDocument();
  });

  test('loading the next page keeps a change made on the first', async () => {
    const operator = fakeShopsOperator();
    const later: ShopView = { ...myShop, id: 'shop3', name: '漠河蓝莓园' };
    operator.adminShops.mockImplementation(async (query: AdminShopQuery = {}) =>
      query.page === 2 ? { items: [later], page: 2, pageSize: 20, total: 2 } : { items: [myShop], page: 1, pageSize: 20, total: 2 },
    );
    renderShops(operator);
    fireEvent.click(await screen.findByRole('button', { name: '克东王家合作社' }));
    typeInto('原因（店主会看到）', '缺斤少两');
    fireEvent.click(screen.getByText('暂停这家店'));
    await screen.findByText('已暂停“克东王家合作社”');
    fireEvent.click(screen.getByText('加载更多'));
    expect(await screen.findByText('漠河蓝莓园')).toBeInTheDocument();
    expect(within(screen.getByRole('button', { name: '克东王家合作社' })).getByText('已被平台暂停')).toBeInTheDocument();
  });

  test('a refused action says why in plain words', async () => {
    const operator = fakeShopsOperator();
    operator.unsuspendShop.mockRejectedValue(apiError('NETWORK'));
    renderShops(operator);
    fireEvent.click(await screen.findByRole('button', { name: '黑河假蜂蜜店' }));
    fireEvent.click(screen.getByText('恢复这家店'));
    expect(await screen.findByText('网络不好，请稍后再试')).toBeInTheDocument();
  });

  test('the review queue is one tap away', async () => {
    const props = renderShops();
    await screen.findByText('克东王家合作社');
    fireEvent.click(screen.getByText('商品审核'));
    expect(props.go).toHaveBeenCalledWith('operatorReview');
  });

  test('not logged in: the way to log in; not an operator: plain words', async () => {
    const operator = fakeShopsOperator();
    operator.adminShops.mockRejectedValue(apiError('LOGIN_REQUIRED'));
    const props = renderShops(operator);
    fireEvent.click(await screen.findByText('去登录'));
    expect(props.openLogin).toHaveBeenCalled();
  });

  test('someone who is not an operator is told so', async () => {
    const operator = fakeShopsOperator();
    operator.adminShops.mockRejectedValue(apiError('FORBIDDEN', 403));
    renderShops(operator);
    expect(await screen.findByText('只有平台管理员能用这里')).toBeInTheDocument();
  });

  test('speaks English', async () => {
    setLocale('en');
    renderShops();
    expect(await screen.findByText('Suspended 2026-11-27 10:30: 卖假蜂蜜')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Suspended' })).toBeInTheDocument();
    expect(screen.getByText('Product review')).toBeInTheDocument();
  });
});

describe('operator review queue', () => {
  const flaggedAt = '2026-11-28T01:05:00.000Z';
  const flagged: QueueItem = {
    ...listingCard(1, { title: '最好的东北小米', review: { state: 'flagged', reason: null, check: { label: 'advertising', keywords: ['最好'] }, at: flaggedAt } }),
    shopId: 'shop1',
    shopName: '克东王家合作社',
  };
  const other: QueueItem = { ...listingCard(2, { review: { state: 'flagged', reason: null, check: null, at: flaggedAt } }), shopId: 'shop1', shopName: '克东王家合作社' };
  const product: ProductView = {
    ...milletListing,
    id: 'p1',
    title: '最好的东北小米',
    status: 'on_sale',
    review: flagged.review,
  };

  function fakeReviewer() {
    return {
      reviewQueue: jest.fn(async (query: { review?: string } = {}): Promise<AdminProductPage> =>
        pageOf(query.review === 'flagged' ? [flagged, other] : []),
      ),
      listing: jest.fn(async () => product),
      clearProduct: jest.fn(async (): Promise<ProductView> => ({ ...product, review: { ...product.review, state: 'cleared' } })),
      takeDownProduct: jest.fn(async (_id: string, reason: string): Promise<ProductView> => ({
        ...product,
        status: 'off_shelf',
        review: { state: 'taken_down', reason, check: null, at: NOW },
      })),
    };
  }

  function renderReview(operator = fakeReviewer(), extra: Partial<ReviewScreenProps> = {}) {
    const props: ReviewScreenProps = { operator, openLogin: jest.fn(), confirm: jest.fn(async () => true), preview: jest.fn(), ...extra };
    render(<ReviewScreen {...props} />);
    return props;
  }

  test('the queue: cover, title, shop and when; other tabs ask for their state', async () => {
    const { operator } = renderReview();
    const row = await screen.findByRole('button', { name: '最好的东北小米' });
    expect(within(row).getByText('店铺：克东王家合作社')).toBeInTheDocument();
    expect(within(row).getByText('时间：2026-11-28 09:05')).toBeInTheDocument();
    expect(row.querySelector('img')).toHaveAttribute('src', expect.stringContaining(photo(1).thumbUrl));
    expect(operator.reviewQueue).toHaveBeenCalledWith({ review: 'flagged', page: 1, pageSize: 20 });

    fireEvent.click(screen.getByRole('tab', { name: '已下架' }));
    expect(await screen.findByText('还没有下架的商品')).toBeInTheDocument();
    expect(operator.reviewQueue).toHaveBeenLastCalledWith({ review: 'taken_down', page: 1, pageSize: 20 });
  });

  test('opening one shows its full text and photos; 通过 clears it and it leaves the queue', async () => {
    const props = renderReview();
    fireEvent.click(await screen.findByRole('button', { name: '最好的东北小米' }));
    expect(await screen.findByText('黑土地上种的小米，熬粥有米油。')).toBeInTheDocument();
    expect(props.operator.listing).toHaveBeenCalledWith('p1');
    expect(screen.getByText('微信内容检查认为可能涉及广告（最好）')).toBeInTheDocument();
    expect(screen.getByText('2.5公斤袋装 · ¥38.00 · 2.5 kg')).toBeInTheDocument();
    expect(screen.getByText('储存方法：阴凉干燥处保存')).toBeInTheDocument();
    const photos = document.querySelectorAll('img.review-detail__photo');
    expect(photos).toHaveLength(2);
    fireEvent.click(photos[1]);
    expect(props.preview).toHaveBeenCalledWith(
      [expect.stringContaining(photo(3).largeUrl), expect.stringContaining(photo(4).largeUrl)],
      expect.stringContaining(photo(4).largeUrl),
    );

    fireEvent.click(screen.getByText('通过'));
    await waitFor(() => expect(props.operator.clearProduct).toHaveBeenCalledWith('p1'));
    expect(await screen.findByText('已通过：“最好的东北小米”照常在售')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '最好的东北小米' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '东北小米 2' })).toBeInTheDocument();
  });

  test('下架 needs a reason, asks first, then takes it down', async () => {
    const props = renderReview();
    fireEvent.click(await screen.findByRole('button', { name: '最好的东北小米' }));
    await screen.findByText('黑土地上种的小米，熬粥有米油。');
    fireEvent.click(screen.getByText('下架'));
    fireEvent.click(screen.getByText('确认下架'));
    expect(await screen.findByText('请写明原因')).toBeInTheDocument();
    expect(props.confirm).not.toHaveBeenCalled();

    typeInto('原因（店主会看到）', '标题用了“最好”');
    fireEvent.click(screen.getByText('确认下架'));
    await waitFor(() => expect(props.operator.takeDownProduct).toHaveBeenCalledWith('p1', '标题用了“最好”'));
    expect(props.confirm).toHaveBeenCalledWith('下架“最好的东北小米”？', expect.any(String), '确认下架', '取消');
    expect(await screen.findByText('已下架“最好的东北小米”')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '最好的东北小米' })).not.toBeInTheDocument();
  });

  test('a product that cannot be loaded says so, with retry and the way back', async () => {
    const operator = fakeReviewer();
    operator.listing.mockRejectedValueOnce(apiError('NOT_FOUND', 404));
    renderReview(operator);
    fireEvent.click(await screen.findByRole('button', { name: '最好的东北小米' }));
    expect(await screen.findByText('没有找到这个内容')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('黑土地上种的小米，熬粥有米油。')).toBeInTheDocument();
    fireEvent.click(screen.getByText('‹ 返回审核列表'));
    expect(await screen.findByRole('tab', { name: '待审核' })).toBeInTheDocument();
  });
});

describe('the Me page’s way to the platform admin', () => {
  const person = (roles: UserView['roles']): UserView => ({ id: 'u9', nickname: '县电商中心小李', avatarUrl: null, roles, createdAt: NOW });
  const account = (user: UserView) => ({
    currentUser: jest.fn(async () => user),
    loginAs: jest.fn(),
    updateMe: jest.fn(),
    uploadAvatar: jest.fn(),
    logout: jest.fn(async () => undefined),
  });
  const renderMe = (user: UserView) => {
    const openOperatorCentre = jest.fn();
    render(
      <MeScreen account={account(user)} browserLogin nativeAvatarPicker={false} pickImage={jest.fn()} openSellerCentre={jest.fn()} openOperatorCentre={openOperatorCentre} />,
    );
    return openOperatorCentre;
  };

  test('shown to an operator, and it opens the admin pages', async () => {
    const openOperatorCentre = renderMe(person(['buyer', 'operator']));
    fireEvent.click(await screen.findByText('运营后台'));
    expect(openOperatorCentre).toHaveBeenCalled();
  });

  test('not shown to a buyer or a seller', async () => {
    renderMe(person(['buyer', 'seller']));
    await screen.findByText('县电商中心小李');
    expect(screen.queryByText('运营后台')).not.toBeInTheDocument();
  });

  test('“Platform admin” in English', async () => {
    setLocale('en');
    renderMe(person(['operator']));
    expect(await screen.findByText('Platform admin')).toBeInTheDocument();
  });
});

describe('operator client', () => {
  const BASE = 'https://api.test';
  interface Call {
    url: string;
    method: string;
    data?: unknown;
    header: Record<string, string>;
  }
  beforeEach(() => {
    resetTaro();
    saveSession({ token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', userId: 'u1' });
  });

  test('paths, queries and bodies come from the contract; every call carries the token', async () => {
    taro.request.mockImplementation(() => Promise.resolve({ statusCode: 200, data: { items: [], page: 1, pageSize: 20, total: 0 }, header: {} }));
    const c = createClient({ baseUrl: BASE, weChatLoginCode: async () => 'code-1' });
    await act(async () => {
      await c.adminShops({ q: ' 小米 ', suspended: false, page: 2 });
      await c.adminShops();
      await c.suspendShop('s1', '卖假货');
      await c.unsuspendShop('s1');
      await c.reviewQueue({ review: 'flagged' });
      await c.clearProduct('p1');
      await c.takeDownProduct('p1', '虚假宣传');
    });
    const calls = taro.request.mock.calls.map(([options]) => options as Call);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      `GET ${BASE}/api/v1/admin/shops?q=%E5%B0%8F%E7%B1%B3&suspended=false&page=2`,
      `GET ${BASE}/api/v1/admin/shops`,
      `POST ${BASE}/api/v1/admin/shops/s1/suspend`,
      `POST ${BASE}/api/v1/admin/shops/s1/unsuspend`,
      `GET ${BASE}/api/v1/admin/products?review=flagged`,
      `POST ${BASE}/api/v1/admin/products/p1/clear`,
      `POST ${BASE}/api/v1/admin/products/p1/take-down`,
    ]);
    expect(calls[2].data).toEqual({ reason: '卖假货' });
    expect(calls[6].data).toEqual({ reason: '虚假宣传' });
    for (const call of calls) expect(call.header.Authorization).toBe('Bearer tok');
  });
});
