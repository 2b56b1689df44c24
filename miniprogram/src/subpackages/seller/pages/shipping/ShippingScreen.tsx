// The shop's shipping and order settings: the default rule, rules for some provinces, provinces
// not shipped to, packaging weight, how long an unpaid order waits and when a shipped one
// completes; a live fee preview; unsaved edits kept on the phone (useFormDraft) like the editor's.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { PROVINCE_RULES_MAX } from '../../../../../../contract/limits';
import type { OrderSettingsView } from '../../../../../../contract/orders';
import type { Region } from '../../../../../../contract/regions';
import type { ShopView } from '../../../../../../contract/shops';
import { Field } from '../../../../components/Field';
import type { FieldErrors } from '../../../../components/Field/errors';
import { textOf } from '../../../../components/Field/events';
import { LoadFailed, Loading } from '../../../../components/LoadState';
import { Outcome } from '../../../../components/Outcome';
import { useFormActions } from '../../../../hooks/useFormActions';
import { messageOf } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import { clearDraft, draftKeys, loadDraft } from '../../../../services/form-drafts';
import type { Navigate } from '../../../../services/platform';
import type { Seller } from '../../../../services/seller';
import type { SellerOrders } from '../../../../services/seller-orders';
import { DraftNotice } from '../../components/DraftNotice';
import type { LoadRegions } from '../../../../components/RegionPicker';
import { ShopGate } from '../../components/ShopGate';
import { sameFormState, useFormDraft, useRestoredDraft } from '../../../../hooks/useFormDraft';
import { FeePreview } from './FeePreview';
import { formFromSettings, isSettingsForm, newProvinceRule, settingsRequest, takenProvinces, templateFrom, type SettingsForm } from './form';
import { ProvinceChips } from './ProvinceChips';
import { RuleFields } from './RuleFields';
import './index.scss';

export type Confirm = (title: string, content: string, confirmText: string, cancelText: string) => Promise<boolean>;

export interface ShippingScreenProps {
  seller: Pick<Seller, 'myShop'>;
  orders: Pick<SellerOrders, 'orderSettings' | 'updateOrderSettings'>;
  loadRegions: LoadRegions;
  confirm: Confirm;
  go: Navigate;
}

type Load = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; settings: OrderSettingsView };

function AmountBox({ label, value, unit, error, onInput }: { label: string; value: string; unit: string; error?: string; onInput: (text: string) => void }) {
  return (
    <Field label={label} error={error}>
      <View className='row'>
        <Input className={`input grow ${error ? 'input--bad' : ''}`} type='digit' value={value} aria-label={label} onInput={(event) => onInput(textOf(event))} />
        <Text className='shipping__unit'>{unit}</Text>
      </View>
    </Field>
  );
}

