// Operators' review queue: products WeChat's content check flagged (and, in the other tabs, those
// cleared or taken down), each with its cover, title, shop and when. Opening one loads its full
// text and photos (GET /listings/:id); "通过" clears it, "下架" takes it down with a reason.
import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import type { AdminProductPage, ProductView } from '../../../../../../contract/products';
import { EmptyState } from '../../../../components/EmptyState';
import { LoadFailed, Loading, PagedListBody } from '../../../../components/LoadState';
import { Tabs } from '../../../../components/Tabs';
import { useOnChange } from '../../../../hooks/useOnChange';
import { messageOf, usePagedList } from '../../../../hooks/usePagedList';
import { t } from '../../../../i18n';
import type { Operator, ReviewState } from '../../../../services/operator';
import { mediaUrl, type confirmAction } from '../../../../services/platform';
import type { Seller } from '../../../../services/seller';
import { formatFen, formatGrams } from '../../../../utils/format';
import { formatRegion } from '../../../../utils/region';
import { Outcome } from '../../../../components/Outcome';
import { useFormActions, type FormActions } from '../../../../hooks/useFormActions';
import { AccessProblem, accessOf, type Access } from '../../components/AccessProblem';
import { ReasonField, useReason } from '../../components/ReasonField';
import { formatWhen } from '../../utils/when';
import './index.scss';
import { flaggedText } from '../../../../utils/content-check';

type QueueTab = Exclude<ReviewState, 'none'>;
const TABS: QueueTab[] = ['flagged', 'cleared', 'taken_down'];
export type QueueItem = AdminProductPage['items'][number];

export interface ReviewScreenProps {
  /** `listing` is the editor's read (GET /listings/:id), which operators may use on any product. */
  operator: Pick<Operator, 'reviewQueue' | 'clearProduct' | 'takeDownProduct'> & Pick<Seller, 'listing'>;
  openLogin: () => void;
  confirm: typeof confirmAction;
  /** Full-screen photo viewer. */
  preview: (urls: string[], current: string) => void;
  reachedBottom?: number;
  shown?: number;
}

function QueueRow({ item, onOpen }: { item: QueueItem; onOpen: () => void }) {
  return (
    <View className='card media-row review-row' role='button' aria-label={item.title} onClick={onOpen}>
      {item.cover ? (
        <Image className='media-row__cover' src={mediaUrl(item.cover.thumbUrl)} mode='aspectFill' />
      ) : (
        <View className='media-row__cover media-row__cover--blank'>{t('listing.noPhoto')}</View>
      )}
      <View className='media-row__body'>
        <Text className='media-row__title'>{item.title}</Text>
        <Text className='hint'>{t('operator.shopName', { name: item.shopName })}</Text>
        <Text className='hint'>{t('operator.when', { at: formatWhen(item.review.at ?? item.updatedAt) })}</Text>
        {item.review.state === 'flagged' && flaggedText(item.review.check) && <Text className='review-row__reason'>{flaggedText(item.review.check)}</Text>}
        {item.review.reason && (
          <Text className='review-row__reason'>{t('operator.why', { reason: item.review.reason })}</Text>
        )}
      </View>
    </View>
  );
}

interface DetailProps {
  item: QueueItem;
  operator: ReviewScreenProps['operator'];
  confirm: ReviewScreenProps['confirm'];
  preview: ReviewScreenProps['preview'];
  actions: FormActions;
  back: () => void;
  /** The product left (or changed) its place in the queue. */
  reviewed: (product: ProductView, notice: string) => void;
}

