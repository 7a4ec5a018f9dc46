import { describe, expect, it } from 'vitest'
import { maskPhone, newKey } from './ids'

describe('ids', () => {
  it('masks phone numbers like the server does', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('110')).toBe('*10')
    expect(maskPhone(undefined)).toBe('')
  })

  it('makes distinct idempotency keys', () => {
    expect(newKey()).not.toBe(newKey())
  })
})
