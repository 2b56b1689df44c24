// Open a shop, or edit it: name, intro, logo, phone and region (province → city → county); pause
// and reopen it. Field errors show beside their field, in plain words.
import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { RegionPath } from '../../../../../../contract/regions';
import type { CreateShopRequest, ShopView } from '../../../../../../contract/shops';
import { SHOP_INTRO_MAX, SHOP_NAME_MAX } from '../../../../../../contract/limits';
import { LoadFailed, Loading } from '../../../../components/LoadState';
import { messageOf } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import type { Seller } from '../../../../services/seller';
import type { UploadPhoto } from '../../../../services/upload';
import { Field } from '../../components/Field';
import type { FieldErrors } from '../../components/Field/errors';
import { Outcome } from '../../components/Outcome';
import { useFormActions } from '../../hooks/useFormActions';
import { PhotoStrip } from '../../components/PhotoStrip';
import { RegionPicker, type LoadRegions } from '../../components/RegionPicker';
import { ShopStatusBadge } from '../../components/ShopStatusBadge';
import { usePhotoSlots } from '../../hooks/usePhotoSlots';
import { textOf } from '../../components/Field/events';
import './index.scss';

export type Confirm = (title: string, content: string, confirmText: string, cancelText: string) => Promise<boolean>;

export interface ShopFormScreenProps {
  seller: Pick<Seller, 'myShop' | 'openShop' | 'updateShop' | 'pauseShop' | 'reopenShop'>;
  loadRegions: LoadRegions;
  uploadPhoto: UploadPhoto;
  pickImages: (count: number) => Promise<string[]>;
  confirm: Confirm;
  /** After a shop is opened: back to the seller centre. */
  opened: (shop: ShopView) => void;
}

type Phase = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready' };

