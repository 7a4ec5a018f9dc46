import { describe, expect, it } from 'vitest'
import type { Task } from '@/api/types'
import { countBy, onTimeRates, perHour, top } from './screen-data'

const task = (agency: string, extra: Partial<Task> = {}): Task => ({
  id: 1, incidentId: 1, agency, instructions: '', priority: 'P1', status: 'COMPLETED', issuedAt: '', version: 0,
  ...extra,
})

describe('leader screen figures', () => {
  it('counts reports per hour in Asia/Shanghai', () => {
    const hours = perHour([{ receivedAt: '2026-12-04T12:29:00Z' }, { receivedAt: '2026-12-04T12:59:59Z' }])
    expect(hours[20]).toBe(2)
    expect(hours.reduce((a, b) => a + b)).toBe(2)
  })

  it('rates agencies by the share of tasks that met every deadline, worst first', () => {
    const rates = onTimeRates([
      task('GAS-CO'), task('GAS-CO', { overdue: true }), task('FIRE-BRIGADE'), task('FIRE-BRIGADE', { status: 'CANCELLED', overdue: true }),
    ])
    expect(rates).toEqual([
      { agency: 'GAS-CO', tasks: 2, rate: 0.5 },
      { agency: 'FIRE-BRIGADE', tasks: 1, rate: 1 },
    ])
  })

  it('counts and ranks', () => {
    const counts = countBy(['a', 'b', 'a', null], (x) => x)
    expect(counts).toEqual({ a: 2, b: 1 })
    expect(top(counts, 1)).toEqual([['a', 2]])
  })
})
