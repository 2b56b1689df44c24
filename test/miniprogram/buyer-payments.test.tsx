// The buyer pays with WeChat Pay and asks for money back, with fake clients: checkout places and
// pays in one tap (then asks the server, a few times, whether the money really arrived), a
// cancelled or broken payment lands on the order's page with its pay button, the order page's own
// pay button, the refund sheet's checks and what it sends, the Refunds card, packed weights, the
// platform's pay call, and the browser's stand-in pay sheet.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { OrderCard, OrderView, PaymentMethod } from '../../contract/orders';
import type { PaymentParams, PayOrderResponse } from '../../contract/payments';
import { OrderLineRow } from '../../miniprogram/src/components/OrderSummary';
import { Refunds } from '../../miniprogram/src/components/Refunds';
import { setLocale } from '../../miniprogram/src/i18n';
import { CheckoutScreen, type CheckoutScreenProps } from '../../miniprogram/src/pages/checkout/CheckoutScreen';
import { checkoutDraftKey, isCheckoutDraft } from '../../miniprogram/src/pages/checkout/draft';
import { OrderScreen, type OrderScreenProps } from '../../miniprogram/src/pages/order/OrderScreen';
import { OrdersScreen } from '../../miniprogram/src/pages/orders/OrdersScreen';
import { ApiError, apiError } from '../../miniprogram/src/services/http';
import { loadDraft, saveDraft } from '../../miniprogram/src/services/form-drafts';
import { requestPayment } from '../../miniprogram/src/services/platform';
import { openSimPaySheet } from '../../miniprogram/src/services/sim-pay-sheet';
import { buyerConfig, NOW, ORDER_IDS, orderView, paidMoney, quoteView, refund, savedHome, unpaidMoney } from './fixtures';
import { resetTaro, taro } from './stubs/taro';

const SIM_PATH = '/wechat-sim/dev/pay-sheet';
const config = { ...buyerConfig, simulatorPaySheetPath: SIM_PATH };

const params: PaymentParams = {
  appId: 'wx8888888888888888', timeStamp: '1795852800', nonceStr: 'n0nce', package: 'prepay_id=wx28160000abc', signType: 'RSA', paySign: 'c2lnbmVk',
};
const payResponse: PayOrderResponse = { params, amountFen: 8800, expiresAt: '2026-11-28T08:30:00.000Z' };

/** An unpaid WeChat Pay order: pay or cancel. */
const unpaidWechat = (extra: Partial<OrderView> = {}) => orderView({ paymentMethod: 'wechat', actions: ['pay', 'cancel'], ...extra });
/** The same order once WeChat Pay confirmed the money. */
const paidWechat = (extra: Partial<OrderView> = {}) =>
  orderView({ paymentMethod: 'wechat', status: 'paid', paidAt: NOW, expiresAt: null, money: paidMoney(8800), actions: ['request_refund'], ...extra });

beforeEach(() => {
  resetTaro();
  setLocale('zh-CN');
  document.body.innerHTML = '';
});

