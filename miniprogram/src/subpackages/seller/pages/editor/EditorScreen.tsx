// The product editor: title, category, photos (add, upload with progress and retry, reorder,
// remove), variants priced in yuan and weighed in 斤/kg/g with a live unit price, stock per
// variant or in bulk, origin, dates and keeping, the description; save as a draft or publish.
// Stock of saved variants changes only through "adjust stock", as deltas, so a save never undoes
// a sale. A stale version gets "changed by someone else, reload"; field errors sit by their field.
// Unsaved edits are kept on the phone (useFormDraft) and offered back when the editor opens again.
import type { ContentRiskyDetails } from '../../../../../../contract/errors';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Image, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import type { ProductView, StockChangeRequest } from '../../../../../../contract/products';
import type { ShopView } from '../../../../../../contract/shops';
import { BULK_STOCK_GRAMS_MAX, NET_WEIGHT_GRAMS_MAX, PRICE_FEN_MAX, PRODUCT_PHOTOS_MAX, PRODUCT_TITLE_MAX, STOCK_PACKS_MAX } from '../../../../../../contract/limits';
import { unitPriceFen } from '../../../../../../contract/pricing';
import { LoadFailed, Loading } from '../../../../components/LoadState';
import { messageOf } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import { clearDraft, draftKeys, loadDraft, type FormDraft } from '../../../../services/form-drafts';
import { ApiError } from '../../../../services/http';
import { mediaUrl, type Navigate } from '../../../../services/platform';
import type { Seller } from '../../../../services/seller';
import type { UploadPhoto } from '../../../../services/upload';
import { CATEGORIES } from '../../../../utils/categories';
import { formatFen, formatGrams } from '../../../../utils/format';
import { parseSignedCount, parseSignedKgToGrams, parseWeightToGrams, parseYuanToFen, WEIGHT_UNITS } from '../../../../utils/money-input';
import { DraftNotice } from '../../components/DraftNotice';
import { Field } from '../../../../components/Field';
import type { FieldErrors } from '../../../../components/Field/errors';
import { textOf } from '../../../../components/Field/events';
import { PhotoStrip } from '../../components/PhotoStrip';
import { Outcome } from '../../../../components/Outcome';
import { NoShop } from '../../components/SellerBlocks';
import { useFormActions } from '../../../../hooks/useFormActions';
import { RegionPicker, type LoadRegions } from '../../../../components/RegionPicker';
import { sameFormState, useFormDraft, useRestoredDraft } from '../../../../hooks/useFormDraft';
import { usePhotoSlots } from '../../hooks/usePhotoSlots';
import type { Confirm } from '../shop/ShopFormScreen';
import {
  blankVariant, buildRequest, emptyForm, formFromProduct, needsStartingStock, rowKey, type DescriptionRow, type ProductForm, type VariantRow,
} from './form';
import { formFromDraft, isProductDraft, productDraftOf, type ProductDraft } from './draft';
import './index.scss';
import { contentVerdictText, flaggedText } from '../../../../utils/content-check';

export type EditorSeller = Pick<
  Seller,
  'myShop' | 'listing' | 'createListing' | 'updateListing' | 'publishListing' | 'unpublishListing' | 'deleteListing' | 'changeStock'
>;

export interface EditorScreenProps {
  /** Absent for a new product. */
  productId?: string;
  seller: EditorSeller;
  loadRegions: LoadRegions;
  uploadPhoto: UploadPhoto;
  pickImages: (count: number) => Promise<string[]>;
  confirm: Confirm;
  go: Navigate;
  /** After deleting: back to the list. */
  leave: () => void;
  /** Today as YYYY-MM-DD (the harvest date cannot be later). */
  today?: string;
}

/** WeChat's content check's verdict in plain words, e.g. "色情（约炮）": its label and the words it caught. */
function reasonOf(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'CONTENT_RISKY' || !error.details || typeof error.details !== 'object') return null;
  // Typed by the contract, checked anyway: a proxy or an older server may answer differently.
  const details = error.details as Partial<Record<keyof ContentRiskyDetails, unknown>>;
  const keywords = Array.isArray(details.keywords) ? details.keywords.filter((word): word is string => typeof word === 'string') : [];
  return contentVerdictText(details.labelName, keywords);
}

