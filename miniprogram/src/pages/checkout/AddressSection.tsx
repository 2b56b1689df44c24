// Where the order goes: one of the saved addresses (default first), or one typed here (or filled
// in from WeChat's address book), optionally saved for next time.
import { Button, Text, View } from '@tarojs/components';
import type { SavedAddressView } from '../../../../contract/addresses';
import { AddressForm, type AddressErrors } from '../../components/AddressForm';
import type { LoadRegions } from '../../components/RegionPicker';
import { t } from '../../i18n';
import { addressLine, type AddressForm as AddressFormState } from '../../utils/address';

export interface AddressSectionProps {
  saved: SavedAddressView[];
  /** The saved address chosen, or null for the typed one. */
  addressId: string | null;
  onPick: (addressId: string | null) => void;
  form: AddressFormState;
  onForm: (form: AddressFormState) => void;
  errors: AddressErrors;
  loadRegions: LoadRegions;
  regionKey: string;
  saveAddress: boolean;
  onSaveAddress: (save: boolean) => void;
  /** WeChat's address book; absent in the browser. */
  onWeChatAddress?: () => void;
  onManage: () => void;
}

function SavedOption({ address, on, onPick }: { address: SavedAddressView; on: boolean; onPick: () => void }) {
  return (
    <View className={`address-option ${on ? 'address-option--on' : ''}`} role='radio' aria-checked={on} onClick={onPick}>
      <View>
        <Text className='address-option__who'>{`${address.name} ${address.phone}`}</Text>
        {address.isDefault && <Text className='badge'>{t('address.default')}</Text>}
      </View>
      <Text className='address-option__where'>{addressLine(address)}</Text>
    </View>
  );
}

export function AddressSection(props: AddressSectionProps) {
  const { saved, addressId, onPick, form, onForm, errors, loadRegions, regionKey, saveAddress, onSaveAddress, onWeChatAddress, onManage } = props;
  const typing = addressId === null;
  return (
    <View className='card checkout-address'>
      <View className='section-title'>{t('checkout.address')}</View>
      {saved.length > 0 && (
        <View role='radiogroup' aria-label={t('checkout.address')}>
          {saved.map((address) => (
            <SavedOption key={address.id} address={address} on={address.id === addressId} onPick={() => onPick(address.id)} />
          ))}
          <View className={`address-option checkout-new-address ${typing ? 'address-option--on' : ''}`} role='radio' aria-checked={typing} onClick={() => onPick(null)}>
            <Text>{t('checkout.newAddress')}</Text>
          </View>
        </View>
      )}
      {onWeChatAddress && (
        <Button className='big-button secondary checkout-wechat-address' onClick={onWeChatAddress}>{t('checkout.wechatAddress')}</Button>
      )}
      {typing && (
        <>
          <AddressForm value={form} onChange={onForm} errors={errors} loadRegions={loadRegions} regionKey={regionKey} />
          <View
            className={`chip checkout-save-address ${saveAddress ? 'chip--on' : ''}`}
            role='checkbox'
            aria-checked={saveAddress}
            onClick={() => onSaveAddress(!saveAddress)}
          >
            {`${saveAddress ? '✓ ' : ''}${t('checkout.saveAddress')}`}
          </View>
        </>
      )}
      <Button className='small-button checkout-manage-addresses' onClick={onManage}>{t('checkout.manageAddresses')}</Button>
    </View>
  );
}
