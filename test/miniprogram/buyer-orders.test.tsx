// The buyer's order pages with fake clients: buying from the product page, the cart with the
// quote's problems, checkout (one order per tap, the subscribe dialog first, a changed price,
// nothing lost on a failure), my orders, an order's actions, and the address book.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { SavedAddressView } from '../../contract/addresses';
import type { OrderCard, OrderPage, OrderView } from '../../contract/orders';
import { setLocale } from '../../miniprogram/src/i18n';
import { AddressesScreen } from '../../miniprogram/src/pages/addresses/AddressesScreen';
import { CartScreen } from '../../miniprogram/src/pages/cart/CartScreen';
import { CheckoutScreen, type CheckoutScreenProps } from '../../miniprogram/src/pages/checkout/CheckoutScreen';
import { OrderScreen } from '../../miniprogram/src/pages/order/OrderScreen';
import { OrdersScreen } from '../../miniprogram/src/pages/orders/OrdersScreen';
import { ProductScreen } from '../../miniprogram/src/pages/product/ProductScreen';
import { addToCart, loadCart } from '../../miniprogram/src/services/cart';
import { createOrders } from '../../miniprogram/src/services/orders';
import { ApiError, apiError, type Http } from '../../miniprogram/src/services/http';
import { buyerConfig, millet, NOW, ORDER_IDS, orderView, quoteLine, quoteView, savedHome } from './fixtures';
import { resetTaro } from './stubs/taro';

const { SHOP, P1, V1 } = ORDER_IDS;
const quote = quoteView;
const order = orderView;
const config = buyerConfig;

beforeEach(() => {
  resetTaro();
  setLocale('zh-CN');
});

describe('product page', () => {
  test('adds the picked pack and quantity to the cart, and buy-now opens checkout with just that line', async () => {
    const go = jest.fn();
    const product = { ...millet, id: P1, shop: { ...millet.shop, id: SHOP }, variants: [{ ...millet.variants[0], id: V1, fewLeft: 3 }] };
    render(<ProductScreen productId={P1} catalog={{ product: jest.fn(async () => product), scene: jest.fn() }} go={go} />);
    await screen.findByText('东北小米');
    fireEvent.click(screen.getByRole('button', { name: '加一件' }));
    fireEvent.click(screen.getByRole('button', { name: '加一件' }));
    // Only three are left: the stepper stops there.
    expect(screen.getByRole('button', { name: '加一件' })).toBeDisabled();
    fireEvent.click(screen.getByText('加入购物车'));
    expect(screen.getByText('已加入购物车')).toBeInTheDocument();
    expect(loadCart(SHOP)?.lines[0]).toMatchObject({ productId: P1, variantId: V1, quantity: 3, priceFen: 3800 });
    expect(screen.getByText('购物车 1')).toBeInTheDocument();
    fireEvent.click(screen.getByText('立即购买'));
    expect(go).toHaveBeenCalledWith('checkout', { shop: SHOP, buy: `${P1}.${V1}.3` });
  });

  test('a paused shop or a sold-out pack cannot be bought', async () => {
    const product = { ...millet, shop: { ...millet.shop, acceptingOrders: false } };
    render(<ProductScreen productId='p1' catalog={{ product: jest.fn(async () => product), scene: jest.fn() }} go={jest.fn()} />);
    await screen.findByText('东北小米');
    expect(screen.getByText('加入购物车')).toBeDisabled();
    expect(screen.getByText('立即购买')).toBeDisabled();
  });
});

describe('cart', () => {
  test('shows the quote’s problems, blocks checkout until fixed, and re-prices on a change', async () => {
    addToCart({ id: SHOP, name: '克东王家合作社' }, { productId: P1, variantId: V1, quantity: 12, title: '东北小米', variantName: '2.5公斤袋装', priceFen: 3800, netWeightGrams: 2500, cover: null });
    const orders = {
      quote: jest
        .fn()
        .mockResolvedValueOnce(quote({ lines: [{ ...quoteLine, quantity: 12, available: 10, problem: 'not_enough' }] }))
        .mockResolvedValue(quote()),
    };
    const go = jest.fn();
    render(<CartScreen orders={orders} go={go} openHome={jest.fn()} confirm={jest.fn(async () => true)} />);
    expect(await screen.findByText('只剩 10 件了')).toBeInTheDocument();
    expect(screen.getByText('去结算')).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: '减一件' }));
    await waitFor(() => expect(screen.queryByText('只剩 10 件了')).not.toBeInTheDocument());
    expect(orders.quote).toHaveBeenLastCalledWith({ shopId: SHOP, lines: [{ productId: P1, variantId: V1, quantity: 11 }] });
    fireEvent.click(screen.getByText('去结算'));
    expect(go).toHaveBeenCalledWith('checkout', { shop: SHOP });
  });
});

