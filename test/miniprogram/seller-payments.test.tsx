// The seller's side of payments with fake clients: answering a buyer's refund request (agree after
// a yes, decline only with a reason), refunding part of an order (exact fen, never above what is
// refundable, the server's "too large"), cancelling a paid order (the confirmation names the
// refund), the packed weight when shipping (the preview is the shared weightRefundFen; only
// weighed lines are sent, in whole grams), refund requests on the orders list and home screen,
// the payment settings page, and the operators' view of each shop's WeChat Pay.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { OrderCard, OrderPage, OrderView, SellerDashboardView, ShipOrderRequest } from '../../contract/orders';
import { weightRefundFen } from '../../contract/packed-weight';
import type { AnswerRefundRequest, PaymentSettingsView, RefundRequestView, SellerRefundRequest, UpdatePaymentSettingsRequest } from '../../contract/payments';
import type { AdminShopPage, ShopView } from '../../contract/shops';
import { setLocale } from '../../miniprogram/src/i18n';
import { ApiError, apiError, type Http } from '../../miniprogram/src/services/http';
import { createSellerOrders } from '../../miniprogram/src/services/seller-orders';
import { OperatorShopsScreen } from '../../miniprogram/src/subpackages/operator/pages/shops/OperatorShopsScreen';
import { SellerHomeScreen } from '../../miniprogram/src/subpackages/seller/pages/home/SellerHomeScreen';
import { SellerOrderScreen, type SellerOrderScreenProps } from '../../miniprogram/src/subpackages/seller/pages/order/SellerOrderScreen';
import { SellerOrdersScreen } from '../../miniprogram/src/subpackages/seller/pages/orders/SellerOrdersScreen';
import { PaymentScreen } from '../../miniprogram/src/subpackages/seller/pages/payment/PaymentScreen';
import { formatFen } from '../../miniprogram/src/utils/format';
import { keDong, myShop, NOW, paidMoney, refund } from './fixtures';

beforeEach(() => setLocale('zh-CN'));

const MILLET_ID = 'a'.repeat(24);
const BEANS_ID = 'b'.repeat(24);

const openRequest: RefundRequestView = { amountFen: 2000, reason: '小米受潮了', status: 'open', at: NOW, answer: null, answeredAt: null };

/** A WeChat-paid order waiting to ship: 2 bags of millet (2.5 kg each) and 3 bags of beans (1 kg each). */
const paidOrder: OrderView = {
  id: 'o1', orderNo: '20261128-0000001', status: 'paid', shop: { id: 'shop1', name: myShop.name, logo: null, phone: '13800138000' },
  buyer: { id: 'u9', nickname: '小王' }, customerId: 'c1',
  lines: [
    { productId: 'p1', variantId: MILLET_ID, title: '东北小米', variantName: '2.5公斤袋装', priceFen: 3800, netWeightGrams: 2500, quantity: 2, lineFen: 7600, cover: null },
    { productId: 'p2', variantId: BEANS_ID, title: '黄豆', variantName: '1公斤', priceFen: 1000, netWeightGrams: 1000, quantity: 3, lineFen: 3000, cover: null },
  ],
  subtotalFen: 10600, shippingFen: 1000, totalFen: 11600, weightGrams: 8000,
  address: { name: '王小明', phone: '13912345678', region: keDong, detail: '前进村3组12号' },
  buyerNote: '', sellerNote: null, paymentMethod: 'wechat', paidAt: NOW, money: paidMoney(11600), parcels: [], shippedAt: null, completedAt: null,
  cancelled: null, expiresAt: null, autoCompleteAt: null, timeline: [{ at: NOW, event: 'placed', actor: 'buyer', note: null }],
  actions: ['cancel', 'ship', 'refund'], createdAt: NOW, updatedAt: NOW,
};

