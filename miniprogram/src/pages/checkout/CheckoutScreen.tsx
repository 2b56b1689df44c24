// Checkout: the lines priced by the server (again whenever the lines or the region change), the
// address, a note for the seller, how to pay (where the shop takes WeChat Pay, the buyer picks it,
// the default, or paying the seller directly; else the seller directly), and placing the order
// once — a double tap or a retried timeout cannot place two (one Idempotency-Key per tap, the
// button rests while it is out). With WeChat Pay the same tap then pays; whatever happens to the
// payment, the placed order's page comes next, where it can be paid again. The form stays on the
// phone until the order is placed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { ClientConfig } from '../../../../contract/auth';
import type { SavedAddressView } from '../../../../contract/addresses';
import type { NotShippedToDetails } from '../../../../contract/errors';
import { BUYER_NOTE_MAX } from '../../../../contract/limits';
import type { PaymentMethod, QuoteView } from '../../../../contract/orders';
import { addressErrorsFromPaths, addressErrorsOf, type AddressErrors } from '../../components/AddressForm';
import { EmptyState } from '../../components/EmptyState';
import { fieldErrorsFrom } from '../../components/Field/errors';
import { textOf } from '../../components/Field/events';
import { LoadFailed, Loading } from '../../components/LoadState';
import { LoginNeeded, needsLogin } from '../../components/LoginNeeded';
import { Outcome } from '../../components/Outcome';
import type { LoadRegions } from '../../components/RegionPicker';
import { useFormDraft } from '../../hooks/useFormDraft';
import { useOnChange } from '../../hooks/useOnChange';
import { messageOf } from '../../hooks/usePagedList';
import { t } from '../../i18n';
import { removeLines } from '../../services/cart';
import { loadDraft } from '../../services/form-drafts';
import { ApiError } from '../../services/http';
import type { Orders } from '../../services/orders';
import type { Navigate, SubscribeAnswers, WeChatAddress } from '../../services/platform';
import {
  addressInputOf, addressProblems, emptyAddressForm, fromWeChatAddress, matchRegionNames,
} from '../../utils/address';
import { formatFen } from '../../utils/format';
import { isRecord } from '../../utils/shapes';
import { AddressSection } from './AddressSection';
import { checkoutDraftKey, isCheckoutDraft, type CheckoutDraft } from './draft';
import { checkoutLines } from './lines';
import { PaymentChoice } from './PaymentChoice';
import { QuoteLines, QuoteMoney } from './QuoteSummary';
import { payOrder, type RequestPayment } from '../order/pay';
import './index.scss';

export interface CheckoutScreenProps {
  shopId: string;
  /** "productId.variantId.quantity" for buy-now; absent: the shop's cart. */
  buy?: string;
  orders: Pick<Orders, 'quote' | 'placeOrder' | 'myAddresses' | 'reportSubscriptions' | 'pay' | 'checkPayment'>;
  loadRegions: LoadRegions;
  clientConfig: () => Promise<ClientConfig>;
  /** WeChat's address book; null where there is none (the browser). */
  chooseWeChatAddress: (() => Promise<WeChatAddress | null>) | null;
  requestSubscribe: (templateIds: string[], simulatorSubscribePath: string | null) => Promise<SubscribeAnswers | null>;
  /** WeChat's pay sheet (the simulator's in the browser). */
  requestPayment: RequestPayment;
  /** Pauses between payment checks; tests pass one that does not wait. */
  wait?: (ms: number) => Promise<void>;
  go: Navigate;
  /** Opens the placed order in place of the checkout. */
  replace: Navigate;
  openLogin: () => void;
  /** Grows each time the page shows again (back from the addresses page, or the cart). */
  shownAgain?: number;
  takePickedAddress: () => string | null;
}

const emptyDraft = (): CheckoutDraft => ({ addressId: null, form: emptyAddressForm(), note: '', saveAddress: true });
/** What is kept while nothing is typed: nothing (a saved address picked by default is not news). */
const NOTHING_TYPED = emptyDraft();

const typedSomething = (draft: CheckoutDraft) =>
  !!(draft.note.trim() || draft.form.name.trim() || draft.form.phone.trim() || draft.form.detail.trim() || draft.form.region);
/** Worth keeping on the phone: something typed, or a way to pay picked. */
const worthKeeping = (draft: CheckoutDraft) => typedSomething(draft) || draft.paymentMethod !== undefined;