function renderCheckout(overrides: Partial<CheckoutScreenProps> = {}) {
  const orders = {
    quote: jest.fn(async () => quote()),
    placeOrder: jest.fn(async (_request: unknown) => order()),
    myAddresses: jest.fn(async () => [savedHome]),
    reportSubscriptions: jest.fn(async () => ({ credits: { order_paid: 1, order_shipped: 1, new_order: 0 } })),
    pay: jest.fn(),
    checkPayment: jest.fn(),
  };
  const props: CheckoutScreenProps = {
    shopId: SHOP,
    buy: `${P1}.${V1}.2`,
    orders,
    loadRegions: jest.fn(async () => []),
    clientConfig: jest.fn(async () => config),
    chooseWeChatAddress: null,
    requestSubscribe: jest.fn(async () => ({ tpl_paid: 'accept' as const, tpl_shipped: 'reject' as const })),
    requestPayment: jest.fn(),
    go: jest.fn(),
    replace: jest.fn(),
    openLogin: jest.fn(),
    takePickedAddress: () => null,
    ...overrides,
  };
  render(<CheckoutScreen {...props} />);
  return { props, orders };
}

describe('checkout', () => {
  test('prices with the default address’s county, asks to subscribe on the tap, places once and opens the order', async () => {
    const { props, orders } = renderCheckout();
    expect(await screen.findByText('¥88.00', { selector: '.order-total' })).toBeInTheDocument();
    expect(orders.quote).toHaveBeenLastCalledWith({ shopId: SHOP, lines: [{ productId: P1, variantId: V1, quantity: 2 }], regionCode: '230230' });
    expect(screen.getByText('5.2 kg（10.4 斤）')).toBeInTheDocument();
    expect(screen.getByText('直接付款给卖家（转账或现金，卖家确认收款）')).toBeInTheDocument();
    await waitFor(() => expect(props.clientConfig).toHaveBeenCalled());
    await act(async () => undefined);
    fireEvent.input(screen.getByLabelText('给卖家留言'), { target: { value: '放门卫室' } });
    fireEvent.change(screen.getByLabelText('给卖家留言'), { target: { value: '放门卫室' } });
    const submit = screen.getByText('提交订单');
    fireEvent.click(submit);
    fireEvent.click(submit);
    expect(props.requestSubscribe).toHaveBeenCalledWith(['tpl_paid', 'tpl_shipped'], '/wechat-sim/dev/subscribe');
    // The dialog is asked for before the order goes out (WeChat needs it straight from the tap).
    expect((props.requestSubscribe as jest.Mock).mock.invocationCallOrder[0]).toBeLessThan(orders.placeOrder.mock.invocationCallOrder[0]);
    await waitFor(() => expect(props.replace).toHaveBeenCalledWith('order', { id: 'o1' }));
    expect(orders.placeOrder).toHaveBeenCalledTimes(1);
    expect(orders.placeOrder).toHaveBeenCalledWith({
      shopId: SHOP,
      lines: [{ productId: P1, variantId: V1, quantity: 2 }],
      address: { name: '张三', phone: '13800138000', regionCode: '230230', detail: '前进村 3 号' },
      buyerNote: '放门卫室',
      paymentMethod: 'direct',
      expectedTotalFen: 8800,
      saveAddress: false,
    });
    await waitFor(() => expect(orders.reportSubscriptions).toHaveBeenCalledWith({ tpl_paid: 'accept', tpl_shipped: 'reject' }));
  });

  test('a changed price shows the new total, and the next tap confirms it', async () => {
    const changed = quote({ totalFen: 9000, shipping: { ships: true, fen: 1400, free: false } });
    const { orders } = renderCheckout();
    await screen.findByText('¥88.00', { selector: '.order-total' });
    orders.placeOrder.mockRejectedValueOnce(new ApiError('PRICE_CHANGED', '价格或运费有变化，请确认新的金额', 409, undefined, { quote: changed }));
    fireEvent.click(screen.getByText('提交订单'));
    expect(await screen.findByText('价格或运费变了，现在合计 ¥90.00。确认没问题请再点“提交订单”')).toBeInTheDocument();
    expect(screen.getByText('¥90.00', { selector: '.order-total' })).toBeInTheDocument();
    fireEvent.click(screen.getByText('提交订单'));
    await waitFor(() => expect(orders.placeOrder).toHaveBeenCalledTimes(2));
    expect(orders.placeOrder.mock.calls[1][0]).toMatchObject({ expectedTotalFen: 9000 });
  });

  test('a typed address is checked on the phone before anything is sent', async () => {
    const { orders } = renderCheckout();
    await screen.findByText('¥88.00', { selector: '.order-total' });
    fireEvent.click(screen.getByText('+ 填写新地址'));
    fireEvent.change(screen.getByLabelText('手机号'), { target: { value: '12345' } });
    // Without a region there is no shipping yet; the new quote comes first.
    await waitFor(() => expect(screen.getByText('提交订单')).not.toBeDisabled());
    fireEvent.click(screen.getByText('提交订单'));
    expect(screen.getByText('请填写 11 位手机号')).toBeInTheDocument();
    expect(screen.getByText('请填写收货人姓名')).toBeInTheDocument();
    expect(orders.placeOrder).not.toHaveBeenCalled();
  });

  test('a network failure loses nothing: the note comes back when the checkout opens again', async () => {
    jest.useFakeTimers();
    try {
      const first = renderCheckout();
      await act(async () => undefined);
      first.orders.placeOrder.mockRejectedValue(apiError('NETWORK'));
      fireEvent.change(screen.getByLabelText('给卖家留言'), { target: { value: '周末在家' } });
      await act(async () => undefined);
      fireEvent.click(screen.getByText('提交订单'));
      await act(async () => undefined);
      expect(screen.getByText('网络不好，请稍后再试')).toBeInTheDocument();
      act(() => jest.advanceTimersByTime(600));
    } finally {
      jest.useRealTimers();
    }
    document.body.innerHTML = '';
    renderCheckout();
    expect(await screen.findByDisplayValue('周末在家')).toBeInTheDocument();
  });

  test('a province the shop does not ship to is said in words and cannot be ordered', async () => {
    renderCheckout({
      orders: {
        quote: jest.fn(async () => quote({ shipping: { ships: false, province: '新疆维吾尔自治区' }, totalFen: 7600 })),
        placeOrder: jest.fn(),
        myAddresses: jest.fn(async () => [savedHome]),
        reportSubscriptions: jest.fn(),
        pay: jest.fn(),
        checkPayment: jest.fn(),
      },
    });
    expect((await screen.findAllByText('这家店不发货到新疆维吾尔自治区')).length).toBeGreaterThan(0);
    expect(screen.getByText('提交订单')).toBeDisabled();
  });
});

