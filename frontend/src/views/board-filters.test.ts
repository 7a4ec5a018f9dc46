import { describe, expect, it } from 'vitest'
import type { Zone } from '@/api/types'
import { counterTiles, defaultFilters, filtersFromQuery, filtersToQuery, inDivision, platformsOf, serverQuery, zonesOf } from './board-filters'

const ZONES: Zone[] = [
  { code: 'LEADERSHIP', platform: 'CITY-EMERGENCY' },
  { code: 'EMERGENCY-LINKAGE', platform: 'CITY-EMERGENCY' },
  { code: 'GOVERNANCE-LINKAGE', platform: 'GOVERNANCE' },
  { code: 'POLICE-COMMAND', platform: 'POLICE-COMMAND' },
]

describe('board filters', () => {
  it('reads the filters from the address and ignores other parameters', () => {
    const filters = filtersFromQuery({ platform: 'GOVERNANCE', zone: ['GOVERNANCE-LINKAGE', 'X'], lang: 'en', q: '燃气' })
    expect(filters).toEqual({ ...defaultFilters(), platform: 'GOVERNANCE', zone: 'GOVERNANCE-LINKAGE', q: '燃气' })
  })

  it('writes only the filters that differ from the default, keeping the language', () => {
    const filters = { ...defaultFilters(), platform: 'POLICE-COMMAND', status: '' }
    expect(filtersToQuery(filters, { lang: 'zh-CN', zone: 'OLD' })).toEqual({ lang: 'zh-CN', platform: 'POLICE-COMMAND', status: '' })
    expect(filtersToQuery(defaultFilters())).toEqual({})
  })

  it('round-trips through the address', () => {
    const filters = { ...defaultFilters(), zone: 'EMERGENCY-LINKAGE', severity: 'II', district: '211302' }
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters)
  })

  it('keeps the incidents of a division and those below it, a city named by its 6-digit code too', () => {
    expect(inDivision('211381', '211381')).toBe(true)
    expect(inDivision('211381001', '211381')).toBe(true)
    expect(inDivision('211381', '2113')).toBe(true)
    expect(inDivision('211381', '211300')).toBe(true)
    expect(inDivision('211381', '210000')).toBe(true)
    expect(inDivision('211382', '211381')).toBe(false)
    expect(inDivision('211381001', '211381001000')).toBe(true)
    expect(inDivision('211381', '211381000000')).toBe(true)
    expect(inDivision('211381', '211300000000')).toBe(true)
    expect(inDivision('211381', '211381001000')).toBe(false)
    expect(inDivision(null, '211381')).toBe(false)
  })

  it('sends the server only what it filters, and nothing for an empty filter', () => {
    const query = serverQuery({ ...defaultFilters(), platform: 'GOVERNANCE', district: '211302', priority: 'P1', q: ' 燃气 ' })
    expect(query).toEqual({
      status: 'OPEN', platform: 'GOVERNANCE', zone: undefined, category: undefined, severity: undefined, agency: undefined,
      district: '211302', priority: 'P1', q: '燃气',
    })
    expect(serverQuery({ ...defaultFilters(), q: '   ' }).q).toBeUndefined()
  })

  it('offers the zones of the chosen platform, and each platform once', () => {
    expect(zonesOf(ZONES, 'CITY-EMERGENCY').map((z) => z.code)).toEqual(['LEADERSHIP', 'EMERGENCY-LINKAGE'])
    expect(zonesOf(ZONES, '')).toHaveLength(4)
    expect(platformsOf(ZONES)).toEqual(['CITY-EMERGENCY', 'GOVERNANCE', 'POLICE-COMMAND'])
  })

  it('shows the server counts, however large, and zeros before they arrive', () => {
    const tiles = counterTiles({ open: 12345, p1: 7, leaderCommand: 2, openTasks: 30000, overdueTasks: 4, openedSince: 99, since: '' })
    expect(Object.fromEntries(tiles.map((c) => [c.key, c.n]))).toEqual({
      'board.count.open': 12345,
      'board.count.p1': 7,
      'board.count.overdue': 4,
      'board.count.tasks': 30000,
      'board.count.today': 99,
      'board.count.leader': 2,
    })
    expect(counterTiles(null).every((c) => c.n === 0)).toBe(true)
  })
})
