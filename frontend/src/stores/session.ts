import { defineStore } from 'pinia'
import { api } from '@/api'
import type { Me, Role } from '@/api/types'

/** Where each role starts after login, most specific role first. */
const HOMES: [Role, string][] = [
  ['ADMIN', '/admin'],
  ['COMMANDER', '/command'],
  ['LEADER', '/screen'],
  ['CALL_TAKER', '/intake'],
  ['ANALYST', '/stats'],
  ['AGENCY_REP', '/inbox'],
  ['AGENCY_CLERK', '/inbox'],
]

const HALL_ROLES: Role[] = ['ADMIN', 'COMMANDER', 'LEADER', 'CALL_TAKER', 'ANALYST']

export const useSession = defineStore('session', {
  state: () => ({ me: null as Me | null, checked: false }),
  getters: {
    loggedIn: (state) => state.me !== null,
    roles: (state): Role[] => state.me?.roles ?? [],
    /** An agency representative or clerk without a hall role: sees only its own agency's tasks. */
    isAgencyUser(): boolean {
      return !!this.me?.agency && !this.roles.some((r) => HALL_ROLES.includes(r))
    },
    home(): string {
      return HOMES.find(([role]) => this.roles.includes(role))?.[1] ?? '/login'
    },
  },
  actions: {
    hasAny(...wanted: Role[]): boolean {
      return wanted.length === 0 || wanted.some((role) => this.roles.includes(role))
    },
    async load(): Promise<void> {
      try {
        this.me = await api.me()
      } catch {
        this.me = null
      } finally {
        this.checked = true
      }
    },
    async login(username: string, password: string): Promise<void> {
      this.me = await api.login(username, password)
      this.checked = true
    },
    async logout(): Promise<void> {
      try {
        await api.logout()
      } finally {
        this.me = null
      }
    },
  },
})