function quoteIn(details: unknown): QuoteView | null {
  return isRecord(details) && isRecord(details.quote) && Array.isArray(details.quote.lines) ? (details.quote as unknown as QuoteView) : null;
}

/**
 * How the order will be paid: the buyer's pick while the shop still offers it, else WeChat Pay when
 * the shop takes it (the quote says so), else paying the seller directly.
 */
function methodOf(quote: QuoteView, picked: PaymentMethod | undefined): PaymentMethod {
  if (picked && quote.paymentMethods.includes(picked)) return picked;
  return quote.paymentMethods.includes('wechat') ? 'wechat' : 'direct';
}

/** The saved address to start with: the default, else the newest. */
const preferred = (saved: SavedAddressView[]): string | null => (saved.find((a) => a.isDefault) ?? saved[0])?.id ?? null;

export function CheckoutScreen(props: CheckoutScreenProps) {
  const { shopId, buy, orders, loadRegions, clientConfig, chooseWeChatAddress, requestSubscribe, requestPayment, wait, go, replace, openLogin, shownAgain = 0, takePickedAddress } = props;
  const draftKey = checkoutDraftKey(shopId);
  const [{ lines, fromCart }, setLines] = useState(() => checkoutLines(shopId, buy));
  const [draft, setDraft] = useState<CheckoutDraft>(() => loadDraft(draftKey, isCheckoutDraft)?.data ?? emptyDraft());
  const [saved, setSaved] = useState<SavedAddressView[] | null>(null);
  const [loginNeeded, setLoginNeeded] = useState(false);
  const [errors, setErrors] = useState<AddressErrors>({});
  const [regionKey, setRegionKey] = useState(0);
  const [quote, setQuote] = useState<{ view: QuoteView; region: string | undefined } | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const [quoting, setQuoting] = useState(false);
  const [placing, setPlacing] = useState(false);
  const [paying, setPaying] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [config, setConfig] = useState<ClientConfig | null>(null);
  // A ref as well as state: two taps within one frame both see `placing` still false.
  const placingNow = useRef(false);
  const placed = useRef(false);
  const [done, setDone] = useState(false);

  const chosen = saved?.find((address) => address.id === draft.addressId) ?? null;
  const regionCode = chosen ? chosen.region.county.code : draft.form.region?.county.code;

  // Addresses: the list, then what the addresses page picked, else keep the choice, else the default.
  const loadAddresses = useCallback(() => {
    orders.myAddresses().then(
      (list) => {
        setLoginNeeded(false);
        setSaved(list);
        const picked = takePickedAddress();
        setDraft((current) => {
          if (picked && list.some((a) => a.id === picked)) return { ...current, addressId: picked };
          if (current.addressId && list.some((a) => a.id === current.addressId)) return current;
          if (typedSomething(current) && current.addressId === null) return current;
          return { ...current, addressId: preferred(list) };
        });
      },
      (failure: unknown) => {
        if (needsLogin(failure)) setLoginNeeded(true);
        // Without the saved list the typed address still works.
        setSaved((shown) => shown ?? []);
        setDraft((current) => ({ ...current, addressId: null }));
      },
    );
  }, [orders, takePickedAddress]);

  useEffect(() => {
    loadAddresses();
    clientConfig().then(setConfig, () => undefined);
  }, [loadAddresses, clientConfig]);

  useOnChange(shownAgain, () => {
    if (placed.current) return;
    setLines(checkoutLines(shopId, buy));
    loadAddresses();
  });

  // The quote, again whenever the lines or the region change; only the newest answer counts.
  const asked = useRef(0);
  const requote = useCallback(() => {
    if (lines.length === 0) return;
    const mine = ++asked.current;
    setQuoting(true);
    setQuoteError(null);
    orders.quote({ shopId, lines, ...(regionCode ? { regionCode } : {}) }).then(
      (view) => {
        if (mine !== asked.current) return;
        setQuote({ view, region: regionCode });
        setQuoting(false);
      },
      (failure: unknown) => {
        if (mine !== asked.current) return;
        if (needsLogin(failure)) setLoginNeeded(true);
        setQuoteError(messageOf(failure));
        setQuoting(false);
      },
    );
  }, [orders, shopId, lines, regionCode]);
  useEffect(requote, [requote]);

  // The draft: kept while something is typed (shortly after each change, on leaving, and when the
  // app goes to the background); forgotten once the order is placed.
  const drafts = useFormDraft(done ? null : draftKey, worthKeeping(draft) ? draft : NOTHING_TYPED, NOTHING_TYPED, null);

  const change = (changes: Partial<CheckoutDraft>) => setDraft((current) => ({ ...current, ...changes }));

  async function fillFromWeChat() {
    if (!chooseWeChatAddress) return;
    const picked = await chooseWeChatAddress();
    if (!picked) return;
    const { form, names } = fromWeChatAddress(picked);
    let region = form.region;
    if (!region) region = await matchRegionNames(names, loadRegions).catch(() => null);
    change({ addressId: null, form: { ...form, region } });
    setRegionKey((n) => n + 1);
    setErrors(region ? {} : addressErrorsOf(['regionCode']));
  }

  function submit() {
    if (placingNow.current || !quote) return;
    let address;
    if (chosen) {
      address = { name: chosen.name, phone: chosen.phone, regionCode: chosen.region.county.code, detail: chosen.detail };
    } else {
      const problems = addressProblems(draft.form);
      setErrors(addressErrorsOf(problems));
      if (problems.length) {
        setOutcome({ ok: false, text: t('form.fixFields') });
        return;
      }
      address = addressInputOf(draft.form);
    }
    // WeChat shows the subscribe dialog only when asked straight from the tap, before any await.
    const templates = config ? [config.subscribeTemplates.order_paid, config.subscribeTemplates.order_shipped].filter((id): id is string => !!id) : [];
    const subscribing = requestSubscribe(templates, config?.simulatorSubscribePath ?? null);
    placingNow.current = true;
    setPlacing(true);
    setOutcome(null);
    void subscribing.then((answers) => (answers ? orders.reportSubscriptions(answers) : null)).catch(() => undefined);
    const paymentMethod = methodOf(quote.view, draft.paymentMethod);
    orders
      .placeOrder({
        shopId,
        lines,
        address,
        buyerNote: draft.note.trim(),
        paymentMethod,
        expectedTotalFen: quote.view.totalFen,
        saveAddress: !chosen && draft.saveAddress,
      })
      .then(
        (order) => {
          placed.current = true;
          setDone(true);
          if (fromCart) removeLines(shopId, lines.map((line) => line.variantId));
          drafts.clear();
          if (paymentMethod === 'wechat') payPlaced(order.id);
          else replace('order', { id: order.id });
        },
        (failure: unknown) => {
          placingNow.current = false;
          setPlacing(false);
          refused(failure);
        },
      );
  }

  /**
   * Pays the order just placed, then opens it in any case: paid, or awaiting payment with its own
   * pay button (a cancelled sheet, a dropped network, WeChat Pay refusing) — nothing is lost.
   */
  function payPlaced(orderId: string) {
    setPaying(true);
    payOrder(orderId, { orders, requestPayment, simulatorPaySheetPath: config?.simulatorPaySheetPath ?? null, wait }).then(
      (result) => replace('order', { id: orderId, payment: result.outcome }),
      (failure: unknown) => replace('order', { id: orderId, payment: failure instanceof ApiError ? failure.code : 'failed' }),
    );
  }

  function refused(failure: unknown) {
    const code = failure instanceof ApiError ? failure.code : null;
    if (code === 'PRICE_CHANGED') {
      const fresh = quoteIn((failure as ApiError).details);
      if (fresh) setQuote({ view: fresh, region: regionCode });
      else requote();
      setOutcome({ ok: false, text: fresh ? t('checkout.priceChanged', { total: formatFen(fresh.totalFen) }) : messageOf(failure) });
      return;
    }
    if (code === 'NOT_SHIPPED_TO') {
      const province = (failure as ApiError & { details?: Partial<NotShippedToDetails> }).details?.province?.name;
      setOutcome({ ok: false, text: province ? t('checkout.notShippedTo', { province }) : messageOf(failure) });
      requote();
      return;
    }
    if (code === 'OUT_OF_STOCK' || code === 'PRODUCT_UNAVAILABLE' || code === 'SHOP_NOT_ACCEPTING_ORDERS') requote();
    if (needsLogin(failure)) setLoginNeeded(true);
    const fields = addressErrorsFromPaths(Object.keys(fieldErrorsFrom(failure) ?? {}));
    if (Object.keys(fields).length) {
      // A saved address the server now refuses is fixed in the form, not silently sent again.
      if (chosen) change({ addressId: null, form: { name: chosen.name, phone: chosen.phone, region: chosen.region, detail: chosen.detail } });
      setErrors(fields);
    }
    setOutcome({ ok: false, text: messageOf(failure) });
  }

  if (lines.length === 0) {
    return (
      <View className='screen checkout'>
        <EmptyState mark='单' title={t('checkout.nothingTitle')} hint={t('checkout.nothingHint')} />
        <Button className='big-button' onClick={() => go('cart')}>{t('cart.title')}</Button>
      </View>
    );
  }
  if (loginNeeded) return <View className='screen checkout'><LoginNeeded hint={t('checkout.loginHint')} openLogin={openLogin} /></View>;

  const view = quote?.view ?? null;
  const blocked = !!view && (view.lines.some((line) => line.problem) || !view.shop.acceptingOrders || view.shipping?.ships === false);
  const current = !!quote && quote.region === regionCode;
  const disabled = placing || quoting || !view || blocked || (!!regionCode && !current);
  const method = view ? methodOf(view, draft.paymentMethod) : null;
  const wechat = method === 'wechat';
  let submitText = t('checkout.submit');
  if (paying) submitText = t('checkout.paying');
  else if (placing) submitText = t('checkout.placing');
  else if (wechat && view) submitText = t('checkout.payWechat', { amount: formatFen(view.totalFen) });

  return (
    <View className='screen checkout with-bottom-bar'>
      {saved === null ? (
        <View className='card'><Loading /></View>
      ) : (
        <AddressSection
          saved={saved}
          addressId={draft.addressId}
          onPick={(addressId) => change({ addressId })}
          form={draft.form}
          onForm={(form) => change({ form })}
          errors={errors}
          loadRegions={loadRegions}
          regionKey={String(regionKey)}
          saveAddress={draft.saveAddress}
          onSaveAddress={(saveAddress) => change({ saveAddress })}
          onWeChatAddress={chooseWeChatAddress ? () => void fillFromWeChat() : undefined}
          onManage={() => go('addresses', { pick: '1' })}
        />
      )}

      {!view && !quoteError && <View className='card'><Loading /></View>}
      {!view && quoteError && <LoadFailed message={quoteError} onRetry={requote} />}
      {view && (
        <>
          {!view.shop.acceptingOrders && <View className='message notice' role='status'>{t('product.shopPaused')}</View>}
          <QuoteLines quote={view} />
          {view.lines.some((line) => line.problem) && (
            <View className='message error' role='alert'>
              {t(fromCart ? 'checkout.fixInCart' : 'checkout.fixLines')}
              {fromCart && <Button className='small-button checkout-to-cart' onClick={() => go('cart')}>{t('cart.title')}</Button>}
            </View>
          )}
          <QuoteMoney quote={view} />
          {quoteError && <View className='hint'>{quoteError}</View>}
        </>
      )}

      <View className='card'>
        <View className='section-title'>{t('checkout.note')}</View>
        <Textarea
          className='textarea checkout-note'
          value={draft.note}
          maxlength={BUYER_NOTE_MAX}
          placeholder={t('checkout.notePlaceholder')}
          aria-label={t('checkout.note')}
          onInput={(event) => change({ note: textOf(event) })}
        />
      </View>

      <PaymentChoice
        offered={view?.paymentMethods ?? []}
        chosen={method ?? 'direct'}
        onChoose={(paymentMethod) => change({ paymentMethod })}
        unpaidMinutes={view?.unpaidMinutes ?? null}
      />

      <View className='bottom-bar checkout__bar'>
        <Outcome
          actions={{
            failure: outcome && !outcome.ok ? { message: outcome.text, conflict: false, error: null } : null,
            notice: outcome?.ok ? outcome.text : null,
            dismiss: () => setOutcome(null),
          }}
          onReload={requote}
        />
        <View className='bottom-bar__side checkout__sum'>
          <Text className='hint'>{t('checkout.total')}</Text>
          <Text className='price'>{view ? formatFen(view.totalFen) : '—'}</Text>
        </View>
        <View className='bottom-bar__main'>
          <Button className='big-button checkout-submit' disabled={disabled ? true : undefined} onClick={submit}>
            {submitText}
          </Button>
        </View>
      </View>
    </View>
  );
}
