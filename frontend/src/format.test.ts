import { describe, expect, it } from 'vitest'
import { duration, hourOf, startOfToday } from './format'

describe('format', () => {
  it('writes durations as m:ss or h:mm:ss', () => {
    expect(duration(75)).toBe('1:15')
    expect(duration(3725)).toBe('1:02:05')
    expect(duration(-30)).toBe('-0:30')
  })

  it('starts the day at midnight in Asia/Shanghai, which is 16:00 UTC the day before', () => {
    expect(startOfToday(new Date('2026-12-04T12:29:00Z')).toISOString()).toBe('2026-12-03T16:00:00.000Z')
    expect(startOfToday(new Date('2026-12-04T17:00:00Z')).toISOString()).toBe('2026-12-04T16:00:00.000Z')
  })

  it('reads the hour of an instant in the center zone', () => {
    expect(hourOf('2026-12-04T12:29:00Z')).toBe(20)
  })
})
