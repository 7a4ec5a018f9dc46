import { computed, ref } from 'vue'
import { i18n } from './i18n'

/** The center's zone; replaced by the server's configuration once it has loaded. */
export const centerZone = ref('Asia/Shanghai')

/** A clock that ticks every second, shared by every countdown on the page. */
export const now = ref(Date.now())
setInterval(() => (now.value = Date.now()), 1000)

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(i18n.global.locale.value, { timeZone: centerZone.value, hour12: false, ...options })
}

export function dateTime(instant?: string | null): string {
  if (!instant) return ''
  return formatter({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .format(new Date(instant))
}

export function time(instant?: string | null): string {
  if (!instant) return ''
  return formatter({ hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(instant))
}

/** 75 s becomes "1:15", 3725 s "1:02:05"; negative durations keep their sign. */
export function duration(seconds: number): string {
  const sign = seconds < 0 ? '-' : ''
  let rest = Math.floor(Math.abs(seconds))
  const h = Math.floor(rest / 3600)
  rest -= h * 3600
  const m = Math.floor(rest / 60)
  const s = rest - m * 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return `${sign}${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

/** Seconds since an instant, by the shared clock. */
export function ageSeconds(instant?: string | null): number {
  return instant ? Math.max(0, (now.value - Date.parse(instant)) / 1000) : 0
}

/** The start of today in the center's zone, as an instant. */
export function startOfToday(at = new Date()): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: centerZone.value, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
    minute: '2-digit', second: '2-digit', hour12: false,
  }).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const sinceMidnight = ((get('hour') % 24) * 3600 + get('minute') * 60 + get('second')) * 1000
  return new Date(Math.floor(at.getTime() / 1000) * 1000 - sinceMidnight)
}

/** The hour of the day (0-23) of an instant in the center's zone. */
export function hourOf(instant: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: centerZone.value, hour: '2-digit', hour12: false })
    .format(new Date(instant))
  return Number(hour) % 24
}

export const isEnglish = computed(() => i18n.global.locale.value === 'en')
