import type { BoardCounts, Zone } from '@/api/types'

/** The live board's filters; an empty string means any. */
export interface BoardFilters {
  status: string
  platform: string
  zone: string
  district: string
  category: string
  severity: string
  priority: string
  agency: string
  q: string
}

const KEYS: (keyof BoardFilters)[] = ['status', 'platform', 'zone', 'district', 'category', 'severity', 'priority', 'agency', 'q']

/** The board opens on the open incidents, everything else unfiltered. */
export function defaultFilters(): BoardFilters {
  return { status: 'OPEN', platform: '', zone: '', district: '', category: '', severity: '', priority: '', agency: '', q: '' }
}

type Query = Record<string, unknown>

/** The filters a board address carries (`/board?platform=GOVERNANCE&zone=…`), so a view can be bookmarked. */
export function filtersFromQuery(query: Query): BoardFilters {
  const filters = defaultFilters()
  for (const key of KEYS) {
    const value = Array.isArray(query[key]) ? (query[key] as unknown[])[0] : query[key]
    if (typeof value === 'string') filters[key] = value
  }
  return filters
}

/**
 * The address query for the filters: the other parameters of the address (such as `lang`) are kept,
 * filters at their default are left out.
 */
export function filtersToQuery(filters: BoardFilters, current: Query = {}): Record<string, string> {
  const query: Record<string, string> = {}
  for (const [key, value] of Object.entries(current)) {
    if (!KEYS.includes(key as keyof BoardFilters) && typeof value === 'string') query[key] = value
  }
  const defaults = defaultFilters()
  for (const key of KEYS) {
    if (filters[key] !== defaults[key]) query[key] = filters[key]
  }
  return query
}

/** What the server filters: for the incident list and, without status, for the counters. */
export function serverQuery(filters: BoardFilters): Record<string, string | undefined> {
  return {
    status: filters.status || undefined,
    platform: filters.platform || undefined,
    zone: filters.zone || undefined,
    category: filters.category || undefined,
    severity: filters.severity || undefined,
    agency: filters.agency || undefined,
    district: filters.district || undefined,
    priority: filters.priority || undefined,
    q: filters.q.trim() || undefined,
  }
}

/**
 * Whether a division code lies in the division the filter names, as the server decides it: a code in
 * the NBS list's 12-digit form stands for its 9- or 6-digit code, and a city's or a province's code in
 * its 6-digit form (`211300`, `210000`) for its 4- or 2-digit prefix.
 */
export function inDivision(code: string | null | undefined, division: string): boolean {
  let prefix = division
  while ((prefix.length === 12 || prefix.length === 9) && prefix.endsWith('000')) prefix = prefix.slice(0, -3)
  while ((prefix.length === 6 || prefix.length === 4) && prefix.endsWith('00')) prefix = prefix.slice(0, -2)
  return (code ?? '').startsWith(prefix)
}

/** The zones to offer: those of the chosen platform, or all. */
export function zonesOf(zones: Zone[], platform: string): Zone[] {
  return platform ? zones.filter((z) => z.platform === platform) : zones
}

/** The platforms the hall's zones run on, in the order first met. */
export function platformsOf(zones: Zone[]): string[] {
  return [...new Set(zones.map((z) => z.platform).filter((p): p is string => !!p))]
}

/** The counters on top of the board, from the server's counts (zero while they load). */
export function counterTiles(counts: BoardCounts | null): { key: string; n: number; alert: boolean }[] {
  const c = counts ?? { open: 0, p1: 0, overdueTasks: 0, openTasks: 0, openedSince: 0, leaderCommand: 0 }
  return [
    { key: 'board.count.open', n: c.open, alert: false },
    { key: 'board.count.p1', n: c.p1, alert: true },
    { key: 'board.count.overdue', n: c.overdueTasks, alert: true },
    { key: 'board.count.tasks', n: c.openTasks, alert: false },
    { key: 'board.count.today', n: c.openedSince, alert: false },
    { key: 'board.count.leader', n: c.leaderCommand, alert: false },
  ]
}