export function ShopFormScreen({ seller, loadRegions, uploadPhoto, pickImages, confirm, opened }: ShopFormScreenProps) {
  const [phase, setPhase] = useState<Phase>({ phase: 'loading' });
  const [shop, setShop] = useState<ShopView | null>(null);
  const [name, setName] = useState('');
  const [intro, setIntro] = useState('');
  const [phone, setPhone] = useState('');
  const [region, setRegion] = useState<RegionPath | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const actions = useFormActions(setErrors, t('shopForm.versionConflict'));
  const { busy, run, say, clear } = actions;
  const logo = usePhotoSlots(uploadPhoto);
  const { reset: resetLogo } = logo;

  const show = useCallback(
    (loaded: ShopView | null) => {
      setShop(loaded);
      setName(loaded?.name ?? '');
      setIntro(loaded?.intro ?? '');
      setPhone(loaded?.phone ?? '');
      setRegion(loaded?.region ?? null);
      resetLogo(loaded?.logo ? [loaded.logo] : []);
    },
    [resetLogo],
  );

  const load = useCallback(() => {
    setPhase({ phase: 'loading' });
    clear();
    setErrors({});
    seller.myShop().then(
      (loaded) => {
        show(loaded);
        setPhase({ phase: 'ready' });
      },
      (error: unknown) => setPhase({ phase: 'failed', message: messageOf(error) }),
    );
  }, [seller, show, clear]);

  useEffect(() => load(), [load]);

  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (!name.trim()) found.name = t('field.required');
    else if (name.trim().length > SHOP_NAME_MAX) found.name = t('field.tooLong');
    if (intro.trim().length > SHOP_INTRO_MAX) found.intro = t('field.tooLong');
    if (!phone.trim()) found.phone = t('field.required');
    if (!region) found.regionCode = t('field.region');
    if (logo.uploading) found.logoPhotoId = t('photos.stillUploading');
    else if (logo.failed) found.logoPhotoId = t('photos.someFailed');
    return found;
  }

  function save() {
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0 || !region) {
      actions.fail(t('form.fixFields'));
      return;
    }
    const fields: CreateShopRequest = {
      name: name.trim(),
      intro: intro.trim(),
      phone: phone.trim(),
      regionCode: region.county.code,
      logoPhotoId: logo.photoIds[0] ?? null,
    };
    void run(async () => {
      if (shop) {
        const saved = await seller.updateShop(shop.id, { ...fields, version: shop.version });
        show(saved);
        say(t('shopForm.saved'));
      } else {
        const created = await seller.openShop(fields);
        show(created);
        say(t('shopForm.opened'));
        opened(created);
      }
    });
  }

  async function togglePause() {
    if (!shop) return;
    const pausing = shop.status === 'open';
    const yes = await confirm(
      t(pausing ? 'shopForm.pauseTitle' : 'shopForm.reopenTitle'),
      t(pausing ? 'shopForm.pauseConfirm' : 'shopForm.reopenConfirm'),
      t(pausing ? 'shopForm.pause' : 'shopForm.reopen'),
      t('common.cancel'),
    );
    if (!yes) return;
    void run(async () => {
      const changed = pausing ? await seller.pauseShop(shop.id) : await seller.reopenShop(shop.id);
      setShop(changed);
      say(t(pausing ? 'shopForm.paused' : 'shopForm.reopened'));
    });
  }

  async function addLogo() {
    const paths = await pickImages(1);
    if (paths.length) {
      logo.reset([]);
      logo.add(paths.slice(0, 1));
    }
  }

  if (phase.phase === 'loading') return <View className='screen'><Loading /></View>;
  if (phase.phase === 'failed') return <View className='screen'><LoadFailed message={phase.message} onRetry={load} /></View>;

  const disabled = busy ? true : undefined;
  return (
    <View className='screen shop-form with-bottom-bar'>
      {shop && (
        <View className='card row'>
          <Text className='grow'>{t('shopForm.status')}</Text>
          <ShopStatusBadge shop={shop} />
        </View>
      )}
      {!shop && <View className='hint shop-form__intro'>{t('shopForm.openHint')}</View>}

      <View className='card'>
        <Field label={t('shopForm.name')} error={errors.name} count={{ used: name.trim().length, max: SHOP_NAME_MAX }}>
          <Input
            className={`input ${errors.name ? 'input--bad' : ''}`}
            value={name}
            maxlength={SHOP_NAME_MAX}
            placeholder={t('shopForm.namePlaceholder')}
            aria-label={t('shopForm.name')}
            onInput={(event) => setName(textOf(event))}
          />
        </Field>
        <Field label={t('shopForm.intro')} error={errors.intro} count={{ used: intro.trim().length, max: SHOP_INTRO_MAX }}>
          <Textarea
            className='textarea'
            value={intro}
            maxlength={SHOP_INTRO_MAX}
            placeholder={t('shopForm.introPlaceholder')}
            aria-label={t('shopForm.intro')}
            onInput={(event) => setIntro(textOf(event))}
          />
        </Field>
        <Field label={t('shopForm.logo')} error={errors.logoPhotoId}>
          <PhotoStrip photos={logo} max={1} ordered={false} onAdd={() => void addLogo()} addLabel={t('shopForm.addLogo')} />
        </Field>
        <Field label={t('shopForm.phone')} error={errors.phone}>
          <Input
            className={`input ${errors.phone ? 'input--bad' : ''}`}
            type='number'
            value={phone}
            maxlength={13}
            placeholder={t('shopForm.phonePlaceholder')}
            aria-label={t('shopForm.phone')}
            onInput={(event) => setPhone(textOf(event))}
          />
        </Field>
        <Field label={t('shopForm.region')} error={errors.regionCode}>
          <RegionPicker loadRegions={loadRegions} value={region} onChange={setRegion} bad={!!errors.regionCode} />
        </Field>
      </View>

      {shop && !shop.suspended && (
        <Button className='big-button quiet' disabled={disabled} onClick={() => void togglePause()}>
          {t(shop.status === 'open' ? 'shopForm.pause' : 'shopForm.reopen')}
        </Button>
      )}

      <View className='bottom-bar'>
        <Outcome actions={actions} onReload={load} />
        <View className='bottom-bar__main'>
          <Button className='big-button' disabled={disabled} onClick={save}>
            {t(shop ? 'shopForm.save' : 'shopForm.open')}
          </Button>
        </View>
      </View>
    </View>
  );
}