describe('my orders', () => {
  const card: OrderCard = {
    id: 'o1', orderNo: '20261128-4821937', status: 'awaiting_payment', shop: { id: SHOP, name: '克东王家合作社' }, title: '东北小米', cover: null,
    lineCount: 2, packCount: 3, totalFen: 8800, weightGrams: 5200, receiver: { name: '张三', phoneMasked: '138****8000', province: '黑龙江省' },
    paymentMethod: 'direct', expiresAt: '2026-11-28T08:25:00.000Z', createdAt: NOW,
  };
  const page: OrderPage = { items: [card], page: 1, pageSize: 20, total: 1, counts: { awaiting_payment: 1, paid: 2, shipped: 0, completed: 4, cancelled: 0 } };

  test('tabs with counts, cards with "等N件" and the time left to pay, a tab per status', async () => {
    const orders = { myOrders: jest.fn(async () => page) };
    const go = jest.fn();
    render(<OrdersScreen orders={orders} go={go} openLogin={jest.fn()} canLogIn={() => true} now={() => Date.parse(NOW)} />);
    expect(await screen.findByText('东北小米等3件')).toBeInTheDocument();
    expect(screen.getByText('还剩 25 分钟付款')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '待付款 1' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '待发货 2' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: '待发货 2' }));
    await waitFor(() => expect(orders.myOrders).toHaveBeenLastCalledWith({ status: 'paid', page: 1, pageSize: 20 }));
    fireEvent.click(await screen.findByRole('link', { name: card.orderNo }));
    expect(go).toHaveBeenCalledWith('order', { id: 'o1' });
    // The second tab's page lands after the click; let it, inside act.
    await act(() => orders.myOrders.mock.results[orders.myOrders.mock.results.length - 1].value);
  });

  test('nobody logged in: the way to log in, and no request', async () => {
    const orders = { myOrders: jest.fn() };
    const openLogin = jest.fn();
    render(<OrdersScreen orders={orders} go={jest.fn()} openLogin={openLogin} canLogIn={() => false} />);
    await act(async () => undefined); // the empty page it shows meanwhile lands inside act
    fireEvent.click(screen.getByText('去登录'));
    expect(openLogin).toHaveBeenCalled();
    expect(orders.myOrders).not.toHaveBeenCalled();
  });
});

