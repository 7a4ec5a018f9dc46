import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, type OrderName, type TaskStep } from './index'
import type { Agency, Category, NewReport, Plan, Seat, User } from './types'

/**
 * Every call of `api` against the server's own mappings, read from the controllers' source
 * (class-level @RequestMapping plus @Get/@Post/@Put/@Delete/@PatchMapping), so that a path or a
 * method the server does not serve fails here instead of as a silent 404 in the browser.
 */
const JAVA = fileURLToPath(new URL('../../../src/main/java', import.meta.url))

interface Route { method: string; path: string; pattern: RegExp }

function javaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name)
    return statSync(file).isDirectory() ? javaFiles(file) : name.endsWith('.java') ? [file] : []
  })
}

/** The paths of one annotation's arguments: `("/a")`, `({"/a", "/b"})`, `(path = "/a", …)`, or none. */
function pathsOf(args: string | undefined): string[] {
  if (!args) return ['']
  const named = /(?:path|value)\s*=\s*(\{[^}]*\}|"[^"]*")/.exec(args)
  const list = named ? named[1] : /^\s*(\{[^}]*\}|"[^"]*")/.exec(args)?.[1]
  if (!list) return ['']
  return [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1])
}

function serverRoutes(): Route[] {
  const routes: Route[] = []
  for (const file of javaFiles(JAVA)) {
    const source = readFileSync(file, 'utf8')
    if (!/@RestController\b/.test(source)) continue
    const classAt = source.search(/\bclass\s+\w+/)
    const prefixes = /@RequestMapping(?:\(([^)]*)\))?/.exec(source.substring(0, classAt))
    const bases = prefixes ? pathsOf(prefixes[1]) : ['']
    for (const m of source.substring(classAt).matchAll(/@(Get|Post|Put|Delete|Patch)Mapping(?:\(([^)]*)\))?/g)) {
      for (const base of bases) {
        for (const sub of pathsOf(m[2])) {
          const path = base + sub
          const regex = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/]*?\}/g, '[^/]+')
          routes.push({ method: m[1].toUpperCase(), path, pattern: new RegExp(`^${regex}$`) })
        }
      }
    }
  }
  // Spring Security's form login and logout
  routes.push({ method: 'POST', path: '/login', pattern: /^\/login$/ })
  routes.push({ method: 'POST', path: '/logout', pattern: /^\/logout$/ })
  return routes
}

const agency = { code: 'GAS-CO' } as Agency
const category = { code: 'GAS' } as Category
const plan = { code: 'GAS-LEAK' } as Plan
const seat = { code: 'S1' } as Seat
const user = { username: 'calltaker' } as User
const ORDERS: OrderName[] = ['dispatch', 'activate-plan', 'note', 'severity', 'priority', 'hand-over', 'close', 'cancel', 'reopen']
const STEPS: TaskStep[] = ['acknowledge', 'arrive', 'report-back', 'complete', 'return']

/** Arguments for every function of `api`: each list is one call. */
const CALLS: { [K in keyof typeof api]: Parameters<(typeof api)[K]>[] } = {
  login: [['u', 'p']],
  logout: [[]],
  me: [[]],
  config: [[]],
  fileReport: [[{} as NewReport, 'key']],
  classify: [['燃气']],
  reports: [[{ incident: 1, limit: 5 }]],
  incidents: [[{ status: 'OPEN' }]],
  counts: [[{}]],
  nearby: [[{ lat: 41.5, lon: 120.4 }]],
  incident: [[12]],
  record: [[12]],
  order: ORDERS.map((o) => [12, o, {}]),
  tasks: [[{ overdue: true }]],
  task: [[7]],
  step: STEPS.map((s) => [7, s, { version: 1 }]),
  attachments: [[7]],
  attachmentUrl: [[7, 3]],
  attachPhoto: [[7, {} as File, () => {}]],
  agencies: [[]],
  saveAgency: [[agency, true], [agency, false]],
  deleteAgency: [['GAS-CO']],
  zones: [[]],
  seats: [[]],
  saveSeat: [[seat]],
  categories: [[]],
  saveCategory: [[category, true], [category, false]],
  plans: [[]],
  plan: [['GAS-LEAK']],
  savePlan: [[plan, true], [plan, false]],
  users: [[]],
  saveUser: [[user, true], [user, false]],
  summary: [[{}]],
  notifications: [[]],
  markRead: [[5]],
}

afterEach(() => vi.unstubAllGlobals())

describe('the console calls only what the server serves', () => {
  const routes = serverRoutes()

  it('reads the server mappings', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /api/public/config', 'GET /api/incidents/{id}', 'POST /api/tasks/{id}/attachments']),
    )
  })

  it('every call of api is a method and path of a controller', async () => {
    const called: string[] = []
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      called.push(`${init.method} ${url}`)
      return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
    vi.stubGlobal('document', { cookie: '' })
    vi.stubGlobal('FormData', class { append() {} })
    vi.stubGlobal('XMLHttpRequest', class {
      upload = {}
      open(method: string, url: string) { called.push(`${method} ${url}`) }
      setRequestHeader() {}
      send() {}
    })

    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(api).sort())
    for (const [name, calls] of Object.entries(CALLS)) {
      for (const args of calls) {
        const fn = api[name as keyof typeof api] as (...a: unknown[]) => unknown
        const result = fn(...args)
        if (typeof result === 'string') called.push(`GET ${result}`)
        else if (name !== 'attachPhoto') await result
      }
    }

    const unserved = called.filter((call) => {
      const [method, url] = call.split(' ')
      const path = url.split('?')[0]
      return !routes.some((r) => r.method === method && r.pattern.test(path))
    })
    expect(called.length).toBeGreaterThan(Object.keys(CALLS).length)
    expect(unserved).toEqual([])
  })
})
