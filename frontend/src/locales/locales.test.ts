import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CHANNELS, INCIDENT_STATUSES, PRIORITIES, RECORD_TYPES, ROLES, SEVERITIES, TASK_STATUSES } from '@/api/types'
import zh from './zh-CN.json'
import en from './en.json'

type Messages = Record<string, unknown>
const lookup = (messages: Messages, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Messages | undefined)?.[part], messages)

const script = fileURLToPath(new URL('../../scripts/check-i18n.mjs', import.meta.url))

function check(files: Record<string, string>): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  try {
    return { ok: true, output: execFileSync('node', [script, '--src', dir], { encoding: 'utf8', stdio: 'pipe' }) }
  } catch (e) {
    return { ok: false, output: String((e as { stderr: string }).stderr) }
  }
}

const locales = (zhMessages: Messages, enMessages: Messages) => ({
  'locales/zh-CN.json': JSON.stringify(zhMessages),
  'locales/en.json': JSON.stringify(enMessages),
})

describe('message files', () => {
  it.each([
    ['channel', CHANNELS], ['priority', PRIORITIES], ['severity', SEVERITIES], ['recordType', RECORD_TYPES],
    ['taskStatus', TASK_STATUSES], ['incidentStatus', INCIDENT_STATUSES], ['role', ROLES],
  ] as [string, readonly string[]][])('name every %s value in both languages', (prefix, values) => {
    for (const value of values) {
      expect(lookup(zh, `${prefix}.${value}`), `zh-CN ${prefix}.${value}`).toBeTypeOf('string')
      expect(lookup(en, `${prefix}.${value}`), `en ${prefix}.${value}`).toBeTypeOf('string')
    }
  })

  it('use the dispatcher words of the design brief', () => {
    const text = JSON.stringify(zh)
    for (const word of ['警情', '联动单位', '指挥长', '值班领导', '联动任务', '签收', '到场', '反馈', '办结', '退单', '催办', '督办', '应急预案']) {
      expect(text).toContain(word)
    }
  })
})

describe('the untranslated-text check', () => {
  const good = { hello: 'x' }

  it('passes the console itself', () => {
    expect(execFileSync('node', [script], { encoding: 'utf8' })).toContain('clean')
  })

  it('fails on a key that only one locale has', () => {
    const result = check(locales({ hello: '你好', extra: '多余' }, good))
    expect(result.ok).toBe(false)
    expect(result.output).toContain('en.json: missing key "extra"')
  })

  it('fails on literal Chinese or English text in a template', () => {
    const result = check({
      ...locales(good, good),
      'views/A.vue': '<template><div><span>提交</span><b>Submit now</b><i>{{ t(\'hello\') }}</i></div></template>',
    })
    expect(result.ok).toBe(false)
    expect(result.output).toContain('untranslated text "提交"')
    expect(result.output).toContain('untranslated text "Submit now"')
  })

  it('fails on a literal placeholder but not on a bound one', () => {
    const result = check({
      ...locales(good, good),
      'views/B.vue': '<template><el-input placeholder="Search" /><el-input :placeholder="t(\'hello\')" /></template>',
    })
    expect(result.output).toContain('untranslated attribute placeholder="Search"')
    expect(result.output).not.toContain('hello')
  })

  it('fails on a Chinese string in a script and on a missing key', () => {
    const result = check({
      ...locales(good, good),
      'views/C.vue': '<script setup lang="ts">\nconst a = \'警情\'\nconst b = t(\'nope.key\')\n</script>\n<template><p /></template>',
    })
    expect(result.output).toContain('Chinese text in code')
    expect(result.output).toContain('message key "nope.key"')
  })
})
