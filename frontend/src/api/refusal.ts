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

/**
 * What the agency's task screen shows when the server refuses a step, and whether it reloads the
 * task: a 409 (someone moved the task meanwhile) and a 422 `task-step-refused` (the task has ended:
 * cancelled when its incident was closed, completed, or returned) both reload it, since the task on
 * screen is out of date; the server's detail says which.
 */
export function stepRefusal(e: unknown, t: Translate): { message: string; reload: boolean } {
  if (!(e instanceof ProblemError)) return { message: t('error.network'), reload: false }
  if (e.status === 409) return { message: t('steps.changed'), reload: true }
  if (e.status === 422 && e.slug === 'task-step-refused') {
    return { message: t('steps.ended', { detail: e.detail }), reload: true }
  }
  return { message: `${e.title}: ${e.detail}`, reload: false }
}
