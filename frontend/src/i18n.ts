import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN.json'
import en from './locales/en.json'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: Locale[] = ['zh-CN', 'en']
const STORAGE_KEY = 'liandong.locale'

function initialLocale(): Locale {
  if (typeof window === 'undefined') return 'zh-CN'
  const fromUrl = new URLSearchParams(window.location.search).get('lang')
  const saved = fromUrl ?? window.localStorage.getItem(STORAGE_KEY)
  return saved === 'en' ? 'en' : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
})

// Screen readers, the browser's translation offer and CJK font choice read <html lang>.
if (typeof document !== 'undefined') document.documentElement.lang = i18n.global.locale.value

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  window.localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

/** The Chinese or the English of a pair the server sent, by the current locale. */
export function pick(zh?: string | null, en?: string | null): string {
  return (i18n.global.locale.value === 'en' ? en || zh : zh || en) ?? ''
}

/** Picks the right name of a reference-data row ({nameZh, nameEn} or {name}) for the current locale. */
export function localName(row: { nameZh?: string; nameEn?: string; name?: string } | undefined, fallback = ''): string {
  if (!row) return fallback
  const english = i18n.global.locale.value === 'en'
  return (english ? row.nameEn || row.nameZh : row.nameZh || row.nameEn) || row.name || fallback
}
