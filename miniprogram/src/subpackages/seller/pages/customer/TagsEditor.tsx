// A buyer's tags: the ones on, tapped off; the everyday ones and typed ones, tapped on.
import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { CUSTOMER_TAG_MAX, CUSTOMER_TAGS_MAX } from '../../../../../../contract/limits';
import { textOf } from '../../../../components/Field/events';
import { t } from '../../../../i18n';
import { suggestedTags } from '../customers/tags';

export interface TagsEditorProps {
  tags: string[];
  onChange: (tags: string[]) => void;
}

/** Adds a tag once, trimmed, within the limits; the same list when it cannot. */
export function withTag(tags: string[], tag: string): string[] {
  const clean = tag.trim();
  if (!clean || clean.length > CUSTOMER_TAG_MAX || tags.includes(clean) || tags.length >= CUSTOMER_TAGS_MAX) return tags;
  return [...tags, clean];
}

export function TagsEditor({ tags, onChange }: TagsEditorProps) {
  const [typed, setTyped] = useState('');
  const offered = suggestedTags().filter((tag) => !tags.includes(tag));
  const add = () => {
    onChange(withTag(tags, typed));
    setTyped('');
  };
  return (
    <View className='tags-editor'>
      <View className='chips'>
        {tags.map((tag) => (
          <View key={tag} className='chip chip--on' role='button' aria-label={t('customers.detail.removeTag', { tag })} onClick={() => onChange(tags.filter((x) => x !== tag))}>
            {`${tag} ×`}
          </View>
        ))}
        {offered.map((tag) => (
          <View key={tag} className='chip' role='button' onClick={() => onChange(withTag(tags, tag))}>{`+ ${tag}`}</View>
        ))}
      </View>
      {tags.length < CUSTOMER_TAGS_MAX && (
        <View className='row'>
          <Input
            className='input grow'
            value={typed}
            maxlength={CUSTOMER_TAG_MAX}
            placeholder={t('customers.detail.newTagPlaceholder')}
            aria-label={t('customers.detail.newTag')}
            onInput={(event) => setTyped(textOf(event))}
            onConfirm={add}
          />
          <Button className='small-button tags-editor__add' onClick={add}>{t('customers.detail.addTag')}</Button>
        </View>
      )}
    </View>
  );
}
