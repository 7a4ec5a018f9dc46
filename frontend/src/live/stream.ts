import { onBeforeUnmount, ref } from 'vue'
import { RECORD_TYPES, type RecordEntry } from '@/api/types'
import { withQuery } from '@/api/http'

/**
 * One server-sent event stream per browser tab (GET /api/stream). Every record entry the server
 * commits arrives as an event named after the entry's type, with the entry id as the event id.
 * After a dropped connection the browser (or we, if it gave up) reconnects with the last id seen,
 * the server replays what was missed, and a `ready` event tells every screen to re-fetch its
 * lists, so nothing stale stays on screen.
 */
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'down'

type EntryListener = (entry: RecordEntry) => void
type ReadyListener = () => void

export const liveStatus = ref<LiveStatus>('idle')
export const lastEventId = ref(0)
export const lastEventAt = ref<number | null>(null)

const entryListeners = new Set<EntryListener>()
const readyListeners = new Set<ReadyListener>()
let source: EventSource | null = null
let retryTimer: number | undefined
let retryDelay = 1000
let wanted = false

function handle(event: MessageEvent<string>): void {
  const entry = JSON.parse(event.data) as RecordEntry
  const id = Number(event.lastEventId || entry.id)
  if (id > lastEventId.value) lastEventId.value = id
  lastEventAt.value = Date.now()
  entryListeners.forEach((listener) => listener(entry))
}

function open(): void {
  const url = withQuery('/api/stream', lastEventId.value > 0 ? { after: lastEventId.value } : undefined)
  liveStatus.value = 'connecting'
  source = new EventSource(url, { withCredentials: true })
  for (const type of RECORD_TYPES) source.addEventListener(type, handle as EventListener)
  source.addEventListener('message', handle as EventListener)
  source.addEventListener('ready', () => {
    liveStatus.value = 'open'
    retryDelay = 1000
    lastEventAt.value = Date.now()
    readyListeners.forEach((listener) => listener())
  })
  source.addEventListener('resync', () => readyListeners.forEach((listener) => listener()))
  source.onerror = () => {
    // The browser retries by itself while the stream is CONNECTING; once CLOSED (an HTTP error,
    // a proxy cut) it gives up, and we reconnect with ?after= and a growing pause.
    if (source?.readyState === EventSource.CLOSED) {
      liveStatus.value = 'down'
      source.close()
      source = null
      if (wanted) retryTimer = window.setTimeout(open, retryDelay)
      retryDelay = Math.min(retryDelay * 2, 15000)
    } else {
      liveStatus.value = 'connecting'
    }
  }
}

export function startLive(): void {
  wanted = true
  if (!source) open()
}

export function stopLive(): void {
  wanted = false
  window.clearTimeout(retryTimer)
  source?.close()
  source = null
  liveStatus.value = 'idle'
}

export function onEntry(listener: EntryListener): () => void {
  entryListeners.add(listener)
  return () => entryListeners.delete(listener)
}

export function onReady(listener: ReadyListener): () => void {
  readyListeners.add(listener)
  return () => readyListeners.delete(listener)
}

/**
 * Calls `refresh` (at most every 300 ms) whenever an entry passing `filter` arrives or the
 * stream (re)connects; stops when the calling component unmounts.
 */
export function useLiveRefresh(refresh: () => unknown, filter: (entry: RecordEntry) => boolean = () => true): void {
  let timer: number | undefined
  const schedule = () => {
    if (timer !== undefined) return
    timer = window.setTimeout(() => {
      timer = undefined
      refresh()
    }, 300)
  }
  const offEntry = onEntry((entry) => filter(entry) && schedule())
  const offReady = onReady(schedule)
  onBeforeUnmount(() => {
    offEntry()
    offReady()
    window.clearTimeout(timer)
  })
}