function fakeOrders(order: OrderView) {
  return {
    order: jest.fn(async () => order),
    cancelOrder: jest.fn(async () => ({ ...order, status: 'cancelled' as const, actions: [] })),
    confirmPayment: jest.fn(async () => order),
    shipOrder: jest.fn(async (_id: string, request: ShipOrderRequest) => ({
      ...order, status: 'shipped' as const, actions: [],
      parcels: request.parcels.map((p) => ({ ...p, courierName: p.courierCode, at: NOW })),
    })),
    addParcels: jest.fn(async () => order),
    setSellerNote: jest.fn(async () => order),
    answerRefund: jest.fn(async (_id: string, answer: AnswerRefundRequest) => ({
      ...order, actions: order.actions.filter((a) => a !== 'answer_refund'),
      money: { ...order.money, refundRequest: { ...openRequest, status: answer.decision === 'approve' ? 'approved' as const : 'declined' as const, answer: answer.decision === 'decline' ? answer.reason : null, answeredAt: NOW } },
    })),
    refund: jest.fn(async (_id: string, request: SellerRefundRequest) => ({
      ...order, money: paidMoney(order.money.paidFen, { refunds: [refund(1, { amountFen: request.amountFen, kind: 'seller', reason: request.reason, status: 'pending', settledAt: null })] }),
    })),
  };
}

function renderOrder(order: OrderView, extra: Partial<SellerOrderScreenProps> = {}) {
  const orders = fakeOrders(order);
  const props: SellerOrderScreenProps = {
    orderId: 'o1', orders, confirm: jest.fn(async () => true), copyText: jest.fn(async () => true), callPhone: jest.fn(), scanBarcode: null, go: jest.fn(), ...extra,
  };
  const view = render(<SellerOrderScreen {...props} />);
  return { orders, props, ...view };
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("answering the buyer's refund request", () => {
  const asked: OrderView = { ...paidOrder, actions: ['answer_refund', 'refund', 'ship'], money: paidMoney(11600, { refundRequest: openRequest }) };

  test('the request (amount, reason, when) and agreeing after a yes that says where the money goes', async () => {
    const { orders, props } = renderOrder(asked);
    const panel = await screen.findByRole('region', { name: '买家申请退款' });
    expect(within(panel).getByText('申请退 ¥20.00')).toBeInTheDocument();
    expect(within(panel).getByText('原因：小米受潮了')).toBeInTheDocument();
    expect(within(panel).getByText('2026-11-28 16:00 申请')).toBeInTheDocument();

    (props.confirm as jest.Mock).mockResolvedValueOnce(false);
    fireEvent.click(within(panel).getByText('同意退款 ¥20.00'));
    await waitFor(() => expect(props.confirm).toHaveBeenCalledTimes(1));
    expect(orders.answerRefund).not.toHaveBeenCalled();

    fireEvent.click(within(panel).getByText('同意退款 ¥20.00'));
    await waitFor(() => expect(orders.answerRefund).toHaveBeenCalledWith('o1', { decision: 'approve' }));
    const [title, text] = (props.confirm as jest.Mock).mock.calls[1] as string[];
    expect(title).toBe('同意退款 ¥20.00？');
    expect(text).toContain('微信支付原路退回');
    expect(await screen.findByText('已同意退款，¥20.00 会退回买家')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: '买家申请退款' })).toBeNull();
  });

  test('declining needs a reason, shown beside the field', async () => {
    const { orders, container } = renderOrder(asked);
    fireEvent.click(await screen.findByText('拒绝'));
    fireEvent.click(container.querySelector('.decline-submit')!);
    const field = screen.getByLabelText('拒绝原因（买家会看到）').closest('.field')!;
    expect(within(field as HTMLElement).getByText('请写拒绝原因')).toBeInTheDocument();
    expect(orders.answerRefund).not.toHaveBeenCalled();

    type('拒绝原因（买家会看到）', '  已经发出了，收到有问题再找我  ');
    fireEvent.click(container.querySelector('.decline-submit')!);
    await waitFor(() => expect(orders.answerRefund).toHaveBeenCalledWith('o1', { decision: 'decline', reason: '已经发出了，收到有问题再找我' }));
    expect(await screen.findByText('已拒绝，买家会看到原因')).toBeInTheDocument();
  });

  test('a request answered meanwhile: the message, and the order as it is now', async () => {
    const { orders } = renderOrder(asked);
    orders.answerRefund.mockRejectedValueOnce(new ApiError('REFUND_NOT_ALLOWED', '这个订单现在不能退款', 409, 'r1'));
    orders.order.mockResolvedValue({ ...asked, actions: ['ship'], money: paidMoney(11600, { refundRequest: { ...openRequest, status: 'declined', answer: '不行', answeredAt: NOW } }) });
    fireEvent.click(await screen.findByText('同意退款 ¥20.00'));
    expect(await screen.findByText('这个订单现在不能退款')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('region', { name: '买家申请退款' })).toBeNull());
    expect(orders.order).toHaveBeenCalledTimes(2);
  });
});

