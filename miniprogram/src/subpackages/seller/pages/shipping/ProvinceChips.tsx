// Provinces chosen for a rule (or excluded): each a chip that a tap removes, and a picker of the
// provinces not used elsewhere to add one.
import { Picker, Text, View } from '@tarojs/components';
import type { Region } from '../../../../../../contract/regions';
import { t } from '../../../../i18n';
import type { ProvinceRef } from './form';

export interface ProvinceChipsProps {
  label: string;
  chosen: ProvinceRef[];
  /** Every province (GET /regions), or null while loading. */
  provinces: Region[] | null;
  /** Codes another rule (or the excluded list) already holds. */
  taken: Set<string>;
  onChange: (chosen: ProvinceRef[]) => void;
  bad?: boolean;
}

export function ProvinceChips({ label, chosen, provinces, taken, onChange, bad }: ProvinceChipsProps) {
  const mine = new Set(chosen.map((p) => p.code));
  const free = (provinces ?? []).filter((p) => !mine.has(p.code) && !taken.has(p.code));
  return (
    <View className='province-chips'>
      <View className='chips'>
        {chosen.map((province) => (
          <View key={province.code} className='chip chip--on' role='button' aria-label={t('shipping.removeProvince', { name: province.name })}
            onClick={() => onChange(chosen.filter((p) => p.code !== province.code))}
          >
            {`${province.name} ×`}
          </View>
        ))}
      </View>
      <Picker
        mode='selector'
        range={free.map((p) => p.name)}
        value={0}
        disabled={free.length === 0}
        aria-label={label}
        onChange={(event) => {
          const picked = free[Number(event.detail.value)];
          if (picked) onChange([...chosen, { code: picked.code, name: picked.name }]);
        }}
      >
        <View className={`picker-box picker-box--empty ${bad ? 'picker-box--bad' : ''}`}>
          <Text>{provinces ? t('shipping.addProvince') : t('common.loading')}</Text>
          <Text>›</Text>
        </View>
      </Picker>
    </View>
  );
}