function todayText(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "¥7.60/斤 · ¥15.20/kg" for a row whose price and weight are both right, else null. */
function liveUnitPrice(row: VariantRow): string | null {
  const price = parseYuanToFen(row.price, PRICE_FEN_MAX);
  const weight = parseWeightToGrams(row.weight, row.unit, NET_WEIGHT_GRAMS_MAX);
  if (!price.ok || !weight.ok) return null;
  const perJin = formatFen(unitPriceFen(price.value, weight.value, 500));
  const perKg = formatFen(unitPriceFen(price.value, weight.value, 1000));
  return `${t('price.perJin', { price: perJin })} · ${t('price.perKg', { price: perKg })}`;
}

function StockPanel({ product, busy, onApply }: { product: ProductView; busy: boolean; onApply: (change: StockChangeRequest) => void }) {
  const [deltas, setDeltas] = useState<Record<string, string>>({});
  const [bulk, setBulk] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  function apply() {
    const found: FieldErrors = {};
    const change: StockChangeRequest = { variants: [] };
    if (product.stockMode === 'bulk') {
      if (bulk.trim()) {
        const parsed = parseSignedKgToGrams(bulk, BULK_STOCK_GRAMS_MAX);
        if (!parsed.ok) found.bulkDeltaGrams = t(parsed.problem === 'notWholeGrams' ? 'field.wholeGrams' : 'field.number');
        else if (parsed.value !== 0) change.bulkDeltaGrams = parsed.value;
      }
    } else {
      for (const variant of product.variants) {
        const text = deltas[variant.id] ?? '';
        if (!text.trim()) continue;
        const parsed = parseSignedCount(text, STOCK_PACKS_MAX);
        if (!parsed.ok) found[variant.id] = t('field.wholeNumber');
        else if (parsed.value !== 0) change.variants?.push({ variantId: variant.id, delta: parsed.value });
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (!change.variants?.length && change.bulkDeltaGrams === undefined) {
      setErrors({ all: t('stock.nothing') });
      return;
    }
    onApply(change);
    setDeltas({});
    setBulk('');
  }

  return (
    <View className='card stock-panel'>
      <View className='section-title'>{t('stock.title')}</View>
      <View className='hint'>{t('stock.hint')}</View>
      {product.stockMode === 'bulk' ? (
        <Field label={t('stock.bulkNow', { weight: formatGrams(product.bulkStockGrams ?? 0) })} error={errors.bulkDeltaGrams}>
          <Input className='input' type='text' value={bulk} placeholder={t('stock.bulkPlaceholder')} aria-label={t('stock.bulkDelta')} onInput={(e) => setBulk(textOf(e))} />
        </Field>
      ) : (
        product.variants.map((variant) => (
          <Field key={variant.id} label={t('stock.variantNow', { name: variant.name, count: variant.stock ?? 0 })} error={errors[variant.id]}>
            <Input
              className='input'
              type='text'
              value={deltas[variant.id] ?? ''}
              placeholder={t('stock.deltaPlaceholder')}
              aria-label={t('stock.deltaFor', { name: variant.name })}
              onInput={(e) => {
                const value = textOf(e);
                setDeltas((shown) => ({ ...shown, [variant.id]: value }));
              }}
            />
          </Field>
        ))
      )}
      {errors.all && <View className='field__error' role='alert'>{errors.all}</View>}
      <Button className='big-button secondary' disabled={busy ? true : undefined} onClick={apply}>{t('stock.apply')}</Button>
    </View>
  );
}

export function EditorScreen({ productId, seller, loadRegions, uploadPhoto, pickImages, confirm, go, leave, today = todayText() }: EditorScreenProps) {
  const [phase, setPhase] = useState<'loading' | 'failed' | 'ready' | 'noShop'>('loading');
  const [loadError, setLoadError] = useState('');
  const [shop, setShop] = useState<ShopView | null>(null);
  const [product, setProduct] = useState<ProductView | null>(null);
  const [form, setForm] = useState<ProductForm>(emptyForm);
  // Remounts the region picker when a reload brings another origin.
  const [formVersion, setFormVersion] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const actions = useFormActions(setErrors, t('editor.versionConflict'));
  const { busy, run, say, clear } = actions;
  const [stockOpen, setStockOpen] = useState(false);
  const photos = usePhotoSlots(uploadPhoto);
  const { reset: resetPhotos } = photos;
  const { restored, offer: offerDraft, keep: keepRestored, forget: forgetRestored } = useRestoredDraft();

  const draftKey = product ? draftKeys.product(product.id) : shop ? draftKeys.newProduct(shop.id) : null;
  const uploaded = photos.slots.flatMap((slot) => (slot.state === 'done' && slot.photo ? [slot.photo] : []));
  const draftNow = phase === 'ready' ? productDraftOf(form, uploaded) : null;
  const draftSaved = useMemo(() => (product ? productDraftOf(formFromProduct(product), product.photos) : productDraftOf(emptyForm(), [])), [product]);
  const basedOn = restored?.stale ? restored.version : (product?.version ?? null);
  const drafts = useFormDraft(draftKey, draftNow, phase === 'ready' ? draftSaved : null, basedOn);
  const { flush: flushDraft } = drafts;

  const fill = useCallback(
    (saved: ProductView) => {
      setProduct(saved);
      setForm(formFromProduct(saved));
      resetPhotos(saved.photos);
      setFormVersion((n) => n + 1);
    },
    [resetPhotos],
  );

  /** Shows a draft kept on the phone instead of the saved state, when it holds something else. */
  const restore = useCallback(
    (key: string, draft: FormDraft<ProductDraft> | null, saved: ProductDraft, version: number | null) => {
      forgetRestored();
      if (!draft) return;
      if (sameFormState(draft.data, saved)) {
        clearDraft(key);
        return;
      }
      setForm(formFromDraft(draft.data));
      resetPhotos(draft.data.photos);
      setFormVersion((n) => n + 1);
      offerDraft(draft.version, version);
    },
    [resetPhotos, offerDraft, forgetRestored],
  );

  const load = useCallback(() => {
    // Edits typed just before a reload (after a version conflict) are on the phone before the form is replaced.
    flushDraft();
    setPhase('loading');
    clear();
    setErrors({});
    (async () => {
      if (productId) {
        const saved = await seller.listing(productId);
        const key = draftKeys.product(saved.id);
        const draft = loadDraft(key, isProductDraft);
        fill(saved);
        restore(key, draft, productDraftOf(formFromProduct(saved), saved.photos), saved.version);
        setPhase('ready');
        return;
      }
      const mine = await seller.myShop();
      setShop(mine);
      if (mine) {
        const key = draftKeys.newProduct(mine.id);
        restore(key, loadDraft(key, isProductDraft), productDraftOf(emptyForm(), []), null);
      }
      setPhase(mine ? 'ready' : 'noShop');
    })().catch((error: unknown) => {
      setLoadError(messageOf(error));
      setPhase('failed');
    });
  }, [productId, seller, fill, clear, flushDraft, restore]);

  useEffect(() => load(), [load]);

  const change = <K extends keyof ProductForm>(key: K, value: ProductForm[K]) => setForm((shown) => ({ ...shown, [key]: value }));
  const changeRow = (key: string, patch: Partial<VariantRow>) =>
    setForm((shown) => ({ ...shown, variants: shown.variants.map((row) => (row.key === key ? { ...row, ...patch } : row)) }));
  const changeBlock = (key: string, patch: Partial<DescriptionRow>) =>
    setForm((shown) => ({
      ...shown,
      description: shown.description.map((block) => (block.key === key ? ({ ...block, ...patch } as DescriptionRow) : block)),
    }));

  /** Saves the form (creating the product the first time); null when the form has errors. */
  async function save(publishing: boolean): Promise<ProductView | null> {
    const built = buildRequest(form, {
      saved: product,
      photoIds: photos.photoIds,
      photosBusy: photos.uploading,
      photosFailed: photos.failed,
      publishing,
    });
    if (!built.ok) {
      setErrors(built.errors);
      actions.fail(t('form.fixFields'));
      return null;
    }
    setErrors({});
    const saved = product
      ? await seller.updateListing(product.id, { ...built.request, version: basedOn ?? product.version })
      : await seller.createListing(shop?.id ?? '', { ...built.request, publish: false });
    // Saved: the draft (kept under the new product's key until now) has done its job.
    drafts.clear();
    forgetRestored();
    fill(saved);
    return saved;
  }

  /** Back to the saved state (or an empty form), after asking: what is thrown away is not kept anywhere. */
  async function discardDraft() {
    const yes = await confirm(t('draft.discardTitle'), t('draft.discardConfirm'), t('draft.discardYes'), t('common.cancel'));
    if (!yes) return;
    drafts.clear();
    forgetRestored();
    clear();
    setErrors({});
    setForm(product ? formFromProduct(product) : emptyForm());
    resetPhotos(product ? product.photos : []);
    setFormVersion((n) => n + 1);
  }

  /** Go on with the draft over the newer saved product: the next save replaces it. */
  function keepDraft() {
    keepRestored();
    clear();
  }

  function saveDraft() {
    void run(async () => {
      if (await save(false)) say(t('editor.saved'));
    });
  }

  function publish() {
    void run(async () => {
      const saved = await save(true);
      if (!saved) return;
      const published = await seller.publishListing(saved.id, saved.version);
      fill(published);
      say(t(published.review.state === 'flagged' ? 'editor.publishedFlagged' : 'editor.published'));
    });
  }

  function unpublish() {
    if (!product) return;
    void run(async () => {
      // Like a stock change: the seller's unsaved edits stay in the form (and on the phone).
      setProduct(await seller.unpublishListing(product.id, product.version));
      say(t('editor.unpublished'));
    });
  }

  async function remove() {
    if (!product) return;
    const yes = await confirm(t('editor.deleteTitle'), t('editor.deleteConfirm'), t('editor.delete'), t('common.cancel'));
    if (!yes) return;
    void run(async () => {
      await seller.deleteListing(product.id);
      drafts.clear();
      leave();
    });
  }

  function applyStock(request: StockChangeRequest) {
    if (!product) return;
    void run(async () => {
      const updated = await seller.changeStock(product.id, request);
      // The form keeps the seller's unsaved edits; only the saved state (version, stock) moves on.
      setProduct(updated);
      say(t('stock.done'));
    });
  }

  async function addPhotos() {
    const paths = await pickImages(PRODUCT_PHOTOS_MAX - photos.slots.length);
    if (paths.length) photos.add(paths);
  }

  function uploadBlock(key: string, path: string) {
    changeBlock(key, { state: 'uploading', progress: 0 });
    uploadPhoto(path, (percent) => changeBlock(key, { progress: Math.round(percent) })).then(
      (photo) => changeBlock(key, { state: 'done', photo, localPath: null, progress: 100 }),
      () => changeBlock(key, { state: 'failed' }),
    );
  }

  async function addDescriptionPhoto() {
    const [path] = await pickImages(1);
    if (!path) return;
    const key = rowKey();
    setForm((shown) => ({
      ...shown,
      description: [...shown.description, { key, type: 'image', photo: null, localPath: path, state: 'uploading', progress: 0 }],
    }));
    uploadBlock(key, path);
  }

  if (phase === 'loading') return <View className='screen'><Loading /></View>;
  if (phase === 'failed') return <View className='screen'><LoadFailed message={loadError} onRetry={load} /></View>;
  if (phase === 'noShop') return <NoShop onOpen={() => go('sellerShop')} />;

  const disabled = busy ? true : undefined;
  const reason = reasonOf(actions.failure?.error);
  const riskyDetail = reason ? t('editor.riskyReason', { reason }) : null;
  const status = product?.status ?? 'draft';
  const categoryIndex = form.category ? CATEGORIES.indexOf(form.category) : 0;
  const savedStock = (row: VariantRow) => product?.variants.find((variant) => variant.id === row.id)?.stock ?? null;

  return (
    <View className='screen editor with-bottom-bar'>
      {restored && <DraftNotice stale={restored.stale} unsaved={!product} onDiscard={() => void discardDraft()} onKeep={keepDraft} />}
      {product && (
        <View className='card row'>
          <Text className='grow'>{t('editor.status')}</Text>
          <Text className={`badge ${status === 'on_sale' ? '' : 'badge--muted'}`}>{t(`listing.status.${status}`)}</Text>
          {product.review.state === 'flagged' && <Text className='badge badge--warn'>{t('listing.flagged')}</Text>}
          {product.review.state === 'flagged' && flaggedText(product.review.check) && <Text className='hint'>{flaggedText(product.review.check)}</Text>}
          {product.review.state === 'taken_down' && <Text className='badge badge--danger'>{t('listing.takenDown')}</Text>}
        </View>
      )}

      <View className='card'>
        <Field label={t('editor.title')} error={errors.title} count={{ used: form.title.trim().length, max: PRODUCT_TITLE_MAX }}>
          <Input
            className={`input ${errors.title ? 'input--bad' : ''}`}
            value={form.title}
            maxlength={PRODUCT_TITLE_MAX}
            placeholder={t('editor.titlePlaceholder')}
            aria-label={t('editor.title')}
            onInput={(e) => change('title', textOf(e))}
          />
        </Field>
        <Field label={t('editor.category')} error={errors.category}>
          <Picker
            mode='selector'
            range={CATEGORIES.map((code) => t(`category.${code}`))}
            value={categoryIndex}
            onChange={(e) => change('category', CATEGORIES[Number(e.detail.value)] ?? null)}
            aria-label={t('editor.category')}
          >
            <View className={`picker-box ${form.category ? '' : 'picker-box--empty'} ${errors.category ? 'picker-box--bad' : ''}`}>
              <Text>{form.category ? t(`category.${form.category}`) : t('editor.pickCategory')}</Text>
              <Text>›</Text>
            </View>
          </Picker>
        </Field>
        <Field label={t('editor.photos', { max: PRODUCT_PHOTOS_MAX })} error={errors.photoIds}>
          <PhotoStrip photos={photos} max={PRODUCT_PHOTOS_MAX} onAdd={() => void addPhotos()} addLabel={t('editor.addPhotos')} />
        </Field>
      </View>

      <View className='card'>
        <View className='section-title'>{t('editor.variants')}</View>
        <View className='hint editor__hint'>{t('editor.variantsHint')}</View>
        {errors.variants && <View className='field__error' role='alert'>{errors.variants}</View>}
        {form.variants.map((row, index) => {
          const at = `variants.${index}`;
          const unitPrice = liveUnitPrice(row);
          const stock = savedStock(row);
          return (
            <View key={row.key} className='variant-row' aria-label={t('editor.variantNumber', { n: index + 1 })}>
              <Field label={t('editor.variantName')} error={errors[`${at}.name`]}>
                <Input
                  className={`input ${errors[`${at}.name`] ? 'input--bad' : ''}`}
                  value={row.name}
                  placeholder={t('editor.variantNamePlaceholder')}
                  aria-label={t('editor.variantNameN', { n: index + 1 })}
                  onInput={(e) => changeRow(row.key, { name: textOf(e) })}
                />
              </Field>
              <Field label={t('editor.price')} error={errors[`${at}.priceFen`]}>
                <Input
                  className={`input ${errors[`${at}.priceFen`] ? 'input--bad' : ''}`}
                  type='digit'
                  value={row.price}
                  placeholder='38.00'
                  aria-label={t('editor.priceN', { n: index + 1 })}
                  onInput={(e) => changeRow(row.key, { price: textOf(e) })}
                />
              </Field>
              <Field label={t('editor.weight')} error={errors[`${at}.netWeightGrams`]}>
                <View className='row'>
                  <Input
                    className={`input grow ${errors[`${at}.netWeightGrams`] ? 'input--bad' : ''}`}
                    type='digit'
                    value={row.weight}
                    placeholder='2.5'
                    aria-label={t('editor.weightN', { n: index + 1 })}
                    onInput={(e) => changeRow(row.key, { weight: textOf(e) })}
                  />
                  <View className='units' role='radiogroup'>
                    {WEIGHT_UNITS.map((unit) => (
                      <View
                        key={unit}
                        className={`units__unit ${row.unit === unit ? 'units__unit--on' : ''}`}
                        role='radio'
                        aria-checked={row.unit === unit}
                        onClick={() => changeRow(row.key, { unit })}
                      >
                        {t(`unit.${unit}`)}
                      </View>
                    ))}
                  </View>
                </View>
              </Field>
              {unitPrice && <View className='editor__unit-price' role='status'>{t('editor.unitPrice', { price: unitPrice })}</View>}
              {form.stockMode === 'per_variant' &&
                (!needsStartingStock(row, form, product) ? (
                  <View className='hint'>{t('editor.stockNow', { count: stock ?? 0 })}</View>
                ) : (
                  <Field label={t('editor.startStock')} error={errors[`${at}.stock`]}>
                    <Input
                      className={`input ${errors[`${at}.stock`] ? 'input--bad' : ''}`}
                      type='number'
                      value={row.stock}
                      placeholder='0'
                      aria-label={t('editor.stockN', { n: index + 1 })}
                      onInput={(e) => changeRow(row.key, { stock: textOf(e) })}
                    />
                  </Field>
                ))}
              {form.variants.length > 1 && (
                <Button
                  className='small-button danger'
                  onClick={() => setForm((shown) => ({ ...shown, variants: shown.variants.filter((r) => r.key !== row.key) }))}
                >
                  {t('editor.removeVariant')}
                </Button>
              )}
            </View>
          );
        })}
        <Button className='big-button secondary' onClick={() => setForm((shown) => ({ ...shown, variants: [...shown.variants, blankVariant()] }))}>
          {t('editor.addVariant')}
        </Button>
      </View>

      <View className='card'>
        <View className='section-title'>{t('editor.stockMode')}</View>
        <View className='chips' role='radiogroup'>
          {(['per_variant', 'bulk'] as const).map((mode) => (
            <View
              key={mode}
              className={`chip ${form.stockMode === mode ? 'chip--on' : ''}`}
              role='radio'
              aria-checked={form.stockMode === mode}
              onClick={() => change('stockMode', mode)}
            >
              {t(`editor.stockMode.${mode}`)}
            </View>
          ))}
        </View>
        <View className='hint editor__hint'>{t(`editor.stockModeHint.${form.stockMode}`)}</View>
        {form.stockMode === 'bulk' &&
          (product?.stockMode === 'bulk' ? (
            <View className='hint'>{t('editor.bulkNow', { weight: formatGrams(product.bulkStockGrams ?? 0) })}</View>
          ) : (
            <Field label={t('editor.bulkKg')} error={errors.bulkStockGrams}>
              <Input
                className={`input ${errors.bulkStockGrams ? 'input--bad' : ''}`}
                type='digit'
                value={form.bulkKg}
                placeholder='1000'
                aria-label={t('editor.bulkKg')}
                onInput={(e) => change('bulkKg', textOf(e))}
              />
            </Field>
          ))}
        {product && product.stockMode !== form.stockMode && <View className='message notice'>{t('editor.stockModeSwitch')}</View>}
        {product && product.stockMode === form.stockMode && (
          <Button className='big-button quiet' onClick={() => setStockOpen((open) => !open)}>
            {t(stockOpen ? 'stock.close' : 'stock.open')}
          </Button>
        )}
      </View>
      {product && stockOpen && product.stockMode === form.stockMode && <StockPanel product={product} busy={busy} onApply={applyStock} />}

      <View className='card'>
        <View className='section-title'>{t('editor.about')}</View>
        <Field label={t('editor.origin')} error={errors['origin.regionCode'] ?? errors.origin}>
          <RegionPicker key={formVersion} loadRegions={loadRegions} value={form.origin} onChange={(region) => change('origin', region)} />
        </Field>
        <Field label={t('editor.village')} error={errors['origin.village']}>
          <Input className='input' value={form.village} placeholder={t('editor.villagePlaceholder')} aria-label={t('editor.village')} onInput={(e) => change('village', textOf(e))} />
        </Field>
        <Field label={t('editor.harvestDate')} error={errors.harvestDate}>
          <View className='row'>
            <Picker
              className='grow'
              mode='date'
              value={form.harvestDate ?? today}
              end={today}
              onChange={(e) => change('harvestDate', String(e.detail.value))}
              aria-label={t('editor.harvestDate')}
            >
              <View className={`picker-box ${form.harvestDate ? '' : 'picker-box--empty'}`}>
                <Text>{form.harvestDate ?? t('editor.pickDate')}</Text>
                <Text>›</Text>
              </View>
            </Picker>
            {form.harvestDate && (
              <Button className='small-button editor__clear' onClick={() => change('harvestDate', null)}>{t('editor.clear')}</Button>
            )}
          </View>
        </Field>
        <Field label={t('editor.shelfLife')} error={errors.shelfLifeDays}>
          <Input className='input' type='number' value={form.shelfLifeDays} placeholder='365' aria-label={t('editor.shelfLife')} onInput={(e) => change('shelfLifeDays', textOf(e))} />
        </Field>
        <Field label={t('editor.storage')} error={errors.storageNote}>
          <Input className='input' value={form.storageNote} placeholder={t('editor.storagePlaceholder')} aria-label={t('editor.storage')} onInput={(e) => change('storageNote', textOf(e))} />
        </Field>
      </View>

      <View className='card'>
        <View className='section-title'>{t('editor.description')}</View>
        {form.description.map((block, index) => (
          <View key={block.key} className='description-block'>
            {block.type === 'text' ? (
              <Field label={t('editor.paragraph', { n: index + 1 })} error={errors[`description.${index}.text`]}>
                <Textarea
                  className='textarea'
                  value={block.text}
                  placeholder={t('editor.paragraphPlaceholder')}
                  aria-label={t('editor.paragraph', { n: index + 1 })}
                  onInput={(e) => changeBlock(block.key, { text: textOf(e) })}
                />
              </Field>
            ) : (
              <Field label={t('editor.descriptionPhoto', { n: index + 1 })} error={errors[`description.${index}.photoId`]}>
                <View className='description-block__photo'>
                  <View className='photo-tile'>
                    <ImageOf block={block} />
                    {block.state === 'uploading' && <View className='photo-tile__veil'>{`${block.progress}%`}</View>}
                    {block.state === 'failed' && block.localPath && (
                      <View className='photo-tile__veil photo-tile__veil--failed'>
                        <Button className='photo-tile__retry' onClick={() => uploadBlock(block.key, block.localPath ?? '')}>{t('photos.retry')}</Button>
                      </View>
                    )}
                  </View>
                </View>
              </Field>
            )}
            <Button
              className='small-button danger'
              onClick={() => setForm((shown) => ({ ...shown, description: shown.description.filter((b) => b.key !== block.key) }))}
            >
              {t('editor.removeBlock')}
            </Button>
          </View>
        ))}
        <View className='row'>
          <Button
            className='small-button'
            onClick={() => setForm((shown) => ({ ...shown, description: [...shown.description, { key: rowKey(), type: 'text', text: '' }] }))}
          >
            {t('editor.addParagraph')}
          </Button>
          <Button className='small-button' onClick={() => void addDescriptionPhoto()}>{t('editor.addDescriptionPhoto')}</Button>
        </View>
      </View>

      {product && (
        <View className='editor__more'>
          {status === 'on_sale' && (
            <Button className='big-button secondary' onClick={() => go('sellerPoster', { id: product.id })}>{t('editor.poster')}</Button>
          )}
          {status === 'on_sale' && (
            <Button className='big-button quiet' onClick={() => go('product', { id: product.id })}>{t('editor.viewAsBuyer')}</Button>
          )}
          {status !== 'on_sale' && (
            <Button className='big-button quiet editor__delete' disabled={disabled} onClick={() => void remove()}>{t('editor.delete')}</Button>
          )}
        </View>
      )}

      <View className='bottom-bar'>
        <Outcome actions={actions} onReload={load} detail={riskyDetail} />
        <Button className='big-button secondary bottom-bar__side' disabled={disabled} onClick={saveDraft}>
          {t(status === 'on_sale' ? 'editor.saveChanges' : 'editor.saveDraft')}
        </Button>
        <View className='bottom-bar__main'>
          {status === 'on_sale' ? (
            <Button className='big-button quiet' disabled={disabled} onClick={unpublish}>{t('editor.unpublish')}</Button>
          ) : (
            <Button className='big-button' disabled={disabled} onClick={publish}>{t('editor.publish')}</Button>
          )}
        </View>
      </View>
    </View>
  );
}

function ImageOf({ block }: { block: Extract<DescriptionRow, { type: 'image' }> }) {
  const src = block.photo ? mediaUrl(block.photo.thumbUrl) : block.localPath ?? '';
  return <Image className='photo-tile__image' src={src} mode='aspectFill' />;
}