describe('an order', () => {
  function renderOrder(loaded: OrderView, extra: Partial<{ cancelOrder: jest.Mock; confirmReceipt: jest.Mock }> = {}) {
    const orders = { order: jest.fn(async () => loaded), cancelOrder: jest.fn(), confirmReceipt: jest.fn(), pay: jest.fn(), checkPayment: jest.fn(), requestRefund: jest.fn(), ...extra };
    const props = {
      copy: jest.fn(async () => true), call: jest.fn(), confirm: jest.fn(async () => true), clientConfig: jest.fn(async () => config), requestPayment: jest.fn(),
    };
    render(<OrderScreen orderId='o1' orders={orders} go={jest.fn()} openLogin={jest.fn()} now={() => Date.parse(NOW)} {...props} />);
    return { orders, ...props };
  }

  test('unpaid: pay the seller directly, call them, and cancel with a reason', async () => {
    const { orders, call } = renderOrder(order());
    expect(await screen.findByText('请直接付款给卖家（转账或现金）')).toBeInTheDocument();
    expect(screen.getByText('卖家确认收款后发货')).toBeInTheDocument();
    expect(screen.getByText('2026-11-28 16:30 前没付款会自动取消（还剩 30 分钟付款）')).toBeInTheDocument();
    fireEvent.click(screen.getByText('打电话'));
    expect(call).toHaveBeenCalledWith('13900139000');
    expect(screen.getByText('买家：下单')).toBeInTheDocument();
    orders.cancelOrder.mockResolvedValue(order({ status: 'cancelled', actions: [], cancelled: { at: NOW, by: 'buyer', reason: '地址填错了' } }));
    fireEvent.click(screen.getByText('取消订单'));
    expect(screen.getByText('确认取消订单')).toBeDisabled();
    fireEvent.click(screen.getByRole('radio', { name: '地址填错了' }));
    fireEvent.click(screen.getByText('确认取消订单'));
    expect(await screen.findByText('订单已取消')).toBeInTheDocument();
    expect(orders.cancelOrder).toHaveBeenCalledWith('o1', '地址填错了');
    expect(screen.getByText('买家取消：地址填错了')).toBeInTheDocument();
  });

  test('shipped: parcels with the courier’s name and a copy button; confirming receipt after a yes', async () => {
    const shipped = order({
      status: 'shipped', actions: ['confirm_receipt'], expiresAt: null,
      parcels: [{ courierCode: 'SF', courierName: 'SF', trackingNo: 'SF1234567890', at: NOW }],
    });
    const { orders, copy, confirm } = renderOrder(shipped, { confirmReceipt: jest.fn(async () => order({ status: 'completed', actions: [] })) });
    expect(await screen.findByText('顺丰速运')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '复制快递单号 SF1234567890' }));
    await waitFor(() => expect(copy).toHaveBeenCalledWith('SF1234567890'));
    expect(await screen.findByText('已复制单号 SF1234567890')).toBeInTheDocument();
    fireEvent.click(screen.getByText('确认收货'));
    await waitFor(() => expect(orders.confirmReceipt).toHaveBeenCalledWith('o1'));
    expect(confirm).toHaveBeenCalled();
    expect(await screen.findByText('已确认收货，谢谢！')).toBeInTheDocument();
  });

  test('an order that moved on meanwhile says so and shows it as it is now', async () => {
    const paid = order({ status: 'paid', actions: [] });
    const { orders } = renderOrder(order(), { cancelOrder: jest.fn(async () => Promise.reject(new ApiError('ORDER_NOT_CANCELLABLE', '订单已经不能取消了，请刷新看看', 409))) });
    await screen.findByText('取消订单');
    orders.order.mockResolvedValue(paid);
    fireEvent.click(screen.getByText('取消订单'));
    fireEvent.click(screen.getByRole('radio', { name: '不想要了' }));
    fireEvent.click(screen.getByText('确认取消订单'));
    expect(await screen.findByText('订单已经不能取消了，请刷新看看')).toBeInTheDocument();
    expect(await screen.findByText('卖家已确认收款，正在准备发货')).toBeInTheDocument();
    expect(screen.queryByText('取消订单')).not.toBeInTheDocument();
  });
});

