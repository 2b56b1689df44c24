// My delivery addresses: the list (default first), add, edit, delete, set the default; opened from
// a checkout (`pick`), tapping one picks it for that order and goes back.
import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { SavedAddressView } from '../../../../contract/addresses';
import { ADDRESSES_MAX } from '../../../../contract/limits';
import { AddressForm, addressErrorsFromPaths, addressErrorsOf, type AddressErrors } from '../../components/AddressForm';
import { EmptyState } from '../../components/EmptyState';
import { LoadFailed, Loading } from '../../components/LoadState';
import { LoginNeeded, needsLogin } from '../../components/LoginNeeded';
import { Outcome } from '../../components/Outcome';
import type { LoadRegions } from '../../components/RegionPicker';
import { useFormActions } from '../../hooks/useFormActions';
import { messageOf } from '../../hooks/usePagedList';
import { t } from '../../i18n';
import type { Orders } from '../../services/orders';
import type { WeChatAddress } from '../../services/platform';
import {
  addressFormOf, addressInputOf, addressLine, addressProblems, emptyAddressForm, fromWeChatAddress, matchRegionNames,
  type AddressForm as AddressFormState,
} from '../../utils/address';
import './index.scss';

export interface AddressesScreenProps {
  orders: Pick<Orders, 'myAddresses' | 'addAddress' | 'updateAddress' | 'deleteAddress'>;
  loadRegions: LoadRegions;
  /** Opened from a checkout: a tap picks the address for it. */
  pick: boolean;
  onPicked: (addressId: string) => void;
  chooseWeChatAddress: (() => Promise<WeChatAddress | null>) | null;
  confirm: (title: string, content: string, yes: string, no: string) => Promise<boolean>;
  openLogin: () => void;
}

interface Editing {
  /** null: a new address. */
  id: string | null;
  form: AddressFormState;
  isDefault: boolean;
}

/** Default first, then the most recently changed. */
const ordered = (list: SavedAddressView[]) =>
  [...list].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || Date.parse(b.updatedAt) - Date.parse(a.updatedAt));

