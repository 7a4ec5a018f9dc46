import { defineStore } from 'pinia'
import { api } from '@/api'
import type { ConsoleConfig } from '@/api/types'
import { centerZone } from '@/format'

/** The path the console reads this center's settings from (ConsoleConfigController). */
export const CONFIG_PATH = '/api/public/config'

/** Map and zone settings used until (or unless) GET /api/public/config answers. */
export const DEFAULT_CONFIG: ConsoleConfig = {
  tileUrl: null,
  tileCoordSystem: 'WGS84',
  zone: 'Asia/Shanghai',
  cityCode: '211300',
  cityCenter: { lat: 41.5718, lon: 120.4507 },
  zoom: 9,
}

export const useConfig = defineStore('config', {
  state: () => ({
    config: { ...DEFAULT_CONFIG } as ConsoleConfig,
    loaded: false,
    /** Why the last load failed (shown as a banner), or null. */
    failure: null as string | null,
  }),
  actions: {
    /**
     * Loads the settings once. A failure keeps the built-in defaults (the console still works
     * without a tile server), but is logged and kept in `failure` for the banner; the next call retries.
     */
    async load(): Promise<void> {
      if (this.loaded) return
      try {
        this.config = { ...DEFAULT_CONFIG, ...(await api.config()) }
        centerZone.value = this.config.zone
        this.loaded = true
        this.failure = null
      } catch (e) {
        this.failure = e instanceof Error ? e.message : String(e)
        console.warn(`Liandong: the center's settings could not be loaded from ${CONFIG_PATH};`
          + ' the map and times use built-in defaults', e)
      }
    },
  },
})