describe('addresses', () => {
  test('adds an address through the form and makes another the default', async () => {
    const regions = { '': [{ code: '230000', name: '黑龙江省' }], '230000': [{ code: '230200', name: '齐齐哈尔市' }], '230200': [{ code: '230230', name: '克东县' }] } as Record<string, { code: string; name: string }[]>;
    const second: SavedAddressView = { ...savedHome, id: 'addr2', isDefault: false, name: '李四' };
    const orders = {
      myAddresses: jest.fn(async () => [savedHome, second]),
      addAddress: jest.fn(async () => savedHome),
      updateAddress: jest.fn(async () => savedHome),
      deleteAddress: jest.fn(),
    };
    render(
      <AddressesScreen orders={orders} loadRegions={async (p) => regions[p ?? ''] ?? []} pick={false} onPicked={jest.fn()} chooseWeChatAddress={null} confirm={jest.fn(async () => true)} openLogin={jest.fn()} />,
    );
    await screen.findByText('李四 13800138000');
    fireEvent.click(screen.getByText('设为默认地址'));
    await waitFor(() => expect(orders.updateAddress).toHaveBeenCalledWith('addr2', { isDefault: true }));

    fireEvent.click(screen.getByText('新增地址'));
    fireEvent.change(screen.getByLabelText('收货人'), { target: { value: '王五' } });
    fireEvent.change(screen.getByLabelText('手机号'), { target: { value: '13700137000' } });
    fireEvent.change(await screen.findByLabelText('选择省份'), { target: { value: '0' } });
    fireEvent.change(await screen.findByLabelText('选择城市'), { target: { value: '0' } });
    await waitFor(() => expect(within(document.body).getByLabelText('选择区县')).not.toBeDisabled());
    fireEvent.change(screen.getByLabelText('选择区县'), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText('详细地址'), { target: { value: '前进村 5 号' } });
    fireEvent.click(screen.getByText('保存地址'));
    await waitFor(() => expect(orders.addAddress).toHaveBeenCalledWith({ name: '王五', phone: '13700137000', regionCode: '230230', detail: '前进村 5 号', isDefault: false }));
    expect(await screen.findByText('地址已保存')).toBeInTheDocument();
  });
});

test('the orders client calls the contract’s paths, placing with an Idempotency-Key', async () => {
  const request = jest.fn(async (_spec: { method: string; path: string; idempotent?: boolean }) => ({ items: [] }));
  const http: Http = { request, upload: jest.fn(), download: jest.fn() } as unknown as Http;
  const client = createOrders(http);
  await client.myOrders({ status: 'paid', page: 2 });
  await client.order('o1');
  await client.cancelOrder('o1', '不想要了');
  await client.confirmReceipt('o1');
  await client.placeOrder({ shopId: SHOP, lines: [], address: savedHome, paymentMethod: 'direct' } as never);
  await client.myAddresses();
  await client.deleteAddress('addr1');
  await client.reportSubscriptions({ tpl: 'accept' });
  await client.pay('o1');
  await client.checkPayment('o1');
  await client.requestRefund('o1', { amountFen: 500, reason: '少发漏发' });
  expect(request.mock.calls.map(([spec]) => `${spec.method} ${spec.path}`)).toEqual([
    'GET /api/v1/me/orders?status=paid&page=2',
    'GET /api/v1/orders/o1',
    'POST /api/v1/orders/o1/cancel',
    'POST /api/v1/orders/o1/confirm-receipt',
    'POST /api/v1/orders',
    'GET /api/v1/me/addresses',
    'DELETE /api/v1/me/addresses/addr1',
    'POST /api/v1/me/subscriptions',
    'POST /api/v1/orders/o1/pay',
    'POST /api/v1/orders/o1/pay/check',
    'POST /api/v1/orders/o1/refund-request',
  ]);
  expect(request.mock.calls[4][0]).toMatchObject({ idempotent: true });
  // Paying again after a timeout gets the same prepay order, not a second one.
  expect(request.mock.calls[8][0]).toMatchObject({ idempotent: true });
  expect(request.mock.calls[10][0]).toMatchObject({ body: { amountFen: 500, reason: '少发漏发' } });
});
