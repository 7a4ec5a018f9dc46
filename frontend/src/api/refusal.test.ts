import { describe, expect, it } from 'vitest'
import { ProblemError } from './http'
import { refusalMessage, stepRefusal } from './refusal'

const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? ' ' + JSON.stringify(values) : ''}`

describe('refusalMessage', () => {
  it('shows why a 409 refused the change, not only that something changed', () => {
    const blocked = new ProblemError(409, 'urn:liandong:problem:conflict', 'Conflicting change',
      'agency WATER cannot be deactivated: still has 2 open tasks 41 (incident 17), 42 (incident 18)')
    expect(refusalMessage(blocked, t)).toBe(
      'admin.refused {"detail":"agency WATER cannot be deactivated: still has 2 open tasks 41 (incident 17), 42 (incident 18)"}')
  })

  it('falls back to the title when a 409 has no detail', () => {
    expect(refusalMessage(new ProblemError(409, '', 'Conflicting change', ''), t))
      .toBe('admin.refused {"detail":"Conflicting change"}')
  })

  it('gives other problems as title and detail, and a network failure its own text', () => {
    expect(refusalMessage(new ProblemError(400, '', 'Invalid request', 'code: must not be blank'), t))
      .toBe('Invalid request: code: must not be blank')
    expect(refusalMessage(new TypeError('fetch failed'), t)).toBe('error.network')
  })
})

describe('stepRefusal', () => {
  it('reloads a task another step or a close has moved meanwhile', () => {
    expect(stepRefusal(new ProblemError(409, 'urn:liandong:problem:conflict', 'Conflicting change', 'stale'), t))
      .toEqual({ message: 'steps.changed', reload: true })
  })

  it('says why a step on an ended task was refused, and reloads it', () => {
    const ended = new ProblemError(422, 'urn:liandong:problem:task-step-refused', 'Step refused',
      'task 12 is already CANCELLED: its incident 34 was closed; no step can follow')
    expect(stepRefusal(ended, t)).toEqual({
      message: 'steps.ended {"detail":"task 12 is already CANCELLED: its incident 34 was closed; no step can follow"}',
      reload: true,
    })
  })

  it('shows other refusals as they are, without reloading', () => {
    expect(stepRefusal(new ProblemError(400, 'urn:liandong:problem:validation', 'Invalid request', 'text: too long'), t))
      .toEqual({ message: 'Invalid request: text: too long', reload: false })
    expect(stepRefusal(new Error('offline'), t)).toEqual({ message: 'error.network', reload: false })
  })
})
