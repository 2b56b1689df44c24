// Counts the times the page is scrolled to its bottom, for a screen to load its next page on
// each (see useOnChange): the page hook lives in the shell, the list in the screen.
import { useState } from 'react';
import { useReachBottom } from '@tarojs/taro';

export function useReachedBottom(): number {
  const [count, setCount] = useState(0);
  useReachBottom(() => setCount((n) => n + 1));
  return count;
}