describe("the seller's own refund", () => {
  async function openRefund(order = paidOrder) {
    const rendered = renderOrder(order);
    fireEvent.click(await screen.findByText('退款'));
    return rendered;
  }
  const amountError = () => within(screen.getByLabelText('退款金额（元）').closest('.field') as HTMLElement);

  test('the amount is checked: 0, more than refundable (the most is said), "1.234"; nothing is sent', async () => {
    const { orders, container } = await openRefund();
    expect(screen.getByText('最多可退 ¥116.00')).toBeInTheDocument();
    type('退款原因（买家会看到）', '少发了一袋');
    for (const [typed, says] of [['0', '至少退 0.01 元'], ['116.01', '最多可以退 ¥116.00'], ['1.234', '金额最多写到分（两位小数）'], ['', '请填退多少钱']]) {
      type('退款金额（元）', typed);
      fireEvent.click(container.querySelector('.refund-submit')!);
      expect(amountError().getByText(says)).toBeInTheDocument();
    }
    expect(orders.refund).not.toHaveBeenCalled();
  });

  test('sends integer fen and the reason after a yes', async () => {
    const { orders, props, container } = await openRefund();
    type('退款金额（元）', '12.3');
    type('退款原因（买家会看到）', ' 少发了一袋 ');
    fireEvent.click(container.querySelector('.refund-submit')!);
    await waitFor(() => expect(orders.refund).toHaveBeenCalledWith('o1', { amountFen: 1230, reason: '少发了一袋' }));
    expect((props.confirm as jest.Mock).mock.calls[0][0]).toBe('退给买家 ¥12.30？');
    expect(await screen.findByText('退款已提交，¥12.30 会退回买家')).toBeInTheDocument();
  });

  test('"all of it" fills in what is refundable', async () => {
    const { orders, container } = await openRefund({ ...paidOrder, money: paidMoney(11600, { refunds: [refund(1, { amountFen: 1605 })] }) });
    fireEvent.click(screen.getByText('全退'));
    expect((screen.getByLabelText('退款金额（元）') as HTMLInputElement).value).toBe('99.95');
    type('退款原因（买家会看到）', '不卖了');
    fireEvent.click(container.querySelector('.refund-submit')!);
    await waitFor(() => expect(orders.refund).toHaveBeenCalledWith('o1', { amountFen: 9995, reason: '不卖了' }));
  });

  test('REFUND_TOO_LARGE from the server: the most now, beside the amount', async () => {
    const { orders, container } = await openRefund();
    orders.refund.mockRejectedValueOnce(new ApiError('REFUND_TOO_LARGE', '退款金额太大了', 422, 'r1', { refundableFen: 1000 }));
    orders.order.mockResolvedValue({ ...paidOrder, money: paidMoney(11600, { refunds: [refund(1, { amountFen: 10600 })] }) });
    type('退款金额（元）', '50');
    type('退款原因（买家会看到）', '少发了');
    fireEvent.click(container.querySelector('.refund-submit')!);
    await waitFor(() => expect(amountError().getByText('最多可以退 ¥10.00')).toBeInTheDocument());
    expect(await screen.findByText('最多可退 ¥10.00')).toBeInTheDocument();
  });
});

