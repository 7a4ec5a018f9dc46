import { defineStore } from 'pinia'
import { api } from '@/api'
import type { Agency, Category, Plan, Zone } from '@/api/types'
import { localName } from '@/i18n'
import townships from '@/data/townships.json'

export interface District {
  code: string
  name: string
  townships: { code: string; name: string }[]
}

export const DISTRICTS: District[] = townships.districts

export function districtName(code?: string | null): string {
  if (!code) return ''
  const district = DISTRICTS.find((d) => d.code === code.substring(0, 6))
  const township = district?.townships.find((t) => t.code === code)
  return [district?.name, township?.name].filter(Boolean).join(' ') || code
}

/** Agencies, categories, zones and plans, loaded once per session and on demand after admin edits. */
export const useReference = defineStore('reference', {
  state: () => ({
    agencies: [] as Agency[],
    categories: [] as Category[],
    zones: [] as Zone[],
    plans: [] as Plan[],
    loaded: false,
  }),
  getters: {
    agencyName: (state) => (code?: string | null) =>
      code ? localName(state.agencies.find((a) => a.code === code), code) : '',
    categoryName: (state) => (code?: string | null) =>
      code ? localName(state.categories.find((c) => c.code === code), code) : '',
    planName: (state) => (code?: string | null) =>
      code ? localName(state.plans.find((p) => p.code === code), code) : '',
  },
  actions: {
    async load(force = false): Promise<void> {
      if (this.loaded && !force) return
      const [agencies, categories, zones, plans] = await Promise.allSettled([
        api.agencies(), api.categories(), api.zones(), api.plans(),
      ])
      if (agencies.status === 'fulfilled') this.agencies = agencies.value
      if (categories.status === 'fulfilled') this.categories = categories.value
      if (zones.status === 'fulfilled') this.zones = zones.value
      if (plans.status === 'fulfilled') this.plans = plans.value
      this.loaded = true
    },
  },
})
