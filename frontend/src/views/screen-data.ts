import type { Report, Task } from '@/api/types'
import { hourOf } from '@/format'

/** Counts of reports per hour of the day (0-23) in the center's zone. */
export function perHour(reports: Pick<Report, 'receivedAt'>[]): number[] {
  const hours = new Array<number>(24).fill(0)
  for (const r of reports) hours[hourOf(r.receivedAt)]++
  return hours
}

export function countBy<T>(items: T[], key: (item: T) => string | undefined | null): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) {
    const k = key(item)
    if (k) counts[k] = (counts[k] ?? 0) + 1
  }
  return counts
}

/**
 * Share of each agency's tasks handled without passing a deadline: a task that went overdue, was
 * reminded or escalated counts as late. Cancelled tasks are left out.
 */
export function onTimeRates(tasks: Task[]): { agency: string; rate: number; tasks: number }[] {
  const by = new Map<string, { total: number; late: number }>()
  for (const task of tasks) {
    if (task.status === 'CANCELLED') continue
    const row = by.get(task.agency) ?? { total: 0, late: 0 }
    row.total++
    if (task.overdue || (task.reminders ?? 0) > 0 || task.escalated) row.late++
    by.set(task.agency, row)
  }
  return [...by.entries()]
    .map(([agency, { total, late }]) => ({ agency, tasks: total, rate: total ? (total - late) / total : 1 }))
    .sort((a, b) => a.rate - b.rate || b.tasks - a.tasks)
}

/** Top entries of a count map, biggest first. */
export function top(counts: Record<string, number>, n: number): [string, number][] {
  return Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, n)
}