describe('the money on the order', () => {
  test('cancelling a paid order says the whole amount goes back and the stock returns', async () => {
    const { orders, props, container } = renderOrder(paidOrder);
    fireEvent.click(await screen.findByText('取消订单'));
    fireEvent.click(screen.getByText('货卖完了'));
    fireEvent.click(container.querySelector('.cancel-submit')!);
    await waitFor(() => expect(orders.cancelOrder).toHaveBeenCalledWith('o1', '货卖完了'));
    const text = (props.confirm as jest.Mock).mock.calls[0][1] as string;
    expect(text).toContain('¥116.00 全部退给买家');
    expect(text).toContain('库存也会退回');
  });

  test('the Refunds card, and the transaction id copied for reconciliation', async () => {
    const { props, container } = renderOrder({ ...paidOrder, money: paidMoney(11600, { refunds: [refund(1)] }) });
    expect(await screen.findByTestId('refunds')).toBeInTheDocument();
    fireEvent.click(container.querySelector('.copy-transaction')!);
    expect(props.copyText).toHaveBeenCalledWith('4200000000202611280000000001');
    expect(await screen.findByText('支付单号已复制，可以在商户平台对账')).toBeInTheDocument();
  });

  test('an unpaid order shows neither', async () => {
    const { container } = renderOrder({ ...paidOrder, status: 'awaiting_payment', paidAt: null, actions: ['cancel'], money: { ...paidMoney(0), payment: 'none', transactionId: null } });
    await screen.findByText('王小明');
    expect(screen.queryByTestId('refunds')).toBeNull();
    expect(container.querySelector('.copy-transaction')).toBeNull();
  });
});

describe('shipping with the packed weight (多退少补)', () => {
  async function startShipping() {
    const rendered = renderOrder(paidOrder);
    fireEvent.click(await screen.findByText('发货'));
    type('第 1 个包裹的快递单号', 'SF1002003004');
    return rendered;
  }
  const milletBox = '东北小米 2.5公斤袋装 实际称重（公斤）';
  const beansBox = '黄豆 1公斤 实际称重（公斤）';

  test('collapsed by default; a ship without weights sends none', async () => {
    const { orders, container } = await startShipping();
    expect(screen.queryByLabelText(milletBox)).toBeNull();
    fireEvent.click(container.querySelector('.ship-submit')!);
    await waitFor(() => expect(orders.shipOrder).toHaveBeenCalledWith('o1', { parcels: [{ courierCode: 'SF', trackingNo: 'SF1002003004' }] }));
  });

  test('the preview is weightRefundFen; only the weighed line is sent, in whole grams', async () => {
    const { orders, container } = await startShipping();
    fireEvent.click(screen.getByText('填写'));
    expect(screen.getByText('订 2.5 kg × 2 = 5 kg')).toBeInTheDocument();
    expect(screen.getByText('订 1 kg × 3 = 3 kg')).toBeInTheDocument();

    type(milletBox, '4.801');
    const expected = weightRefundFen(paidOrder.lines[0], 4801);
    expect(expected).toBe(302);
    expect(screen.getByText(`少 199 g，退 ${formatFen(expected)}`)).toBeInTheDocument();
    expect(screen.getByText(`将退还买家 ${formatFen(expected)}（称重差价）`)).toBeInTheDocument();

    fireEvent.click(container.querySelector('.ship-submit')!);
    await waitFor(() => expect(orders.shipOrder).toHaveBeenCalledTimes(1));
    const request = orders.shipOrder.mock.calls[0][1];
    expect(request.packedWeights).toEqual([{ variantId: MILLET_ID, grams: 4801 }]);
    expect(Number.isInteger(request.packedWeights?.[0].grams)).toBe(true);
    expect(await screen.findByText('已发货；称重差价 ¥3.02 会退给买家')).toBeInTheDocument();
  });

  test('heavier than ordered: nothing back, said plainly; lines add up', async () => {
    await startShipping();
    fireEvent.click(screen.getByText('填写'));
    type(beansBox, '3.2');
    expect(screen.getByText('多出部分不收费')).toBeInTheDocument();
    expect(screen.queryByText(/将退还买家/)).toBeNull();
    type(milletBox, '4.5');
    type(beansBox, '2.5');
    const total = weightRefundFen(paidOrder.lines[0], 4500) + weightRefundFen(paidOrder.lines[1], 2500);
    expect(screen.getByText(`将退还买家 ${formatFen(total)}（称重差价）`)).toBeInTheDocument();
  });

  test('a weight that is not whole grams stops the ship, beside its box', async () => {
    const { orders, container } = await startShipping();
    fireEvent.click(screen.getByText('填写'));
    type(milletBox, '4.8005');
    fireEvent.click(container.querySelector('.ship-submit')!);
    expect(within(screen.getByLabelText(milletBox).closest('.field') as HTMLElement).getByText('最多写到克（三位小数）')).toBeInTheDocument();
    expect(orders.shipOrder).not.toHaveBeenCalled();
  });
});

