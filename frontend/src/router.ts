import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'
import { useSession } from '@/stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    roles?: Role[]
    public?: boolean
    bare?: boolean
    title?: string
  }
}

const HALL: Role[] = ['CALL_TAKER', 'COMMANDER', 'LEADER', 'ANALYST', 'ADMIN']
const AGENCY: Role[] = ['AGENCY_REP', 'AGENCY_CLERK', 'ADMIN']

// Every screen is its own chunk: the first load carries only the shell and the login form.
const routes: RouteRecordRaw[] = [
  { path: '/login', component: () => import('@/views/LoginView.vue'), meta: { public: true, bare: true, title: 'nav.login' } },
  { path: '/', component: () => import('@/views/HomeView.vue') },
  { path: '/intake', component: () => import('@/views/IntakeView.vue'),
    meta: { roles: ['CALL_TAKER', 'COMMANDER', 'ADMIN'], title: 'nav.intake' } },
  { path: '/board', component: () => import('@/views/BoardView.vue'), meta: { roles: HALL, title: 'nav.board' } },
  { path: '/incidents/:id(\\d+)', component: () => import('@/views/IncidentView.vue'), props: true,
    meta: { roles: HALL, title: 'nav.incident' } },
  { path: '/command', component: () => import('@/views/CommandView.vue'),
    meta: { roles: ['COMMANDER', 'LEADER', 'ADMIN'], title: 'nav.command' } },
  { path: '/inbox', component: () => import('@/views/InboxView.vue'), meta: { roles: AGENCY, title: 'nav.inbox' } },
  { path: '/tasks/:id(\\d+)', component: () => import('@/views/TaskView.vue'), props: true,
    meta: { roles: [...AGENCY, ...HALL], title: 'nav.task' } },
  { path: '/screen', component: () => import('@/views/ScreenView.vue'),
    meta: { roles: ['LEADER', 'COMMANDER', 'ADMIN'], bare: true, title: 'nav.screen' } },
  { path: '/stats', component: () => import('@/views/StatsView.vue'),
    meta: { roles: ['ANALYST', 'LEADER', 'COMMANDER', 'ADMIN'], title: 'nav.stats' } },
  { path: '/admin/:tab?', component: () => import('@/views/AdminView.vue'), props: true,
    meta: { roles: ['ADMIN'], title: 'nav.admin' } },
  { path: '/forbidden', component: () => import('@/views/ForbiddenView.vue'), meta: { title: 'nav.forbidden' } },
  { path: '/:pathMatch(.*)*', component: () => import('@/views/NotFoundView.vue'), meta: { public: true, title: 'nav.notFound' } },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const session = useSession()
  if (!session.checked) await session.load()
  if (to.meta.public) return true
  if (!session.loggedIn) return { path: '/login', query: { redirect: to.fullPath } }
  if (to.path === '/') return session.home
  if (to.meta.roles && !session.hasAny(...to.meta.roles)) return '/forbidden'
  return true
})