describe('checkout with WeChat Pay', () => {
  /** `methods`: what the shop offers (the quote's paymentMethods). */
  function renderCheckout(overrides: Partial<CheckoutScreenProps> = {}, methods: PaymentMethod[] = ['wechat']) {
    const orders = {
      quote: jest.fn(async () => quoteView({ paymentMethods: methods })),
      placeOrder: jest.fn(async (_request: unknown) => unpaidWechat()),
      myAddresses: jest.fn(async () => [savedHome]),
      reportSubscriptions: jest.fn(async () => ({ credits: { order_paid: 1, order_shipped: 1, new_order: 0 } })),
      pay: jest.fn(async (_orderId: string) => payResponse),
      checkPayment: jest.fn(async (_orderId: string) => paidWechat()),
    };
    const wait = jest.fn(async (_ms: number) => undefined);
    const props: CheckoutScreenProps = {
      shopId: ORDER_IDS.SHOP,
      buy: `${ORDER_IDS.P1}.${ORDER_IDS.V1}.2`,
      orders,
      loadRegions: jest.fn(async () => []),
      clientConfig: jest.fn(async () => config),
      chooseWeChatAddress: null,
      requestSubscribe: jest.fn(async () => null),
      requestPayment: jest.fn(async () => 'paid' as const),
      wait,
      go: jest.fn(),
      replace: jest.fn(),
      openLogin: jest.fn(),
      takePickedAddress: () => null,
      ...overrides,
    };
    render(<CheckoutScreen {...props} />);
    return { props, orders, wait };
  }

  /** Taps the submit button twice, once the address's quote and the client config are in. */
  async function tap(text: string, quote: jest.Mock) {
    await waitFor(() => expect(quote).toHaveBeenLastCalledWith(expect.objectContaining({ regionCode: '230230' })));
    await waitFor(() => expect(screen.getByText(text)).not.toBeDisabled());
    await act(async () => undefined);
    const button = screen.getByText(text);
    // Two taps in one frame: one order, one payment.
    await act(async () => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
  }

  test('one tap places (paying by WeChat), pays, opens the pay sheet, asks the server, then opens the paid order', async () => {
    const { props, orders, wait } = renderCheckout();
    expect(await screen.findByText('微信支付（付款后卖家发货）')).toBeInTheDocument();
    await tap('微信支付 ¥88.00', orders.quote);
    await waitFor(() => expect(props.replace).toHaveBeenCalledWith('order', { id: 'o1', payment: 'paid' }));
    expect(orders.placeOrder).toHaveBeenCalledTimes(1);
    expect(orders.placeOrder.mock.calls[0][0]).toMatchObject({ paymentMethod: 'wechat', expectedTotalFen: 8800 });
    expect(orders.pay).toHaveBeenCalledWith('o1');
    expect(props.requestPayment).toHaveBeenCalledWith(params, SIM_PATH);
    expect(orders.checkPayment).toHaveBeenCalledTimes(1);
    const order = [
      orders.placeOrder.mock.invocationCallOrder[0],
      orders.pay.mock.invocationCallOrder[0],
      (props.requestPayment as jest.Mock).mock.invocationCallOrder[0],
      orders.checkPayment.mock.invocationCallOrder[0],
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(wait).not.toHaveBeenCalled();
  });

  test('the server may need a moment: it is asked again after 1 s and 2 s until WeChat confirms', async () => {
    const { props, orders, wait } = renderCheckout();
    orders.checkPayment.mockResolvedValueOnce(unpaidWechat()).mockRejectedValueOnce(apiError('NETWORK')).mockResolvedValueOnce(paidWechat());
    await tap('微信支付 ¥88.00', orders.quote);
    await waitFor(() => expect(props.replace).toHaveBeenCalledWith('order', { id: 'o1', payment: 'paid' }));
    expect(orders.checkPayment).toHaveBeenCalledTimes(3);
    expect(wait.mock.calls.map(([ms]) => ms)).toEqual([1000, 2000]);
  });

  test('still unconfirmed after four checks: the order page says the result is being confirmed', async () => {
    const { props, orders, wait } = renderCheckout();
    orders.checkPayment.mockResolvedValue(unpaidWechat());
    await tap('微信支付 ¥88.00', orders.quote);
    await waitFor(() => expect(props.replace).toHaveBeenCalledWith('order', { id: 'o1', payment: 'checking' }));
    expect(orders.checkPayment).toHaveBeenCalledTimes(4);
    expect(wait.mock.calls.map(([ms]) => ms)).toEqual([1000, 2000, 3000]);
  });

  test('a closed pay sheet still opens the placed order (to pay there), and nothing is checked', async () => {
    const { props, orders } = renderCheckout({ requestPayment: jest.fn(async () => 'cancelled' as const) });
    await tap('微信支付 ¥88.00', orders.quote);
    await waitFor(() => expect(props.replace).toHaveBeenCalledWith('order', { id: 'o1', payment: 'cancelled' }));
    expect(orders.checkPayment).not.toHaveBeenCalled();
  });

  test('a network drop between placing and paying loses nothing: the order opens, saying why it is unpaid', async () => {
    const { props, orders } = renderCheckout();
    orders.pay.mockRejectedValue(apiError('NETWORK'));
    await tap('微信支付 ¥88.00', orders.quote);
    await waitFor(() => expect(props.replace).toHaveBeenCalledWith('order', { id: 'o1', payment: 'NETWORK' }));
    expect(props.requestPayment).not.toHaveBeenCalled();
    expect(orders.placeOrder).toHaveBeenCalledTimes(1);
  });

  test('a shop without WeChat Pay keeps the plain "提交订单" and pays the seller directly', async () => {
    const { props } = renderCheckout({
      orders: {
        quote: jest.fn(async () => quoteView()), placeOrder: jest.fn(async () => orderView()), myAddresses: jest.fn(async () => [savedHome]),
        reportSubscriptions: jest.fn(), pay: jest.fn(), checkPayment: jest.fn(),
      },
    });
    const orders = props.orders as { [K in keyof typeof props.orders]: jest.Mock };
    await tap('提交订单', orders.quote);
    await waitFor(() => expect(props.replace).toHaveBeenCalledWith('order', { id: 'o1' }));
    expect(orders.placeOrder).toHaveBeenCalledWith(expect.objectContaining({ paymentMethod: 'direct' }));
    expect(orders.pay).not.toHaveBeenCalled();
  });

  test('one way to pay: no choice is shown', async () => {
    renderCheckout();
    expect(await screen.findByText('微信支付（付款后卖家发货）')).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup', { name: '付款方式' })).not.toBeInTheDocument();
    expect(screen.queryByText('直接付款给卖家')).not.toBeInTheDocument();
  });
});

describe('choosing how to pay at checkout', () => {
  const BOTH: PaymentMethod[] = ['direct', 'wechat'];

  function renderChoice(overrides: Partial<CheckoutScreenProps> = {}) {
    const orders = {
      quote: jest.fn(async () => quoteView({ paymentMethods: BOTH })),
      placeOrder: jest.fn(async (request: { paymentMethod: PaymentMethod }) => orderView({ paymentMethod: request.paymentMethod })),
      myAddresses: jest.fn(async () => [savedHome]),
      reportSubscriptions: jest.fn(async () => ({ credits: { order_paid: 1, order_shipped: 1, new_order: 0 } })),
      pay: jest.fn(async (_orderId: string) => payResponse),
      checkPayment: jest.fn(async (_orderId: string) => paidWechat()),
    };
    const props: CheckoutScreenProps = {
      shopId: ORDER_IDS.SHOP,
      buy: `${ORDER_IDS.P1}.${ORDER_IDS.V1}.2`,
      orders,
      loadRegions: jest.fn(async () => []),
      clientConfig: jest.fn(async () => config),
      chooseWeChatAddress: null,
      requestSubscribe: jest.fn(async () => null),
      requestPayment: jest.fn(async () => 'paid' as const),
      wait: jest.fn(async () => undefined),
      go: jest.fn(),
      replace: jest.fn(),
      openLogin: jest.fn(),
      takePickedAddress: () => null,
      ...overrides,
    };
    render(<CheckoutScreen {...props} />);
    return { props, orders };
  }

  const row = (name: RegExp) => screen.getByRole('radio', { name });

  async function ready(orders: { quote: jest.Mock }, buttonText: string) {
    await waitFor(() => expect(orders.quote).toHaveBeenLastCalledWith(expect.objectContaining({ regionCode: '230230' })));
    await waitFor(() => expect(screen.getByText(buttonText)).not.toBeDisabled());
    await act(async () => undefined);
  }

  test('both offered: WeChat Pay first, recommended and chosen; a tap pays with it', async () => {
    const { props, orders } = renderChoice();
    const group = await screen.findByRole('radiogroup', { name: '付款方式' });
    const rows = within(group).getAllByRole('radio');
    // Listed WeChat Pay first whatever order the quote gives.
    expect(rows.map((one) => one.getAttribute('data-method'))).toEqual(['wechat', 'direct']);
    expect(row(/^微信支付（推荐）/)).toHaveAttribute('aria-checked', 'true');
    expect(row(/^直接付款给卖家/)).toHaveAttribute('aria-checked', 'false');
    expect(within(rows[0]).getByText('推荐')).toBeInTheDocument();
    expect(within(rows[1]).getByText('转账或现金，卖家确认收款后发货')).toBeInTheDocument();
    await ready(orders, '微信支付 ¥88.00');
    fireEvent.click(screen.getByText('微信支付 ¥88.00'));
    await waitFor(() => expect(props.replace).toHaveBeenCalledWith('order', { id: 'o1', payment: 'paid' }));
    expect(orders.placeOrder).toHaveBeenCalledWith(expect.objectContaining({ paymentMethod: 'wechat' }));
    expect(orders.pay).toHaveBeenCalledWith('o1');
  });

  test('tapping "直接付款给卖家" anywhere on its row: the plain "提交订单", placed as direct, no WeChat Pay, the order page next', async () => {
    const { props, orders } = renderChoice();
    await ready(orders, '微信支付 ¥88.00');
    // The row's hint is part of the row: tapping it chooses too.
    fireEvent.click(screen.getByText('转账或现金，卖家确认收款后发货'));
    expect(row(/^直接付款给卖家/)).toHaveAttribute('aria-checked', 'true');
    expect(row(/^微信支付/)).toHaveAttribute('aria-checked', 'false');
    expect(screen.queryByText('微信支付 ¥88.00')).not.toBeInTheDocument();
    fireEvent.click(screen.getByText('提交订单'));
    await waitFor(() => expect(props.replace).toHaveBeenCalledWith('order', { id: 'o1' }));
    expect(orders.placeOrder).toHaveBeenCalledTimes(1);
    expect(orders.placeOrder).toHaveBeenCalledWith(expect.objectContaining({ paymentMethod: 'direct', expectedTotalFen: 8800 }));
    expect(orders.pay).not.toHaveBeenCalled();
    expect(props.requestPayment).not.toHaveBeenCalled();
  });

  test('changing back to WeChat Pay pays with it again', async () => {
    const { orders } = renderChoice();
    await ready(orders, '微信支付 ¥88.00');
    fireEvent.click(screen.getByText('直接付款给卖家'));
    expect(screen.getByText('提交订单')).toBeInTheDocument();
    fireEvent.click(screen.getByText('微信支付'));
    fireEvent.click(screen.getByText('微信支付 ¥88.00'));
    await waitFor(() => expect(orders.pay).toHaveBeenCalledWith('o1'));
    expect(orders.placeOrder).toHaveBeenCalledWith(expect.objectContaining({ paymentMethod: 'wechat' }));
  });

  test('the choice is kept with the checkout draft and comes back when the page opens again', async () => {
    jest.useFakeTimers();
    try {
      const { orders } = renderChoice();
      await act(async () => undefined);
      await waitFor(() => expect(orders.quote).toHaveBeenCalled());
      await act(async () => undefined);
      fireEvent.click(screen.getByText('直接付款给卖家'));
      act(() => jest.advanceTimersByTime(600));
    } finally {
      jest.useRealTimers();
    }
    expect(loadDraft(checkoutDraftKey(ORDER_IDS.SHOP), isCheckoutDraft)?.data.paymentMethod).toBe('direct');
    document.body.innerHTML = '';
    const { orders } = renderChoice();
    await ready(orders, '提交订单');
    expect(row(/^直接付款给卖家/)).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByText('提交订单'));
    await waitFor(() => expect(orders.placeOrder).toHaveBeenCalledWith(expect.objectContaining({ paymentMethod: 'direct' })));
  });

  test('a draft kept before there was a choice still loads, with WeChat Pay as the default', async () => {
    saveDraft(checkoutDraftKey(ORDER_IDS.SHOP), { addressId: savedHome.id, form: { name: '', phone: '', region: null, detail: '' }, note: '周末在家', saveAddress: true }, null);
    expect(isCheckoutDraft({ addressId: null, form: { name: '', phone: '', region: null, detail: '' }, note: '', saveAddress: true, paymentMethod: 'cash' })).toBe(false);
    const { orders } = renderChoice();
    expect(await screen.findByDisplayValue('周末在家')).toBeInTheDocument();
    await ready(orders, '微信支付 ¥88.00');
    expect(row(/^微信支付/)).toHaveAttribute('aria-checked', 'true');
  });

  test('a picked way the shop no longer offers falls back to what it does offer', async () => {
    saveDraft(checkoutDraftKey(ORDER_IDS.SHOP), { addressId: savedHome.id, form: { name: '', phone: '', region: null, detail: '' }, note: '', saveAddress: true, paymentMethod: 'wechat' }, null);
    const { props } = renderChoice({
      orders: {
        quote: jest.fn(async () => quoteView()), placeOrder: jest.fn(async () => orderView()), myAddresses: jest.fn(async () => [savedHome]),
        reportSubscriptions: jest.fn(), pay: jest.fn(), checkPayment: jest.fn(),
      },
    });
    const orders = props.orders as { [K in keyof typeof props.orders]: jest.Mock };
    expect(await screen.findByText('直接付款给卖家（转账或现金，卖家确认收款）')).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup', { name: '付款方式' })).not.toBeInTheDocument();
    await ready(orders, '提交订单');
    fireEvent.click(screen.getByText('提交订单'));
    await waitFor(() => expect(orders.placeOrder).toHaveBeenCalledWith(expect.objectContaining({ paymentMethod: 'direct' })));
  });

  test('English', async () => {
    setLocale('en');
    renderChoice();
    expect(await screen.findByRole('radio', { name: 'WeChat Pay (recommended): The seller ships once paid' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('radio', { name: 'Pay the seller directly: Transfer or cash; the seller ships after confirming' })).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByText('Recommended')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('WeChat Pay ¥88.00')).toBeInTheDocument());
  });
});

describe('the order page', () => {
  function renderOrder(loaded: OrderView, extra: Partial<OrderScreenProps> = {}) {
    const orders = {
      order: jest.fn(async (_orderId: string) => loaded),
      cancelOrder: jest.fn(),
      confirmReceipt: jest.fn(),
      pay: jest.fn(async (_orderId: string) => payResponse),
      checkPayment: jest.fn(async (_orderId: string) => paidWechat()),
      requestRefund: jest.fn(async (_orderId: string, _request: unknown) => paidWechat()),
    };
    const props: OrderScreenProps = {
      orderId: 'o1',
      orders,
      clientConfig: jest.fn(async () => config),
      requestPayment: jest.fn(async () => 'paid' as const),
      wait: jest.fn(async () => undefined),
      go: jest.fn(),
      openLogin: jest.fn(),
      confirm: jest.fn(async () => true),
      copy: jest.fn(async () => true),
      call: jest.fn(),
      now: () => Date.parse(NOW),
      ...extra,
    };
    render(<OrderScreen {...props} />);
    return { orders, props };
  }

  test('after a cancelled payment: the countdown, a notice, and a big pay button that pays and shows it paid', async () => {
    const { orders, props } = renderOrder(unpaidWechat(), { payment: 'cancelled' });
    expect(await screen.findByText('请用微信支付付款，付款后卖家发货')).toBeInTheDocument();
    expect(screen.getByText('还没有付款，可以在这里继续支付')).toBeInTheDocument();
    expect(screen.getByText('2026-11-28 16:30 前没付款会自动取消（还剩 30 分钟付款）')).toBeInTheDocument();
    // WeChat Pay orders are paid here, not by calling the seller.
    expect(screen.queryByText('打电话')).not.toBeInTheDocument();
    await act(async () => undefined);
    fireEvent.click(screen.getByText('立即支付 ¥88.00'));
    expect(await screen.findByText('支付成功')).toBeInTheDocument();
    expect(orders.pay).toHaveBeenCalledWith('o1');
    expect(props.requestPayment).toHaveBeenCalledWith(params, SIM_PATH);
    expect(orders.checkPayment).toHaveBeenCalledWith('o1');
    expect(screen.getByText('已付款 ¥88.00（微信支付）')).toBeInTheDocument();
    expect(screen.getByText('付款成功，卖家正在准备发货')).toBeInTheDocument();
    expect(screen.queryByText('立即支付 ¥88.00')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('refunds')).getByText('已付款')).toBeInTheDocument();
  });

  test('a failed sheet says so and keeps the order unpaid; nothing is marked paid on the phone', async () => {
    const { orders } = renderOrder(unpaidWechat(), { requestPayment: jest.fn(async () => 'failed' as const) });
    fireEvent.click(await screen.findByText('立即支付 ¥88.00'));
    expect(await screen.findByText('支付没有成功，请再试一次')).toBeInTheDocument();
    expect(orders.checkPayment).not.toHaveBeenCalled();
    expect(screen.getByText('立即支付 ¥88.00')).toBeInTheDocument();
    expect(screen.getByText('待付款')).toBeInTheDocument();
  });

  test('an order no longer payable says so in the buyer’s words and shows the order as it is now', async () => {
    const cancelled = unpaidWechat({ status: 'cancelled', actions: [], cancelled: { at: NOW, by: 'system', reason: '超时未付款' } });
    const { orders } = renderOrder(unpaidWechat());
    await screen.findByText('立即支付 ¥88.00');
    orders.pay.mockRejectedValue(new ApiError('ORDER_NOT_PAYABLE', '订单已经不能确认收款了，请刷新看看', 409));
    orders.order.mockResolvedValue(cancelled);
    fireEvent.click(screen.getByText('立即支付 ¥88.00'));
    expect(await screen.findByText('订单已经不能付款了，请刷新看看')).toBeInTheDocument();
    expect(await screen.findByText('已取消')).toBeInTheDocument();
    expect(screen.queryByText('立即支付 ¥88.00')).not.toBeInTheDocument();
  });

  test('arriving from checkout while WeChat still confirms, or after a dropped network', async () => {
    renderOrder(unpaidWechat(), { payment: 'checking' });
    expect(await screen.findByText('支付结果确认中，请稍后刷新看看')).toBeInTheDocument();
    document.body.innerHTML = '';
    renderOrder(unpaidWechat(), { payment: 'NETWORK' });
    expect(await screen.findByText('网络不好，请稍后再试')).toBeInTheDocument();
  });

  async function openRefundSheet() {
    fireEvent.click(await screen.findByText('申请退款'));
    return screen.getByLabelText('退多少钱（元）') as HTMLInputElement;
  }

  test('the refund sheet: the whole refundable by default, checked on the phone, integer fen sent', async () => {
    const requested = paidWechat({
      actions: [],
      money: paidMoney(8800, { refundRequest: { amountFen: 1250, reason: '少发漏发：少了一袋', status: 'open', at: NOW, answer: null, answeredAt: null } }),
    });
    const { orders } = renderOrder(paidWechat());
    const amount = await openRefundSheet();
    expect(amount.value).toBe('88');
    expect(screen.getByText('最多可以退 ¥88.00')).toBeInTheDocument();
    const submit = screen.getByText('提交退款申请');

    fireEvent.input(amount, { target: { value: '0' } });
    fireEvent.click(submit);
    expect(screen.getByText('至少退 0.01 元')).toBeInTheDocument();
    expect(screen.getByText('请选一个原因，或写一下')).toBeInTheDocument();

    fireEvent.input(amount, { target: { value: '88.01' } });
    fireEvent.click(submit);
    expect(screen.getAllByText('最多可以退 ¥88.00')).toHaveLength(2); // the hint, and the error beside the field

    fireEvent.input(amount, { target: { value: '1.234' } });
    fireEvent.click(submit);
    expect(screen.getByText('金额最多写到分（两位小数）')).toBeInTheDocument();

    fireEvent.input(amount, { target: { value: 'abc' } });
    fireEvent.click(submit);
    expect(screen.getByText('请填数字，例如 12.50')).toBeInTheDocument();
    expect(orders.requestRefund).not.toHaveBeenCalled();

    orders.requestRefund.mockResolvedValue(requested);
    fireEvent.input(amount, { target: { value: '12.5' } });
    fireEvent.click(screen.getByRole('radio', { name: '少发漏发' }));
    fireEvent.input(screen.getByLabelText('写一下原因，卖家会看到'), { target: { value: ' 少了一袋 ' } });
    fireEvent.click(submit);
    await waitFor(() => expect(orders.requestRefund).toHaveBeenCalledWith('o1', { amountFen: 1250, reason: '少发漏发：少了一袋' }));
    expect(Number.isInteger((orders.requestRefund.mock.calls[0][1] as { amountFen: number }).amountFen)).toBe(true);
    expect(await screen.findByText('退款申请已提交，等待卖家处理')).toBeInTheDocument();
    expect(screen.getByText('你申请退款 ¥12.50，等待卖家处理')).toBeInTheDocument();
    expect(within(screen.getByTestId('refund-request')).getByText('等待卖家处理')).toBeInTheDocument();
    expect(screen.queryByTestId('refund-sheet')).not.toBeInTheDocument();
  });

  test('"其他" needs typed words; the server’s REFUND_TOO_LARGE shows the most that can be refunded beside the amount', async () => {
    const { orders } = renderOrder(paidWechat());
    const amount = await openRefundSheet();
    fireEvent.click(screen.getByRole('radio', { name: '其他' }));
    fireEvent.click(screen.getByText('提交退款申请'));
    expect(screen.getByText('请选一个原因，或写一下')).toBeInTheDocument();
    fireEvent.input(screen.getByLabelText('写一下原因，卖家会看到'), { target: { value: '买多了' } });
    orders.requestRefund.mockRejectedValue(new ApiError('REFUND_TOO_LARGE', '退款金额超过了可以退的钱', 422, undefined, { refundableFen: 5000 }));
    fireEvent.input(amount, { target: { value: '60' } });
    fireEvent.click(screen.getByText('提交退款申请'));
    await waitFor(() => expect(orders.requestRefund).toHaveBeenCalledWith('o1', { amountFen: 6000, reason: '买多了' }));
    expect(await screen.findByText('最多可以退 ¥50.00')).toBeInTheDocument();
    expect(screen.getByTestId('refund-sheet')).toBeInTheDocument();
  });

  test('a request already open closes the sheet, says so and shows the order as it is now', async () => {
    const { orders } = renderOrder(paidWechat());
    await openRefundSheet();
    orders.requestRefund.mockRejectedValue(new ApiError('REFUND_REQUEST_OPEN', '已经有一个退款申请在等卖家处理了', 409));
    fireEvent.click(screen.getByRole('radio', { name: '不想要了' }));
    fireEvent.click(screen.getByText('提交退款申请'));
    expect(await screen.findByText('已经有一个退款申请在等卖家处理了')).toBeInTheDocument();
    expect(screen.queryByTestId('refund-sheet')).not.toBeInTheDocument();
    await waitFor(() => expect(orders.order).toHaveBeenCalledTimes(2));
  });

  test('the banner: declined with the seller’s answer; cancelled and refunded in full', async () => {
    const declined = paidWechat({
      actions: ['request_refund'],
      money: paidMoney(8800, { refundRequest: { amountFen: 8800, reason: '不想要了', status: 'declined', at: NOW, answer: '已经发货了', answeredAt: NOW } }),
    });
    renderOrder(declined);
    expect(await screen.findByText('卖家拒绝了退款：已经发货了')).toBeInTheDocument();
    expect(screen.getByText('卖家回复：已经发货了')).toBeInTheDocument();
    document.body.innerHTML = '';
    const refundedAll = paidWechat({
      status: 'cancelled', actions: [], cancelled: { at: NOW, by: 'seller', reason: '缺货' },
      money: paidMoney(8800, { refunds: [refund(1, { kind: 'cancel', amountFen: 8800, reason: '缺货' })] }),
    });
    renderOrder(refundedAll);
    expect(await screen.findByText('已全额退款 ¥88.00，钱原路退回')).toBeInTheDocument();
    expect(screen.getByText('取消订单退款')).toBeInTheDocument();
    expect(screen.queryByText('申请退款')).not.toBeInTheDocument();
  });

  test('an unpaid direct order shows no money card', async () => {
    renderOrder(orderView({ money: unpaidMoney }));
    await screen.findByText('请直接付款给卖家（转账或现金）');
    expect(screen.queryByTestId('refunds')).not.toBeInTheDocument();
  });
});