const counts = { awaiting_payment: 1, paid: 2, shipped: 3, completed: 4, cancelled: 0 };
const dashboard = (openRefundRequests: number): SellerDashboardView => ({ today: { orders: 1, revenueFen: 100, date: '2026-11-28' }, counts, openRefundRequests, lowStock: [] });

function orderCard(n: number): OrderCard {
  return {
    id: `o${n}`, orderNo: `20261128-000000${n}`, status: 'shipped', shop: { id: 'shop1', name: myShop.name }, title: '东北小米', cover: null,
    lineCount: 1, packCount: 2, totalFen: 8600, weightGrams: 5000, receiver: { name: `王${n}`, phoneMasked: '138****8000', province: '山西省' },
    paymentMethod: 'wechat', expiresAt: null, createdAt: NOW,
  };
}
const page = (items: OrderCard[]): OrderPage => ({ items, page: 1, pageSize: 20, total: items.length, counts });

describe('refund requests on the orders list and the home screen', () => {
  test('the chip shows the count and filters to open requests', async () => {
    const shopOrders = jest.fn(async () => page([orderCard(1), orderCard(2)]));
    render(
      <SellerOrdersScreen seller={{ myShop: jest.fn(async () => myShop) }} orders={{ shopOrders, downloadPickList: jest.fn(), shopDashboard: jest.fn(async () => dashboard(2)) }}
        pickListFiles={{ handOff: jest.fn(), handOffNeedsTap: false }} go={jest.fn()}
      />,
    );
    fireEvent.click(await screen.findByText('退款申请 2'));
    await waitFor(() => expect(shopOrders).toHaveBeenLastCalledWith('shop1', { refundRequest: 'open', page: 1, pageSize: 20 }));
    fireEvent.click(screen.getByText('待发货 2'));
    await waitFor(() => expect(shopOrders).toHaveBeenLastCalledWith('shop1', { status: 'paid', page: 1, pageSize: 20 }));
  });

  test('no open requests: no chip; opened on refunds from the home tile: the filter is on', async () => {
    const shopOrders = jest.fn(async (): Promise<OrderPage> => ({ ...page([]), total: 0 }));
    const { unmount } = render(
      <SellerOrdersScreen seller={{ myShop: jest.fn(async () => myShop) }} orders={{ shopOrders, downloadPickList: jest.fn(), shopDashboard: jest.fn(async () => dashboard(0)) }}
        pickListFiles={{ handOff: jest.fn(), handOffNeedsTap: false }} go={jest.fn()}
      />,
    );
    expect(await screen.findByText('没有要发货的订单')).toBeInTheDocument();
    expect(screen.queryByText(/退款申请/)).toBeNull();
    unmount();

    render(
      <SellerOrdersScreen seller={{ myShop: jest.fn(async () => myShop) }} orders={{ shopOrders, downloadPickList: jest.fn(), shopDashboard: jest.fn(async () => dashboard(0)) }}
        pickListFiles={{ handOff: jest.fn(), handOffNeedsTap: false }} go={jest.fn()} initialRefunds
      />,
    );
    expect(await screen.findByText('没有等你回复的退款申请')).toBeInTheDocument();
    expect(shopOrders).toHaveBeenLastCalledWith('shop1', { refundRequest: 'open', page: 1, pageSize: 20 });
  });

  function renderHome(open: number) {
    const go = jest.fn();
    const orders = { shopDashboard: jest.fn(async () => dashboard(open)), reportSubscriptions: jest.fn() };
    const alerts = { config: jest.fn(async () => ({ simulatorLoginCodePath: null, simulatorSubscribePath: null, simulatorPaySheetPath: null, subscribeTemplates: { order_paid: null, order_shipped: null, new_order: null }, apiVersion: 'v1' as const })), requestSubscribe: jest.fn() };
    render(<SellerHomeScreen seller={{ myShop: jest.fn(async () => myShop) }} orders={orders} alerts={alerts} go={go} openLogin={jest.fn()} />);
    return go;
  }

  test('home: "待处理退款 N" opens the requests; the payment settings row', async () => {
    const go = renderHome(3);
    fireEvent.click(await screen.findByText('待处理退款 3'));
    expect(go).toHaveBeenCalledWith('sellerOrders', { refundRequest: 'open' });
    fireEvent.click(screen.getByText('收款设置'));
    expect(go).toHaveBeenCalledWith('sellerPayment');
  });

  test('home: no tile when nothing waits', async () => {
    renderHome(0);
    expect(await screen.findByText('今天的订单')).toBeInTheDocument();
    expect(screen.queryByText(/待处理退款/)).toBeNull();
  });
});