export function AddressesScreen({ orders, loadRegions, pick, onPicked, chooseWeChatAddress, confirm, openLogin }: AddressesScreenProps) {
  const [list, setList] = useState<SavedAddressView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [errors, setErrors] = useState<AddressErrors>({});
  const [regionKey, setRegionKey] = useState(0);
  const actions = useFormActions((fields) => setErrors(addressErrorsFromPaths(Object.keys(fields))));

  const load = useCallback(() => {
    setLoadError(null);
    orders.myAddresses().then((items) => setList(ordered(items)), setLoadError);
  }, [orders]);
  useEffect(load, [load]);

  function startEditing(next: Editing) {
    actions.clear();
    setErrors({});
    setRegionKey((n) => n + 1);
    setEditing(next);
  }

  async function fillFromWeChat() {
    if (!chooseWeChatAddress || !editing) return;
    const chosen = await chooseWeChatAddress();
    if (!chosen) return;
    const { form, names } = fromWeChatAddress(chosen);
    const region = form.region ?? (await matchRegionNames(names, loadRegions).catch(() => null));
    setEditing({ ...editing, form: { ...form, region } });
    setRegionKey((n) => n + 1);
    setErrors(region ? {} : addressErrorsOf(['regionCode']));
  }

  function save() {
    if (!editing) return;
    const problems = addressProblems(editing.form);
    setErrors(addressErrorsOf(problems));
    if (problems.length) {
      actions.fail(t('form.fixFields'));
      return;
    }
    const request = { ...addressInputOf(editing.form), isDefault: editing.isDefault };
    void actions.run(async () => {
      if (editing.id) await orders.updateAddress(editing.id, request);
      else await orders.addAddress(request);
      setEditing(null);
      actions.say(t('address.saved'));
      load();
    });
  }

  function remove(address: SavedAddressView) {
    void (async () => {
      const yes = await confirm(t('address.deleteTitle'), addressLine(address), t('address.delete'), t('common.cancel'));
      if (!yes) return;
      await actions.run(async () => {
        await orders.deleteAddress(address.id);
        actions.say(t('address.deleted'));
        load();
      });
    })();
  }

  function makeDefault(address: SavedAddressView) {
    void actions.run(async () => {
      await orders.updateAddress(address.id, { isDefault: true });
      load();
    });
  }

  if (loadError && needsLogin(loadError)) return <View className='screen'><LoginNeeded hint={t('address.loginHint')} openLogin={openLogin} /></View>;
  if (loadError && !list) return <View className='screen'><LoadFailed message={messageOf(loadError)} onRetry={load} /></View>;
  if (!list) return <View className='screen'><Loading /></View>;

  const outcome = <Outcome actions={actions} onReload={load} />;

  if (editing) {
    return (
      <View className='screen addresses with-bottom-bar'>
        <View className='card'>
          <View className='section-title'>{t(editing.id ? 'address.edit' : 'address.add')}</View>
          {chooseWeChatAddress && (
            <Button className='big-button secondary address-wechat' onClick={() => void fillFromWeChat()}>{t('checkout.wechatAddress')}</Button>
          )}
          <AddressForm
            value={editing.form}
            onChange={(form) => setEditing({ ...editing, form })}
            errors={errors}
            loadRegions={loadRegions}
            regionKey={String(regionKey)}
          />
          <View
            className={`chip address-make-default ${editing.isDefault ? 'chip--on' : ''}`}
            role='checkbox'
            aria-checked={editing.isDefault}
            onClick={() => setEditing({ ...editing, isDefault: !editing.isDefault })}
          >
            {`${editing.isDefault ? '✓ ' : ''}${t('address.setDefault')}`}
          </View>
        </View>
        <View className='bottom-bar'>
          {outcome}
          <Button className='big-button quiet bottom-bar__side address-back' onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
          <View className='bottom-bar__main'>
            <Button className='big-button address-save' disabled={actions.busy ? true : undefined} onClick={save}>{t('address.save')}</Button>
          </View>
        </View>
      </View>
    );
  }

  const full = list.length >= ADDRESSES_MAX;
  return (
    <View className='screen addresses with-bottom-bar'>
      {pick && list.length > 0 && <View className='hint addresses__pick-hint'>{t('address.pickHint')}</View>}
      {list.length === 0 && <EmptyState mark='址' title={t('address.emptyTitle')} hint={t('address.emptyHint')} />}
      {list.map((address) => (
        <View key={address.id} className='card address-card'>
          <View className='address-card__body' role={pick ? 'button' : undefined} onClick={pick ? () => onPicked(address.id) : undefined}>
            <Text className='address-card__who'>{`${address.name} ${address.phone}`}</Text>
            {address.isDefault && <Text className='badge'>{t('address.default')}</Text>}
            <Text className='address-card__where'>{addressLine(address)}</Text>
          </View>
          <View className='address-card__actions'>
            {pick && <Button className='small-button address-pick' onClick={() => onPicked(address.id)}>{t('address.use')}</Button>}
            <Button className='small-button address-edit' onClick={() => startEditing({ id: address.id, form: addressFormOf(address), isDefault: address.isDefault })}>
              {t('address.edit')}
            </Button>
            {!address.isDefault && (
              <Button className='small-button address-default' disabled={actions.busy ? true : undefined} onClick={() => makeDefault(address)}>
                {t('address.setDefault')}
              </Button>
            )}
            <Button className='small-button danger address-delete' disabled={actions.busy ? true : undefined} onClick={() => remove(address)}>
              {t('address.delete')}
            </Button>
          </View>
        </View>
      ))}
      <View className='bottom-bar'>
        {outcome}
        <View className='bottom-bar__main'>
          <Button
            className='big-button address-add'
            disabled={full ? true : undefined}
            onClick={() => startEditing({ id: null, form: emptyAddressForm(), isDefault: list.length === 0 })}
          >
            {t('address.add')}
          </Button>
          {full && <Text className='hint bottom-bar__hint'>{t('address.full', { max: ADDRESSES_MAX })}</Text>}
        </View>
      </View>
    </View>
  );
}
