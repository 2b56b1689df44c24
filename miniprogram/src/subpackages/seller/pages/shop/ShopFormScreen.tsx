// Open a shop, or edit it: name, intro, logo, phone and region (province → city → county); pause
// and reopen it. Field errors show beside their field, in plain words. Unsaved edits are kept on
// the phone (useFormDraft) and offered back when the form opens again.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { PhotoView } from '../../../../../../contract/photos';
import type { RegionPath } from '../../../../../../contract/regions';
import type { CreateShopRequest, ShopView } from '../../../../../../contract/shops';
import { SHOP_INTRO_MAX, SHOP_NAME_MAX } from '../../../../../../contract/limits';
import { LoadFailed, Loading } from '../../../../components/LoadState';
import { messageOf } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import { clearDraft, draftKeys, loadDraft, type FormDraft } from '../../../../services/form-drafts';
import { sessionUserId } from '../../../../services/session';
import type { Seller } from '../../../../services/seller';
import type { UploadPhoto } from '../../../../services/upload';
import { isPhotoView, isRecord, isRegionPath, isString } from '../../../../utils/shapes';
import { DraftNotice } from '../../components/DraftNotice';
import { Field } from '../../../../components/Field';
import type { FieldErrors } from '../../../../components/Field/errors';
import { Outcome } from '../../../../components/Outcome';
import { useFormActions } from '../../../../hooks/useFormActions';
import { PhotoStrip } from '../../components/PhotoStrip';
import { RegionPicker, type LoadRegions } from '../../../../components/RegionPicker';
import { ShopStatusBadge } from '../../../../components/ShopStatusBadge';
import { sameFormState, useFormDraft, useRestoredDraft } from '../../../../hooks/useFormDraft';
import { usePhotoSlots } from '../../hooks/usePhotoSlots';
import { textOf } from '../../../../components/Field/events';
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

/** The form as kept on the phone while unsaved: only an uploaded logo, never one still uploading. */
interface ShopDraft {
  name: string;
  intro: string;
  phone: string;
  region: RegionPath | null;
  logo: PhotoView[];
}

function shopDraftOf(shop: ShopView | null): ShopDraft {
  return { name: shop?.name ?? '', intro: shop?.intro ?? '', phone: shop?.phone ?? '', region: shop?.region ?? null, logo: shop?.logo ? [shop.logo] : [] };
}

function isShopDraft(value: unknown): value is ShopDraft {
  return (
    isRecord(value) && isString(value.name) && isString(value.intro) && isString(value.phone) &&
    (value.region === null || isRegionPath(value.region)) &&
    Array.isArray(value.logo) && value.logo.length <= 1 && value.logo.every(isPhotoView)
  );
}

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
  // Remounts the region picker when a restored or discarded draft brings another region.
  const [regionVersion, setRegionVersion] = useState(0);
  const { restored, offer: offerDraft, keep: keepRestored, forget: forgetRestored } = useRestoredDraft();

  const newShopKey = useMemo(() => draftKeys.newShop(sessionUserId()), []);
  const draftKey = shop ? draftKeys.shop(shop.id) : newShopKey;
  const ready = phase.phase === 'ready';
  const uploadedLogo = logo.slots.flatMap((slot) => (slot.state === 'done' && slot.photo ? [slot.photo] : []));
  const draftNow: ShopDraft | null = ready ? { name, intro, phone, region, logo: uploadedLogo } : null;
  const draftSaved = useMemo(() => shopDraftOf(shop), [shop]);
  const basedOn = restored?.stale ? restored.version : (shop?.version ?? null);
  const drafts = useFormDraft(draftKey, draftNow, ready ? draftSaved : null, basedOn);
  const { flush: flushDraft } = drafts;

  const fillFields = useCallback(
    (data: ShopDraft) => {
      setName(data.name);
      setIntro(data.intro);
      setPhone(data.phone);
      setRegion(data.region);
      resetLogo(data.logo);
    },
    [resetLogo],
  );

  /** Fields from a draft or the saved shop, replacing what the region picker shows too. */
  const fillFrom = useCallback(
    (data: ShopDraft) => {
      fillFields(data);
      setRegionVersion((n) => n + 1);
    },
    [fillFields],
  );

  const show = useCallback(
    (loaded: ShopView | null) => {
      setShop(loaded);
      fillFields(shopDraftOf(loaded));
    },
    [fillFields],
  );

  /** Shows a draft kept on the phone instead of the saved shop, when it holds something else. */
  const restore = useCallback(
    (key: string, draft: FormDraft<ShopDraft> | null, loaded: ShopView | null) => {
      forgetRestored();
      if (!draft) return;
      if (sameFormState(draft.data, shopDraftOf(loaded))) {
        clearDraft(key);
        return;
      }
      fillFrom(draft.data);
      const version = loaded?.version ?? null;
      offerDraft(draft.version, version);
    },
    [fillFrom, offerDraft, forgetRestored],
  );

  const load = useCallback(() => {
    flushDraft();
    setPhase({ phase: 'loading' });
    clear();
    setErrors({});
    seller.myShop().then(
      (loaded) => {
        const key = loaded ? draftKeys.shop(loaded.id) : newShopKey;
        const draft = loadDraft(key, isShopDraft);
        show(loaded);
        restore(key, draft, loaded);
        setPhase({ phase: 'ready' });
      },
      (error: unknown) => setPhase({ phase: 'failed', message: messageOf(error) }),
    );
  }, [seller, show, clear, flushDraft, restore, newShopKey]);

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
        const saved = await seller.updateShop(shop.id, { ...fields, version: basedOn ?? shop.version });
        drafts.clear();
        forgetRestored();
        show(saved);
        say(t('shopForm.saved'));
      } else {
        const created = await seller.openShop(fields);
        drafts.clear();
        forgetRestored();
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

  async function discardDraft() {
    const yes = await confirm(t('draft.discardTitle'), t('draft.discardConfirm'), t('draft.discardYes'), t('common.cancel'));
    if (!yes) return;
    drafts.clear();
    forgetRestored();
    clear();
    setErrors({});
    fillFrom(shopDraftOf(shop));
  }

  function keepDraft() {
    keepRestored();
    clear();
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
      {restored && <DraftNotice stale={restored.stale} unsaved={!shop} onDiscard={() => void discardDraft()} onKeep={keepDraft} />}
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
          <RegionPicker key={regionVersion} loadRegions={loadRegions} value={region} onChange={setRegion} bad={!!errors.regionCode} />
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