function fakePayments(initial: PaymentSettingsView) {
  let stored = initial;
  return {
    paymentSettings: jest.fn(async () => stored),
    updatePaymentSettings: jest.fn(async (_shopId: string, request: UpdatePaymentSettingsRequest) => {
      if (request.version !== stored.version) throw new ApiError('VERSION_CONFLICT', '刚被别人改过了', 409, 'r1');
      stored = { ...stored, subMchid: request.subMchid, wechatPay: request.subMchid !== null, version: stored.version + 1 };
      return stored;
    }),
    /** Someone else (the county centre) changes it meanwhile. */
    changeElsewhere(change: Partial<PaymentSettingsView>) {
      stored = { ...stored, ...change, version: stored.version + 1 };
    },
  };
}

describe('payment settings (收款设置)', () => {
  const renderPage = (payments: ReturnType<typeof fakePayments>) =>
    render(<PaymentScreen seller={{ myShop: jest.fn(async () => myShop) }} orders={payments} go={jest.fn()} />);

  test('off: buyers pay the seller directly, in plain words, nothing to fill in', async () => {
    renderPage(fakePayments({ mode: 'off', wechatPay: false, subMchid: null, version: 0 }));
    expect(await screen.findByText('买家直接付款给您（转账/现金），收到后在订单里点“确认收款”')).toBeInTheDocument();
    expect(screen.queryByLabelText('微信支付子商户号')).toBeNull();
  });

  test('direct: WeChat Pay into the seller’s own merchant account', async () => {
    renderPage(fakePayments({ mode: 'direct', wechatPay: true, subMchid: null, version: 0 }));
    expect(await screen.findByText('买家用微信支付，钱直接进您的商户号')).toBeInTheDocument();
    expect(screen.getByText('已开通微信支付')).toBeInTheDocument();
  });

  test('partner: the sub-merchant id is checked, saved with the version read, and WeChat Pay is on', async () => {
    const payments = fakePayments({ mode: 'partner', wechatPay: false, subMchid: null, version: 4 });
    renderPage(payments);
    expect(await screen.findByText('还没开通微信支付：买家暂时直接付款给您')).toBeInTheDocument();
    expect(screen.getByText(/由县电商中心为您开通，填写后买家的钱直接进您的账户/)).toBeInTheDocument();

    type('微信支付子商户号', '1234567');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('子商户号是 8 到 12 位数字')).toBeInTheDocument();
    expect(payments.updatePaymentSettings).not.toHaveBeenCalled();

    type('微信支付子商户号', '1900000109');
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(payments.updatePaymentSettings).toHaveBeenCalledWith('shop1', { subMchid: '1900000109', version: 4 }));
    expect(await screen.findByText('收款设置已保存')).toBeInTheDocument();
    expect(screen.getByText('已开通微信支付')).toBeInTheDocument();
    expect(screen.getByText('买家用微信支付，钱直接进您的微信支付子商户号')).toBeInTheDocument();
    expect((screen.getByLabelText('微信支付子商户号') as HTMLInputElement).value).toBe('1900000109');
  });

  test('a change made meanwhile: VERSION_CONFLICT offers the reload, which shows it', async () => {
    const payments = fakePayments({ mode: 'partner', wechatPay: false, subMchid: null, version: 1 });
    renderPage(payments);
    await screen.findByLabelText('微信支付子商户号');
    payments.changeElsewhere({ subMchid: '1900000222', wechatPay: true });
    type('微信支付子商户号', '1900000109');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('收款设置刚被改过（可能是县电商中心），请刷新后再改')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重新加载'));
    await waitFor(() => expect((screen.getByLabelText('微信支付子商户号') as HTMLInputElement).value).toBe('1900000222'));
    expect(payments.paymentSettings).toHaveBeenCalledTimes(2);
  });
});

