// The browser build's stand-in for WeChat's pay sheet (H5 only, when the WeChat simulator runs):
// a bottom sheet over the page with the merchant, what is bought and the amount, and a big green
// button. The buyer's tap goes to the simulator, which pays as WeChat Pay would (and notifies our
// server); this page learns only "paid", "cancelled" or "failed", exactly as wx.requestPayment
// tells a mini-program. Plain DOM, so it works outside Taro's components and any E2E can drive it.
import Taro from '@tarojs/taro';
import type { PaymentParams, SimPayRequest, SimPaySheetView } from '../../../contract/payments';
import { t } from '../i18n';
import { formatFen } from '../utils/format';
import { isRecord } from '../utils/shapes';

export type PaymentOutcome = 'paid' | 'cancelled' | 'failed';

/** The prepay id inside wx.requestPayment's `package` ("prepay_id=wx…"). */
export function prepayIdOf(params: PaymentParams): string {
  return params.package.startsWith('prepay_id=') ? params.package.slice('prepay_id='.length) : params.package;
}

/** The simulator's refusal in words: our `{ error: { message } }` or WeChat-like `{ code, message }`. */
function refusalOf(data: unknown, statusCode: number): string {
  if (isRecord(data)) {
    if (isRecord(data.error) && typeof data.error.message === 'string') return data.error.message;
    if (typeof data.message === 'string') return data.message;
  }
  return `HTTP ${statusCode}`;
}

const SHEET_STYLE = 'position:fixed;inset:0;z-index:10000;display:flex;flex-direction:column;justify-content:flex-end;background:rgba(0,0,0,0.5);font-family:inherit;';
const PANEL_STYLE = 'background:#f7f7f7;border-radius:16px 16px 0 0;padding:16px 20px calc(24px + env(safe-area-inset-bottom));text-align:center;color:#1a1a1a;';
const BUTTON_STYLE = 'display:block;width:100%;min-height:48px;border:none;border-radius:8px;font-size:18px;cursor:pointer;';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, style: string, text = '', testId?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.setAttribute('style', style);
  if (text) node.textContent = text;
  if (testId) node.setAttribute('data-testid', testId);
  return node;
}

/**
 * Shows the sheet for these parameters and resolves with what happened. `sheetUrl` is the
 * simulator's pay-sheet address; `token` is our session's bearer token, which the simulator uses
 * to know who pays (as WeChat knows who holds the phone).
 */
