import { describe, expect, it } from 'vitest'
import { toCsv } from './csv'

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks and starts with a BOM', () => {
    const csv = toCsv([['section', 'key', 'value'], ['byCategory', '燃气, "泄漏"', 3], ['x', null, undefined]])
    expect(csv).toBe('\uFEFFsection,key,value\r\nbyCategory,"燃气, ""泄漏""",3\r\nx,,\r\n')
  })
})