describe("operators: each shop's WeChat Pay", () => {
  const other: ShopView = { ...myShop, id: 'shop2', name: '黑河蜂蜜合作社' };
  const operator = {
    adminShops: jest.fn(async (): Promise<AdminShopPage> => ({ items: [myShop, other], page: 1, pageSize: 20, total: 2 })),
    suspendShop: jest.fn(),
    unsuspendShop: jest.fn(),
  };

  test('on with its sub-merchant id, or off; the operator sets one from the sheet', async () => {
    const stored: Record<string, PaymentSettingsView> = {
      shop1: { mode: 'partner', wechatPay: true, subMchid: '1900000109', version: 2 },
      shop2: { mode: 'partner', wechatPay: false, subMchid: null, version: 0 },
    };
    const payments = {
      paymentSettings: jest.fn(async (shopId: string) => stored[shopId]),
      updatePaymentSettings: jest.fn(async (shopId: string, request: UpdatePaymentSettingsRequest) => {
        stored[shopId] = { ...stored[shopId], subMchid: request.subMchid, wechatPay: request.subMchid !== null, version: stored[shopId].version + 1 };
        return stored[shopId];
      }),
    };
    render(<OperatorShopsScreen operator={operator} payments={payments} go={jest.fn()} openLogin={jest.fn()} confirm={jest.fn(async () => true)} />);
    const first = await screen.findByRole('button', { name: myShop.name });
    expect(await within(first).findByText('微信支付：已开通（子商户号 1900000109）')).toBeInTheDocument();
    const second = screen.getByRole('button', { name: '黑河蜂蜜合作社' });
    expect(await within(second).findByText('微信支付：未开通（未填子商户号）')).toBeInTheDocument();

    fireEvent.click(second);
    const sheet = screen.getByRole('dialog', { name: '黑河蜂蜜合作社' });
    fireEvent.change(await within(sheet).findByLabelText('微信支付子商户号'), { target: { value: '1900000333' } });
    fireEvent.click(within(sheet).getByText('保存'));
    await waitFor(() => expect(payments.updatePaymentSettings).toHaveBeenCalledWith('shop2', { subMchid: '1900000333', version: 0 }));
    expect(await within(second).findByText('微信支付：已开通（子商户号 1900000333）')).toBeInTheDocument();
  });

  test('a shop whose settings cannot be read says so, and the list still works', async () => {
    const payments = { paymentSettings: jest.fn().mockRejectedValue(apiError('FORBIDDEN', 403)), updatePaymentSettings: jest.fn() };
    render(<OperatorShopsScreen operator={operator} payments={payments} go={jest.fn()} openLogin={jest.fn()} confirm={jest.fn(async () => true)} />);
    expect(await screen.findAllByText('微信支付：没查到')).toHaveLength(2);
  });
});

test('the seller-orders client sends a refund with an Idempotency-Key (a retry after a timeout is not a second refund), answers and settings on the contract’s paths', async () => {
  const request = jest.fn(async (_spec: { method: string; path: string; idempotent?: boolean; body?: unknown }) => ({}));
  const http = { request, upload: jest.fn(), download: jest.fn() } as unknown as Http;
  const client = createSellerOrders(http);
  await client.refund('o1', { amountFen: 1000, reason: '少称了' });
  await client.answerRefund('o1', { decision: 'approve' });
  await client.paymentSettings('s1');
  await client.updatePaymentSettings('s1', { subMchid: '1900000109', version: 3 });
  expect(request.mock.calls.map(([spec]) => `${spec.method} ${spec.path}`)).toEqual([
    'POST /api/v1/orders/o1/refunds',
    'POST /api/v1/orders/o1/refund-request/answer',
    'GET /api/v1/shops/s1/payment-settings',
    'PUT /api/v1/shops/s1/payment-settings',
  ]);
  expect(request.mock.calls[0][0]).toMatchObject({ idempotent: true, body: { amountFen: 1000, reason: '少称了' } });
});
