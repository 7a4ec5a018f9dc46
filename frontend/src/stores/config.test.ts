import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_CONFIG, useConfig } from './config'

function answer(status: number, body: unknown) {
  return vi.fn(async (_url: string, _init: RequestInit) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }))
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('console settings', () => {
  it('reads them from GET /api/public/config', async () => {
    const fetch = answer(200, { tileUrl: 'http://127.0.0.1:9/{z}/{x}/{y}.png', tileCoordSystem: 'GCJ02', zoom: 11 })
    vi.stubGlobal('fetch', fetch)
    const config = useConfig()

    await config.load()

    expect(fetch.mock.calls[0][0]).toBe('/api/public/config')
    expect(config.config).toMatchObject({ tileUrl: 'http://127.0.0.1:9/{z}/{x}/{y}.png', tileCoordSystem: 'GCJ02', zoom: 11 })
    expect(config.loaded).toBe(true)
    expect(config.failure).toBeNull()
  })

  it('keeps the defaults when they cannot be read, but says so and tries again next time', async () => {
    vi.stubGlobal('fetch', answer(404, { title: 'Not Found', detail: 'No static resource api/console/config.' }))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const config = useConfig()

    await config.load()

    expect(config.config).toEqual(DEFAULT_CONFIG)
    expect(config.loaded).toBe(false)
    expect(config.failure).toContain('api/console/config')
    expect(warn).toHaveBeenCalledOnce()
    expect(String(warn.mock.calls[0][0])).toContain('/api/public/config')

    vi.stubGlobal('fetch', answer(200, { zoom: 12 }))
    await config.load()
    expect(config.config.zoom).toBe(12)
    expect(config.failure).toBeNull()
  })
})
