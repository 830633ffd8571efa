import { detect } from 'tinyld';

/**
 * The page's language as a BCP 47 tag: the one it declares when it declares a valid one, else the
 * one tinyld detects from the title and body (it tells English from Romanian on a sentence; on a
 * handful of words it may not, and then says nothing). `null` when neither tells.
 */
export function languageOf(declared: string | null, text: string): string | null {
  const tag = declared?.trim().toLowerCase().replace('_', '-');
  if (tag && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(tag)) return tag.split('-')[0];
  return detect(text.slice(0, 5000)) || null;
}