function ProductUnderReview({ item, operator, confirm, preview, actions, back, reviewed }: DetailProps) {
  const [product, setProduct] = useState<ProductView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [takingDown, setTakingDown] = useState(false);
  const reason = useReason();
  const { busy, run } = actions;

  const load = useCallback(() => {
    setFailure(null);
    setProduct(null);
    operator.listing(item.id).then(setProduct, (error: unknown) => setFailure(messageOf(error)));
  }, [operator, item.id]);
  useEffect(() => load(), [load]);

  if (failure) {
    return (
      <View className='screen'>
        <Button className='small-button' onClick={back}>{t('operator.backToQueue')}</Button>
        <LoadFailed message={failure} onRetry={load} />
      </View>
    );
  }
  if (!product) return <View className='screen'><Loading /></View>;

  function clearIt(shown: ProductView) {
    void run(async () => {
      const done = await operator.clearProduct(shown.id);
      reviewed(done, t('operator.clearDone', { title: done.title }));
    });
  }

  async function takeItDown(shown: ProductView) {
    const why = reason.checked();
    if (why === null) return;
    const yes = await confirm(t('operator.takeDownTitle', { title: shown.title }), t('operator.takeDownConfirm'), t('operator.takeDownYes'), t('common.cancel'));
    if (!yes) return;
    await run(async () => {
      const done = await operator.takeDownProduct(shown.id, why);
      reviewed(done, t('operator.takeDownDone', { title: done.title }));
    });
  }

  const disabled = busy ? true : undefined;
  const largeUrls = product.photos.map((photo) => mediaUrl(photo.largeUrl));
  const state = product.review.state;
  return (
    <View className='screen review-detail with-bottom-bar'>
      <Button className='small-button' onClick={back}>{t('operator.backToQueue')}</Button>

      <View className='card'>
        <Text className='title'>{product.title}</Text>
        <View>
          <Text className='badge badge--muted'>{t(`listing.status.${product.status}`)}</Text>
          {state !== 'none' && (
            <Text className={`badge ${state === 'taken_down' ? 'badge--danger' : state === 'flagged' ? 'badge--warn' : ''}`}>
              {t(`operator.tab.${state}`)}
            </Text>
          )}
        </View>
        <View className='hint'>{t('operator.shopName', { name: item.shopName })}</View>
        {product.review.at && <View className='hint'>{t('operator.when', { at: formatWhen(product.review.at) })}</View>}
        {flaggedText(product.review.check) && <View className='message notice'>{flaggedText(product.review.check)}</View>}
        {product.review.reason && <View className='message notice'>{t('operator.why', { reason: product.review.reason })}</View>}
      </View>

      {product.photos.length > 0 && (
        <View className='card'>
          <View className='section-title'>{t('operator.photos')}</View>
          <View className='review-detail__photos'>
            {product.photos.map((photo, index) => (
              <Image
                key={photo.id}
                className='review-detail__photo'
                src={mediaUrl(photo.thumbUrl)}
                mode='aspectFill'
                onClick={() => preview(largeUrls, largeUrls[index])}
              />
            ))}
          </View>
        </View>
      )}

      <View className='card'>
        <View className='section-title'>{t('product.variants')}</View>
        {product.variants.map((variant) => (
          <View key={variant.id} className='review-detail__variant'>
            {`${variant.name} · ${formatFen(variant.priceFen)} · ${formatGrams(variant.netWeightGrams)}`}
          </View>
        ))}
        {product.origin && (
          <View className='review-detail__line'>{`${t('product.origin')}：${formatRegion(product.origin.region, product.origin.village)}`}</View>
        )}
        {product.storageNote && <View className='review-detail__line'>{`${t('product.storage')}：${product.storageNote}`}</View>}
      </View>

      <View className='card'>
        <View className='section-title'>{t('product.description')}</View>
        {product.description.length === 0 && <Text className='hint'>{t('operator.noDescription')}</Text>}
        {product.description.map((block, index) =>
          block.type === 'text' ? (
            <View key={index} className='review-detail__paragraph'>{block.text}</View>
          ) : (
            <Image
              key={index}
              className='review-detail__description-photo'
              src={mediaUrl(block.photo.url)}
              mode='widthFix'
              onClick={() => preview([mediaUrl(block.photo.largeUrl)], mediaUrl(block.photo.largeUrl))}
            />
          ),
        )}
      </View>

      <View className='bottom-bar'>
        <Outcome actions={actions} onReload={load} />
        <View className='bottom-bar__main'>
          {takingDown ? (
            <View className='review-sheet'>
              <ReasonField reason={reason} placeholder={t('operator.takeDownPlaceholder')} />
              <Button className='big-button danger' disabled={disabled} onClick={() => void takeItDown(product)}>{t('operator.takeDownYes')}</Button>
              <Button className='big-button quiet' onClick={() => setTakingDown(false)}>{t('common.cancel')}</Button>
            </View>
          ) : (
            <View className='row review-detail__actions'>
              {state === 'flagged' && (
                <Button className='big-button review-detail__clear' disabled={disabled} onClick={() => clearIt(product)}>{t('operator.clear')}</Button>
              )}
              {state !== 'taken_down' && (
                <Button className='big-button danger' disabled={disabled} onClick={() => setTakingDown(true)}>{t('operator.takeDown')}</Button>
              )}
            </View>
          )}
        </View>
      </View>
    </View>
  );
}

export function ReviewScreen({ operator, openLogin, confirm, preview, reachedBottom = 0, shown = 0 }: ReviewScreenProps) {
  const [tab, setTab] = useState<QueueTab>('flagged');
  const [access, setAccess] = useState<Access>('ok');
  const [opened, setOpened] = useState<QueueItem | null>(null);
  // Products reviewed here leave the tab they were in without a reload.
  const [reviewedIds, setReviewedIds] = useState<Record<string, ReviewState>>({});
  const actions = useFormActions(() => undefined);
  const { clear, notice } = actions;

  const fetchPage = useCallback(
    (page: number) =>
      operator.reviewQueue({ review: tab, page, pageSize: 20 }).then(
        (result) => {
          setAccess('ok');
          // A fresh first page shows the server's truth; later pages keep what was reviewed here.
          if (page === 1) setReviewedIds({});
          return result;
        },
        (failure: unknown) => {
          setAccess(accessOf(failure));
          throw failure;
        },
      ),
    [operator, tab],
  );
  const list = usePagedList<QueueItem, AdminProductPage>(fetchPage);
  useOnChange(reachedBottom, list.loadMore);
  useOnChange(shown, list.reload);

  if (access !== 'ok') return <AccessProblem access={access} openLogin={openLogin} />;

  if (opened) {
    return (
      <ProductUnderReview
        item={opened}
        operator={operator}
        confirm={confirm}
        preview={preview}
        actions={actions}
        back={() => {
          clear();
          setOpened(null);
        }}
        reviewed={(product, text) => {
          setReviewedIds((seen) => ({ ...seen, [product.id]: product.review.state }));
          setOpened(null);
          actions.say(text);
        }}
      />
    );
  }

  const items = list.items.filter((item) => (reviewedIds[item.id] ?? item.review.state) === tab);
  return (
    <View className='screen review'>
      <Tabs
        tabs={TABS}
        on={tab}
        label={(each) => t(`operator.tab.${each}`)}
        onPick={(each) => {
          clear();
          setTab(each);
        }}
      />

      {notice && <View className='message ok' role='status'>{notice}</View>}
      <PagedListBody list={list} shown={items.length} empty={<EmptyState mark='审' title={t(`operator.empty.${tab}`)} hint={t('operator.emptyHint')} />}>
        {items.map((item) => (
          <QueueRow
            key={item.id}
            item={item}
            onOpen={() => {
              clear();
              setOpened(item);
            }}
          />
        ))}
      </PagedListBody>
    </View>
  );
}
