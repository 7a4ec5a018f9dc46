// Fails the build when the console shows text that is not translated:
//  1. a key exists in one locale file but not in the other (or is empty);
//  2. a .vue template holds literal Chinese or English words in a text node or in a static
//     label/placeholder/title-like attribute, instead of {{ t('...') }} or :attr="t('...')";
//  3. a script (.vue or .ts) holds a string literal with Chinese characters;
//  4. a literal message key used in the sources ('nav.board', t('common.ok')) is missing.
// Run: node scripts/check-i18n.mjs (part of npm run build and npm test).
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from '@vue/compiler-sfc'

const root = fileURLToPath(new URL('..', import.meta.url))
// --src <dir> checks another tree laid out like src/ (the checker's own tests use it).
const srcArg = process.argv.indexOf('--src')
const src = srcArg > 0 ? process.argv[srcArg + 1] : join(root, 'src')
const problems = []

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/
const WORD = /[A-Za-z]{2,}/
const TEXT_ATTRIBUTES = new Set([
  'label', 'placeholder', 'title', 'content', 'alt', 'aria-label', 'start-placeholder', 'end-placeholder',
  'sub-title', 'text', 'confirm-button-text', 'cancel-button-text', 'empty-text', 'description', 'range-separator',
  'active-text', 'inactive-text', 'tooltip',
])
// Labels that are the same in every language: percentiles and similar symbols.
const UNIVERSAL = new Set(['P50', 'P90', 'P1', 'P2', 'P3', 'P4'])

function flatten(object, prefix = '', out = new Map()) {
  for (const [key, value] of Object.entries(object)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (value && typeof value === 'object') flatten(value, path, out)
    else out.set(path, value)
  }
  return out
}

function files(dir, ext, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) files(path, ext, out)
    else if (ext.some((e) => name.endsWith(e))) out.push(path)
  }
  return out
}

// 1. both locales have the same keys, none empty
const zh = flatten(JSON.parse(readFileSync(join(src, 'locales/zh-CN.json'), 'utf8')))
const en = flatten(JSON.parse(readFileSync(join(src, 'locales/en.json'), 'utf8')))
for (const [a, b, name] of [[zh, en, 'en.json'], [en, zh, 'zh-CN.json']]) {
  for (const key of a.keys()) if (!b.has(key)) problems.push(`${name}: missing key "${key}"`)
}
for (const [map, name] of [[zh, 'zh-CN.json'], [en, 'en.json']]) {
  for (const [key, value] of map) {
    if (typeof value !== 'string' || !value.trim()) problems.push(`${name}: key "${key}" is empty`)
  }
}

// 2. templates: literal text and static text attributes
function visit(node, file) {
  const where = () => `${relative(root, file)}:${node.loc?.start.line ?? '?'}`
  if (node.type === 2) {
    const text = node.content.trim()
    if (text && !UNIVERSAL.has(text) && (CJK.test(text) || WORD.test(text))) {
      problems.push(`${where()}: untranslated text "${text.slice(0, 60)}"`)
    }
  }
  if (node.type === 1) {
    for (const prop of node.props ?? []) {
      if (prop.type === 6 && prop.value && TEXT_ATTRIBUTES.has(prop.name)) {
        const value = prop.value.content.trim()
        if (!UNIVERSAL.has(value) && (CJK.test(value) || WORD.test(value))) {
          problems.push(`${where()}: untranslated attribute ${prop.name}="${value.slice(0, 60)}"`)
        }
      }
    }
  }
  for (const child of node.children ?? []) visit(child, file)
}

function stripComments(code) {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
}

const usedKeys = new Map()
const namespaces = new Set([...zh.keys()].map((k) => k.split('.')[0]))
function collectKeys(code, file, onlyCalls = false) {
  for (const m of code.matchAll(/\bt\(\s*['"]([^'"]+)['"]\s*[,)]/g)) usedKeys.set(m[1], relative(root, file))
  if (onlyCalls) return
  for (const m of code.matchAll(/['"`]([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_-]+)+)['"`]/g)) {
    const key = m[1]
    if (namespaces.has(key.split('.')[0]) && !key.endsWith('.')) usedKeys.set(key, relative(root, file))
  }
}

// 3. scripts: no Chinese string literals outside the locale files
function checkScript(code, file, offsetLine = 0) {
  const clean = stripComments(code)
  clean.split('\n').forEach((line, i) => {
    if (CJK.test(line)) problems.push(`${relative(root, file)}:${offsetLine + i + 1}: Chinese text in code: ${line.trim().slice(0, 60)}`)
  })
  collectKeys(clean, file)
}

for (const file of files(src, ['.vue'])) {
  const { descriptor, errors } = parse(readFileSync(file, 'utf8'), { filename: file })
  if (errors.length) problems.push(`${relative(root, file)}: cannot parse: ${errors[0]}`)
  if (descriptor.template?.ast) {
    visit(descriptor.template.ast, file)
    collectKeys(descriptor.template.content, file, true)
  }
  for (const block of [descriptor.script, descriptor.scriptSetup]) {
    if (block) checkScript(block.content, file, block.loc.start.line - 1)
  }
}
for (const file of files(src, ['.ts'])) {
  if (file.endsWith('.test.ts') || file.endsWith('.d.ts')) continue
  checkScript(readFileSync(file, 'utf8'), file)
}

// 4. literal keys exist
for (const [key, file] of usedKeys) {
  if (!zh.has(key)) problems.push(`${file}: message key "${key}" is not in the locale files`)
}

if (problems.length) {
  console.error(`i18n check: ${problems.length} problem(s)`)
  for (const p of problems) console.error(`  ${p}`)
  process.exit(1)
}
console.log(`i18n check: ${zh.size} keys in zh-CN and en, templates and scripts clean (${usedKeys.size} literal keys used)`)