describe('my orders', () => {
  test('an unpaid WeChat Pay order’s "去支付" opens its page once; none on a paid order or one paid to the seller directly', async () => {
    const card: OrderCard = {
      id: 'o1', orderNo: '20261128-4821937', status: 'awaiting_payment', shop: { id: ORDER_IDS.SHOP, name: '克东王家合作社' }, title: '东北小米', cover: null,
      lineCount: 1, packCount: 2, totalFen: 8800, weightGrams: 5200, receiver: { name: '张三', phoneMasked: '138****8000', province: '黑龙江省' },
      paymentMethod: 'wechat', expiresAt: '2026-11-28T08:25:00.000Z', createdAt: NOW,
    };
    const paidCard: OrderCard = { ...card, id: 'o2', orderNo: '20261128-0000002', status: 'paid', expiresAt: null };
    const directCard: OrderCard = { ...card, id: 'o3', orderNo: '20261128-0000003', title: '黑木耳', paymentMethod: 'direct' };
    const items = [card, paidCard, directCard];
    const orders = { myOrders: jest.fn(async () => ({ items, page: 1, pageSize: 20, total: 3, counts: { awaiting_payment: 2, paid: 1, shipped: 0, completed: 0, cancelled: 0 } })) };
    const go = jest.fn();
    render(<OrdersScreen orders={orders} go={go} openLogin={jest.fn()} canLogIn={() => true} now={() => Date.parse(NOW)} />);
    const pay = await screen.findAllByText('去支付');
    expect(pay).toHaveLength(1);
    expect(within(screen.getByRole('link', { name: card.orderNo })).getByText('去支付')).toBeInTheDocument();
    // The direct one still says how long is left to pay; it is paid to the seller, outside the app.
    const direct = screen.getByRole('link', { name: directCard.orderNo });
    expect(within(direct).getByText('还剩 25 分钟付款')).toBeInTheDocument();
    expect(within(direct).queryByText('去支付')).not.toBeInTheDocument();
    fireEvent.click(pay[0]);
    expect(go).toHaveBeenCalledTimes(1);
    expect(go).toHaveBeenCalledWith('order', { id: 'o1' });
  });
});

