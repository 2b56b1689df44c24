// Province → city → county, each a plain selector fed by GET /regions. WeChat's own region picker
// does not exist in the browser build and uses its own code list, so one picker serves both. It
// lives in the main package (delivery addresses) so the seller subpackage can use it too.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import type { Region, RegionPath } from '../../../../contract/regions';
import { messageOf } from '../../hooks/usePagedList';
import { t, type MessageKey } from '../../i18n';
import './index.scss';

export type LoadRegions = (parent?: string) => Promise<Region[]>;

export interface RegionPickerProps {
  loadRegions: LoadRegions;
  value: RegionPath | null;
  /** A complete path once a county is picked; null while the person is still choosing. */
  onChange: (path: RegionPath | null) => void;
  bad?: boolean;
}

type Level = 'province' | 'city' | 'county';
const LEVELS: Level[] = ['province', 'city', 'county'];
const PLACEHOLDER: Record<Level, MessageKey> = {
  province: 'region.pickProvince',
  city: 'region.pickCity',
  county: 'region.pickCounty',
};

type Picked = Partial<Record<Level, Region>>;
type Lists = Partial<Record<Level, Region[]>>;

export function RegionPicker({ loadRegions, value, onChange, bad }: RegionPickerProps) {
  const [picked, setPicked] = useState<Picked>(() => (value ? { ...value } : {}));
  const [lists, setLists] = useState<Lists>({});
  const [error, setError] = useState<{ level: Level; message: string } | null>(null);

  // Only the answer for the latest parent of a level may fill it (a quick second pick wins).
  const wanted = useRef<Partial<Record<Level, string>>>({});

  const fetchLevel = useCallback(
    (level: Level, parent: string | undefined) => {
      const key = parent ?? '';
      wanted.current[level] = key;
      setError(null);
      loadRegions(parent).then(
        (items) => {
          if (wanted.current[level] === key) setLists((shown) => ({ ...shown, [level]: items }));
        },
        (failure: unknown) => {
          if (wanted.current[level] === key) setError({ level, message: messageOf(failure) });
        },
      );
    },
    [loadRegions],
  );

  const provinceCode = picked.province?.code;
  const cityCode = picked.city?.code;
  useEffect(() => fetchLevel('province', undefined), [fetchLevel]);
  useEffect(() => {
    if (provinceCode) fetchLevel('city', provinceCode);
  }, [fetchLevel, provinceCode]);
  useEffect(() => {
    if (cityCode) fetchLevel('county', cityCode);
  }, [fetchLevel, cityCode]);

  function retry(level: Level) {
    fetchLevel(level, level === 'province' ? undefined : level === 'city' ? provinceCode : cityCode);
  }

  function pick(level: Level, index: number) {
    const region = lists[level]?.[index];
    if (!region) return;
    const next: Picked = { ...picked, [level]: region };
    const below = LEVELS.slice(LEVELS.indexOf(level) + 1);
    for (const child of below) {
      delete next[child];
      delete wanted.current[child];
    }
    setPicked(next);
    setLists((shown) => {
      const kept = { ...shown };
      for (const child of below) delete kept[child];
      return kept;
    });
    onChange(next.province && next.city && next.county ? { province: next.province, city: next.city, county: next.county } : null);
  }

  return (
    <View className='region-picker'>
      {LEVELS.map((level) => {
        const list = lists[level];
        const current = picked[level];
        const index = current && list ? Math.max(0, list.findIndex((region) => region.code === current.code)) : 0;
        const ready = !!list && list.length > 0;
        return (
          <Picker
            key={level}
            mode='selector'
            range={list ? list.map((region) => region.name) : []}
            value={index}
            disabled={!ready}
            onChange={(event) => pick(level, Number(event.detail.value))}
            aria-label={t(PLACEHOLDER[level])}
          >
            <View className={`picker-box region-picker__box ${current ? '' : 'picker-box--empty'} ${bad && !current ? 'picker-box--bad' : ''}`}>
              <Text>{current ? current.name : t(PLACEHOLDER[level])}</Text>
              <Text className='region-picker__arrow'>›</Text>
            </View>
          </Picker>
        );
      })}
      {error && (
        <View className='region-picker__error'>
          <View className='message error' role='alert'>{error.message}</View>
          <Button className='small-button' onClick={() => retry(error.level)}>{t('common.retry')}</Button>
        </View>
      )}
    </View>
  );
}
