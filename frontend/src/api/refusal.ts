import { ProblemError } from './http'

type Translate = (key: string, values?: Record<string, unknown>) => string

/**
 * What an administration screen shows when the server refuses a save or a removal. A 409 can be a
 * change made by someone else meanwhile, a code that already exists, or a deactivation that
 * categories, plans, seats, open tasks or users still block: the server's detail says which, so it
 * is shown in every case (the list is reloaded after a 409, so a stale copy is replaced).
 */
export function refusalMessage(e: unknown, t: Translate): string {
  if (!(e instanceof ProblemError)) return t('error.network')
  if (e.status === 409) return t('admin.refused', { detail: e.detail || e.title })
  return `${e.title}: ${e.detail}`
}