function ShippingOfShop({ shop, orders, loadRegions, confirm }: Omit<ShippingScreenProps, 'seller'> & { shop: ShopView }) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [provinces, setProvinces] = useState<Region[] | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const actions = useFormActions(setErrors, t('shipping.versionConflict'));
  const { run, say, fail, clear } = actions;
  const { restored, offer, keep, forget } = useRestoredDraft();

  const key = draftKeys.orderSettings(shop.id);
  const settings = load.phase === 'ready' ? load.settings : null;
  const saved = useMemo(() => (settings ? formFromSettings(settings) : null), [settings]);
  const basedOn = restored?.stale ? restored.version : (settings?.version ?? null);
  const drafts = useFormDraft(key, form, saved, basedOn);
  const { flush } = drafts;

  const reload = useCallback(() => {
    flush();
    setLoad({ phase: 'loading' });
    clear();
    setErrors({});
    forget();
    orders.orderSettings(shop.id).then(
      (loaded) => {
        const fromServer = formFromSettings(loaded);
        const draft = loadDraft(key, isSettingsForm);
        if (draft && !sameFormState(draft.data, fromServer)) {
          setForm(draft.data);
          offer(draft.version, loaded.version);
        } else {
          if (draft) clearDraft(key);
          setForm(fromServer);
        }
        setLoad({ phase: 'ready', settings: loaded });
      },
      (error: unknown) => setLoad({ phase: 'failed', message: messageOf(error) }),
    );
  }, [orders, shop.id, key, flush, clear, forget, offer]);
  useEffect(() => reload(), [reload]);

  useEffect(() => {
    loadRegions().then(setProvinces, () => setProvinces([]));
  }, [loadRegions]);

  const preview = useMemo(() => {
    if (!form) return null;
    const result = templateFrom(form);
    return result.ok ? result.template : null;
  }, [form]);

  if (load.phase === 'loading' || !form || !settings) {
    return load.phase === 'failed'
      ? <View className='screen'><LoadFailed message={load.message} onRetry={reload} /></View>
      : <View className='screen'><Loading /></View>;
  }

  const edit = (change: Partial<SettingsForm>) => setForm({ ...form, ...change });

  function save() {
    if (!form || !settings) return;
    const checked = settingsRequest(form, basedOn ?? settings.version);
    if (!checked.ok) {
      setErrors(checked.errors);
      fail(t('form.fixFields'));
      return;
    }
    setErrors({});
    void run(async () => {
      const updated = await orders.updateOrderSettings(shop.id, checked.request);
      drafts.clear();
      forget();
      setForm(formFromSettings(updated));
      setLoad({ phase: 'ready', settings: updated });
      say(t('shipping.saved'));
    });
  }

  async function discard() {
    if (!settings) return;
    const yes = await confirm(t('draft.discardTitle'), t('draft.discardConfirm'), t('draft.discardYes'), t('common.cancel'));
    if (!yes) return;
    drafts.clear();
    forget();
    clear();
    setErrors({});
    setForm(formFromSettings(settings));
  }

  return (
    <View className='screen shipping with-bottom-bar'>
      {restored && <DraftNotice stale={restored.stale} onDiscard={() => void discard()} onKeep={() => { keep(); clear(); }} />}

      <View className='card'>
        <Text className='section-title'>{t('shipping.defaultTitle')}</Text>
        <View className='hint shipping__explain'>{t('shipping.defaultHint')}</View>
        <RuleFields rule={form.defaultRule} onChange={(defaultRule) => edit({ defaultRule })} path='shipping.defaultRule' errors={errors} name={t('shipping.defaultName')} />
      </View>

      {form.provinceRules.map((row, index) => {
        const names = row.provinces.map((p) => p.name).join('、') || t('shipping.ruleN', { n: index + 1 });
        const replace = (changed: typeof row | null) =>
          edit({ provinceRules: changed ? form.provinceRules.map((r, i) => (i === index ? changed : r)) : form.provinceRules.filter((_, i) => i !== index) });
        return (
          <View key={index} className='card shipping__province-rule'>
            <View className='row'>
              <Text className='grow section-title'>{t('shipping.ruleN', { n: index + 1 })}</Text>
              <Button className='small-button' onClick={() => replace(null)}>{t('shipping.removeRule')}</Button>
            </View>
            <Field label={t('shipping.ruleProvinces')} error={errors[`shipping.provinceRules.${index}.provinceCodes`]}>
              <ProvinceChips
                label={t('shipping.addProvinceTo', { rule: t('shipping.ruleN', { n: index + 1 }) })}
                chosen={row.provinces}
                provinces={provinces}
                taken={takenProvinces(form, row.provinces)}
                onChange={(chosen) => replace({ ...row, provinces: chosen })}
                bad={!!errors[`shipping.provinceRules.${index}.provinceCodes`]}
              />
            </Field>
            <RuleFields rule={row.rule} onChange={(rule) => replace({ ...row, rule })} path={`shipping.provinceRules.${index}`} errors={errors} name={names} />
          </View>
        );
      })}
      {form.provinceRules.length < PROVINCE_RULES_MAX && (
        <Button className='big-button quiet shipping__add-rule' onClick={() => edit({ provinceRules: [...form.provinceRules, newProvinceRule(form.defaultRule)] })}>
          {t('shipping.addRule')}
        </Button>
      )}

      <View className='card'>
        <Text className='section-title'>{t('shipping.excludedTitle')}</Text>
        <View className='hint shipping__explain'>{t('shipping.excludedHint')}</View>
        <ProvinceChips label={t('shipping.addExcluded')} chosen={form.excluded} provinces={provinces} taken={takenProvinces(form, form.excluded)} onChange={(excluded) => edit({ excluded })} />
      </View>

      <View className='card'>
        <AmountBox label={t('shipping.packaging')} value={form.packagingKg} unit='kg' error={errors['shipping.packagingGrams']} onInput={(packagingKg) => edit({ packagingKg })} />
        <AmountBox label={t('shipping.unpaidMinutes')} value={form.unpaidMinutes} unit={t('shipping.minutes')} error={errors.unpaidMinutes} onInput={(unpaidMinutes) => edit({ unpaidMinutes })} />
        <AmountBox label={t('shipping.autoCompleteDays')} value={form.autoCompleteDays} unit={t('shipping.days')} error={errors.autoCompleteDays} onInput={(autoCompleteDays) => edit({ autoCompleteDays })} />
      </View>

      <FeePreview template={preview} provinces={provinces} />

      <View className='bottom-bar'>
        <Outcome actions={actions} onReload={reload} />
        <View className='bottom-bar__main'>
          <Button className='big-button shipping-save' disabled={actions.busy ? true : undefined} onClick={save}>{t('shipping.save')}</Button>
        </View>
      </View>
    </View>
  );
}

export function ShippingScreen(props: ShippingScreenProps) {
  return <ShopGate seller={props.seller} go={props.go}>{(shop) => <ShippingOfShop {...props} shop={shop} />}</ShopGate>;
}