describe('the Refunds card', () => {
  test('each kind and status in words, the request with its answer, short lines under the weight refund', () => {
    const money = paidMoney(9200, {
      refunds: [
        refund(1, { kind: 'weight', amountFen: 456, status: 'success' }),
        refund(2, { kind: 'cancel', amountFen: 100, status: 'pending', settledAt: null }),
        refund(3, { kind: 'requested', amountFen: 200, status: 'abnormal' }),
        refund(4, { kind: 'seller', amountFen: 300, status: 'closed' }),
        refund(5, { kind: 'late_payment', amountFen: 400, status: 'success', channel: 'offline' }),
      ],
      refundRequest: { amountFen: 200, reason: '商品有问题', status: 'approved', at: NOW, answer: null, answeredAt: NOW },
    });
    const lines = [
      { ...orderView().lines[0], packedGrams: 4700 },
      { ...orderView().lines[0], variantId: 'e'.repeat(24), title: '黄豆', packedGrams: 5000 },
    ];
    render(<Refunds money={money} lines={lines} />);
    const rows = screen.getAllByTestId('refund');
    expect(rows.map((row) => row.querySelector('.refund__kind')?.textContent)).toEqual(['称重差价退款', '取消订单退款', '协商退款', '卖家退款', '逾期支付自动退款']);
    expect(rows.map((row) => row.querySelector('.refund__status')?.textContent)).toEqual(['已退款', '退款中', '退款异常，请联系卖家', '已关闭', '已退款']);
    expect(within(rows[0]).getByText('¥4.56')).toBeInTheDocument();
    // Only the short line, and only under the weight refund.
    expect(within(rows[0]).getByText('东北小米 2.5公斤袋装：实发 4.7 kg（订 5 kg）')).toBeInTheDocument();
    expect(screen.queryByText(/黄豆/)).not.toBeInTheDocument();
    expect(within(rows[4]).getByText('卖家已经自己把钱退还了')).toBeInTheDocument();
    // Paid ¥92, refunded all but the closed one (456 + 100 + 200 + 400 = 1156).
    expect(screen.getByText('¥92.00')).toBeInTheDocument();
    expect(within(screen.getByTestId('refunds')).getByText('¥11.56')).toBeInTheDocument();
    expect(screen.getByText('¥80.44')).toBeInTheDocument();
    const request = screen.getByTestId('refund-request');
    expect(within(request).getByText('卖家已同意')).toBeInTheDocument();
    expect(within(request).getByText('原因：商品有问题')).toBeInTheDocument();
  });

  test('English', () => {
    setLocale('en');
    render(<Refunds money={paidMoney(1000, { refunds: [refund(1, { status: 'abnormal' })] })} />);
    expect(screen.getByText('Refund for short weight')).toBeInTheDocument();
    expect(screen.getByText('Refund failed; please contact the seller')).toBeInTheDocument();
  });

  test('a line packed short says what went out and what was ordered; as ordered, nothing', () => {
    const line = { ...orderView().lines[0], quantity: 1, lineFen: 3800, packedGrams: 2350 };
    const { rerender } = render(<OrderLineRow line={line} />);
    expect(screen.getByText('实发 2.35 kg（订 2.5 kg）')).toBeInTheDocument();
    rerender(<OrderLineRow line={{ ...line, packedGrams: 2500 }} />);
    expect(screen.queryByText(/实发/)).not.toBeInTheDocument();
    rerender(<OrderLineRow line={{ ...line, packedGrams: null }} />);
    expect(screen.queryByText(/实发/)).not.toBeInTheDocument();
  });
});

