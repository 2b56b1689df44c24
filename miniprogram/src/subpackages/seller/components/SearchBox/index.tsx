// A search box with its button beside it; the search runs on the button or the keyboard's "search".
import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { textOf } from '../../../../components/Field/events';
import { t } from '../../../../i18n';
import './index.scss';

export interface SearchBoxProps {
  label: string;
  placeholder: string;
  /** The words searched for now ('' for none). */
  value: string;
  onSearch: (words: string) => void;
  maxlength?: number;
}

export function SearchBox({ label, placeholder, value, onSearch, maxlength = 30 }: SearchBoxProps) {
  const [draft, setDraft] = useState(value);
  const search = () => onSearch(draft.trim());
  return (
    <View className='row search-box'>
      <Input
        className='input grow search-box__input'
        value={draft}
        maxlength={maxlength}
        placeholder={placeholder}
        aria-label={label}
        confirmType='search'
        onInput={(event) => setDraft(textOf(event))}
        onConfirm={search}
      />
      <Button className='small-button search-box__button' onClick={search}>{t('sellerOrders.search')}</Button>
    </View>
  );
}