export function openSimPaySheet(params: PaymentParams, sheetUrl: string, token: string | null): Promise<PaymentOutcome> {
  if (typeof document === 'undefined') return Promise.resolve('failed');
  const header: Record<string, string> = { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) };

  return new Promise<PaymentOutcome>((resolve) => {
    const sheet = element('div', SHEET_STYLE, '', 'sim-pay-sheet');
    sheet.className = 'sim-pay-sheet';
    sheet.setAttribute('role', 'dialog');
    sheet.setAttribute('aria-modal', 'true');
    sheet.setAttribute('aria-label', t('simPay.title'));

    const panel = element('div', PANEL_STYLE);
    const top = element('div', 'display:flex;align-items:center;justify-content:space-between;min-height:44px;');
    const close = element('button', 'min-width:44px;min-height:44px;border:none;background:none;font-size:24px;cursor:pointer;', '×', 'sim-pay-close');
    close.className = 'sim-pay-sheet__close';
    close.setAttribute('aria-label', t('simPay.close'));
    close.type = 'button';
    const title = element('div', 'flex:1;font-size:17px;font-weight:600;', t('simPay.title'));
    top.append(close, title, element('div', 'min-width:44px;'));

    const description = element('div', 'margin-top:16px;font-size:16px;', t('simPay.loading'), 'sim-pay-description');
    description.className = 'sim-pay-sheet__description';
    const amount = element('div', 'margin:8px 0;font-size:40px;font-weight:600;', '', 'sim-pay-amount');
    amount.className = 'sim-pay-sheet__amount';
    const merchant = element('div', 'color:#888;font-size:14px;margin-bottom:20px;', '', 'sim-pay-merchant');
    const problem = element('div', 'color:#a1261b;font-size:15px;margin-bottom:12px;', '', 'sim-pay-error');
    problem.setAttribute('role', 'alert');
    problem.hidden = true;

    const confirm = element('button', `${BUTTON_STYLE}background:#07c160;color:#fff;font-weight:600;`, t('simPay.confirm'), 'sim-pay-confirm');
    confirm.className = 'sim-pay-sheet__confirm';
    confirm.type = 'button';
    confirm.disabled = true;
    const cancel = element('button', `${BUTTON_STYLE}margin-top:12px;background:#fff;color:#555;`, t('simPay.cancel'), 'sim-pay-cancel');
    cancel.className = 'sim-pay-sheet__cancel';
    cancel.type = 'button';

    panel.append(top, description, amount, merchant, problem, confirm, cancel);
    sheet.appendChild(panel);
    document.body.appendChild(sheet);

    let settled = false;
    let failed = false;
    function finish(outcome: PaymentOutcome) {
      if (settled) return;
      settled = true;
      document.removeEventListener('keydown', onKey);
      sheet.remove();
      resolve(outcome);
    }
    function showProblem(message: string) {
      failed = true;
      problem.textContent = t('simPay.failed', { message });
      problem.hidden = false;
      confirm.disabled = true;
    }

    const base = { appId: params.appId, timeStamp: params.timeStamp, nonceStr: params.nonceStr, package: params.package, signType: params.signType, paySign: params.paySign };
    function send(choice: SimPayRequest['choice']) {
      const body: SimPayRequest = { ...base, choice };
      return Taro.request({ url: sheetUrl, method: 'POST', data: body, header, dataType: 'json' });
    }

    /** Closing before paying: the simulator hears "cancel" (as WeChat would), the page "cancelled". */
    function dismiss() {
      if (settled) return;
      if (failed) {
        finish('failed');
        return;
      }
      void send('cancel').catch(() => undefined);
      finish('cancelled');
    }
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Escape') dismiss();
    }
    document.addEventListener('keydown', onKey);
    close.addEventListener('click', dismiss);
    cancel.addEventListener('click', dismiss);

    confirm.addEventListener('click', () => {
      if (confirm.disabled || settled) return;
      confirm.disabled = true;
      cancel.disabled = true;
      send('pay').then(
        (response) => {
          const data: unknown = response.data;
          if (response.statusCode >= 200 && response.statusCode < 300 && isRecord(data) && data.result === 'paid') {
            finish('paid');
            return;
          }
          if (response.statusCode >= 200 && response.statusCode < 300 && isRecord(data) && data.result === 'cancelled') {
            finish('cancelled');
            return;
          }
          cancel.disabled = false;
          showProblem(refusalOf(data, response.statusCode));
        },
        (reason: unknown) => {
          cancel.disabled = false;
          showProblem(String((reason as { errMsg?: unknown } | null)?.errMsg ?? reason));
        },
      );
    });

    const query = `${sheetUrl.includes('?') ? '&' : '?'}prepay_id=${encodeURIComponent(prepayIdOf(params))}`;
    Taro.request({ url: sheetUrl + query, method: 'GET', header, dataType: 'json' }).then(
      (response) => {
        if (settled) return;
        const view = response.data as Partial<SimPaySheetView> | undefined;
        if (response.statusCode < 200 || response.statusCode >= 300 || !view || typeof view.amountFen !== 'number') {
          description.textContent = '';
          showProblem(refusalOf(response.data, response.statusCode));
          return;
        }
        description.textContent = view.description ?? '';
        amount.textContent = formatFen(view.amountFen);
        merchant.textContent = view.mchid ? t('simPay.merchant', { mchid: view.mchid }) : '';
        confirm.disabled = false;
        confirm.focus();
      },
      (reason: unknown) => {
        if (settled) return;
        description.textContent = '';
        showProblem(String((reason as { errMsg?: unknown } | null)?.errMsg ?? reason));
      },
    );
  });
}