describe('the platform’s pay sheet', () => {
  const weChat = taro as typeof taro & { requestPayment?: jest.Mock };
  afterEach(() => {
    delete weChat.requestPayment;
  });

  test('inside WeChat: wx.requestPayment with the parameters as given; a closed sheet is "cancelled"', async () => {
    weChat.requestPayment = jest.fn(async () => ({ errMsg: 'requestPayment:ok' }));
    await expect(requestPayment(params, null)).resolves.toBe('paid');
    expect(weChat.requestPayment).toHaveBeenCalledWith(params);
    weChat.requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' });
    await expect(requestPayment(params, null)).resolves.toBe('cancelled');
    weChat.requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail (detail message)' });
    await expect(requestPayment(params, null)).resolves.toBe('failed');
  });
});

describe('the browser’s stand-in pay sheet', () => {
  const sheetView = { prepayId: 'wx28160000abc', amountFen: 9200, description: '克东王家合作社 - 东北小米', mchid: '1900000109' };
  const ok = (data: unknown, statusCode = 200) => Promise.resolve({ statusCode, data, header: {} });

  function scriptSimulator(answer: () => Promise<unknown>) {
    taro.request.mockImplementation((options: { method: string }) => (options.method === 'GET' ? ok(sheetView) : answer()));
  }

  test('shows the merchant, what is bought and the amount; "确认支付" pays with the session’s token', async () => {
    scriptSimulator(() => ok({ result: 'paid', transactionId: '4200000001' }));
    const paying = openSimPaySheet(params, `http://localhost${SIM_PATH}`, 'session-token');
    const sheet = screen.getByRole('dialog', { name: '微信支付' });
    expect(await within(sheet).findByText('¥92.00')).toBeInTheDocument();
    expect(within(sheet).getByText('克东王家合作社 - 东北小米')).toBeInTheDocument();
    expect(within(sheet).getByText('商户号 1900000109')).toBeInTheDocument();
    expect(taro.request.mock.calls[0][0]).toMatchObject({ url: `http://localhost${SIM_PATH}?prepay_id=wx28160000abc`, method: 'GET' });
    fireEvent.click(screen.getByTestId('sim-pay-confirm'));
    await expect(paying).resolves.toBe('paid');
    expect(taro.request.mock.calls[1][0]).toMatchObject({
      url: `http://localhost${SIM_PATH}`, method: 'POST', data: { ...params, choice: 'pay' }, header: { Authorization: 'Bearer session-token' },
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  test('"取消" tells the simulator and resolves "cancelled"', async () => {
    scriptSimulator(() => ok({ result: 'cancelled' }));
    const paying = openSimPaySheet(params, SIM_PATH, null);
    await screen.findByText('¥92.00');
    fireEvent.click(screen.getByTestId('sim-pay-cancel'));
    await expect(paying).resolves.toBe('cancelled');
    expect(taro.request.mock.calls[1][0]).toMatchObject({ method: 'POST', data: { choice: 'cancel' } });
    expect(taro.request.mock.calls[1][0].header.Authorization).toBeUndefined();
  });

  test('a refusal is shown in the sheet; closing it resolves "failed"', async () => {
    scriptSimulator(() => ok({ code: 'NOT_ENOUGH', message: '余额不足' }, 400));
    const paying = openSimPaySheet(params, SIM_PATH, 'session-token');
    await screen.findByText('¥92.00');
    fireEvent.click(screen.getByTestId('sim-pay-confirm'));
    expect(await screen.findByText('支付失败：余额不足')).toBeInTheDocument();
    expect(screen.getByTestId('sim-pay-confirm')).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: '关闭' }));
    await expect(paying).resolves.toBe('failed');
  });
});
